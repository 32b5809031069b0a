// Browser benchmarks (issue 9): the release build in headless Chromium — cold start with a ledger
// in storage next to a plain-JSON page, typing latency, import and merge of a file, the bulletin.
//
// Usage: node benches/browser/bench.mjs [dist folder, default dist] [output, default target/bench/browser.json]
// Needs the synthetic ledgers in target/bench (see `need()` below for the command that makes them).
// Environment: BROWSER_RUNS (default 7), BROWSER_KEYS (keystrokes per typing run, default 50),
// BROWSER_TYPING_RUNS (default 1), BROWSER_SIZES (default 200,1000,2000), CHROMIUM (/usr/bin/chromium),
// BROWSER_PARTS (default all: `files,sizes,forks,excel,longtext`; `sizes` alone skips the
// example's bulletin, the import and merge of a file, and the merge of a colleague's copy),
// BROWSER_FORKS_N (the ledger size of `forks`, default 2000; its runs: BROWSER_FORK_RUNS, default
// 3), BROWSER_EXCEL_ROWS (the workbook of `excel`, default 2000; runs: BROWSER_EXCEL_RUNS, 3).
// The long text's floor (the JSON page column) is a bare textarea of the same size holding the
// same text. Timings are reported (median, p95 by nearest rank), never asserted. Times are taken inside the
// page with performance.now(); Playwright only waits for them.

import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { CHROMIUM, LAUNCH_ARGS } from '../../tests/e2e/support/harness.mjs';
import { startServer } from './server.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const DIST = resolve(process.argv[2] ?? join(ROOT, 'dist'));
const OUT = resolve(process.argv[3] ?? join(ROOT, 'target', 'bench', 'browser.json'));
const DATA = join(ROOT, 'target', 'bench');
const RUNS = Number(process.env.BROWSER_RUNS ?? 7);
const KEYS = Number(process.env.BROWSER_KEYS ?? 50);
const TYPING_RUNS = Number(process.env.BROWSER_TYPING_RUNS ?? 1);
const SIZES = (process.env.BROWSER_SIZES ?? '200,1000,2000').split(',').map(Number);
const PARTS = (process.env.BROWSER_PARTS ?? 'files,sizes,forks,excel,longtext').split(',');
const EXCEL_ROWS = Number(process.env.BROWSER_EXCEL_ROWS ?? 2000);
const EXCEL_RUNS = Number(process.env.BROWSER_EXCEL_RUNS ?? 3);
const MERGE_N = 100; // 10 × N edits: a file of about 1,000 changes
const FORKS_N = Number(process.env.BROWSER_FORKS_N ?? 2000);
const FORK_RUNS = Number(process.env.BROWSER_FORK_RUNS ?? 3);
const LONG = 10 * 60_000; // loading the 2,000-problem ledger takes many seconds in wasm
const KEY_GAP_MS = 120; // a quick typist: about 8 keys a second

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

function fail(message) {
  console.error(`bench.mjs: ${message}`);
  process.exit(2);
}

/** The files the benchmarks read; fails with the command that makes them. */
function need() {
  if (!existsSync(join(DIST, 'index.html'))) {
    fail(
      `${join(DIST, 'index.html')} is missing: build the app first (a release build), e.g.\n` +
        `  cd ${ROOT} && PATH=$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH trunk build --release`,
    );
  }
  if (!existsSync(CHROMIUM)) fail(`no Chromium at ${CHROMIUM} (set CHROMIUM=/path/to/chromium)`);
  const files = {};
  const sizes = [
    ...new Set([
      ...(PARTS.includes('sizes') ? SIZES : []),
      ...(PARTS.includes('files') ? [MERGE_N] : []),
      ...(PARTS.includes('forks') ? [FORKS_N] : []),
    ]),
  ];
  for (const n of sizes) {
    const wanted = [`ledger-${n}.rectify`, `ledger-${n}.json`, `ledger-${n}-base.rectify`];
    if (n === FORKS_N && PARTS.includes('forks')) wanted.push(`ledger-${n}-fork-a.rectify`, `ledger-${n}-fork-b.rectify`);
    for (const f of wanted) {
      if (!existsSync(join(DATA, f))) {
        fail(
          `${join(DATA, f)} is missing: make the synthetic ledgers first:\n` +
            `  cd ${ROOT} && for n in ${sizes.join(' ')}; do ` +
            'cargo run --quiet --profile bench --example synthetic -- $n target/bench --browser; done',
        );
      }
    }
    files[n] = {
      rectify: join(DATA, `ledger-${n}.rectify`),
      base: join(DATA, `ledger-${n}-base.rectify`),
      forkA: join(DATA, `ledger-${n}-fork-a.rectify`),
      forkB: join(DATA, `ledger-${n}-fork-b.rectify`),
    };
  }
  return files;
}

/** Median, p95 (nearest rank), min and max of `xs` (ms), rounded to 0.1 ms. */
function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const rank = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  const r = (x) => Math.round(x * 10) / 10;
  return { n: s.length, median: r(rank(50)), p95: r(rank(95)), min: r(s[0]), max: r(s.at(-1)), samples: xs.map(r) };
}

/**
 * Runs in every page before its own scripts: notes (performance.now(), ms since navigation
 * start) when the banner's heading is in the DOM (`header`: the app has mounted), the first
 * problem row is in the DOM (`row`), the frame after it was painted (`rowPaint`), and when a
 * problem's editor is in the DOM (`editor`) and painted (`editorPaint`).
 * With `autoClick`, the page clicks the first row in the first task after it appears (`click`),
 * so `editorPaint` is "interactive": the row shown and a click on it answered on screen.
 * A ledger shown from its stored view says so (`.notice.loading`) until its document is loaded:
 * `docReady` is when that note went away (editing without waiting); null when it never showed.
 */
function pageProbe({ autoClick }) {
  const b = (window.__bench = {
    header: null, row: null, rowPaint: null, click: null, editor: null, editorPaint: null,
    loadingSeen: false, docReady: null,
  });
  const check = () => {
    const loading = document.querySelector('.notice.loading');
    if (loading) b.loadingSeen = true;
    else if (b.loadingSeen && b.docReady == null) b.docReady = performance.now();
    if (b.header == null && document.querySelector('header h1')) b.header = performance.now();
    if (b.row == null) {
      const toggle = document.querySelector('main article button[aria-expanded]');
      if (toggle) {
        b.row = performance.now();
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => (b.rowPaint = performance.now());
          ch.port2.postMessage(0);
        });
        if (autoClick) {
          setTimeout(() => {
            b.click = performance.now();
            toggle.click();
          }, 0);
        }
      }
    }
    if (b.editor == null && document.querySelector('main article [role=group]')) {
      b.editor = performance.now();
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => (b.editorPaint = performance.now());
        ch.port2.postMessage(0);
      });
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true });
  // the main thread's long tasks (over 50 ms), for how long a merge keeps the page from answering
  window.__longtasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longtasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
}

/** The page's long tasks that began in the stopwatch's last interval: their sum and the longest. */
async function blocked(page) {
  return page.evaluate(() => {
    const { start, end } = window.__w;
    const inside = window.__longtasks.filter(([t]) => t >= start - 1 && t <= end);
    return { sum: inside.reduce((a, [, d]) => a + d, 0), longest: Math.max(0, ...inside.map(([, d]) => d)) };
  });
}

/**
 * Start an in-page stopwatch: it starts at the next `startEvent` (capture phase, so before the
 * app's handler) and stops at the first DOM change after which `kind` holds: 'dialog' (the
 * import dialog), 'notice' (a role=status whose text matches `pattern`), 'sheet' (a bulletin page),
 * 'preview' (a heading of main matching `pattern`).
 */
function arm(page, startEvent, kind, pattern = '') {
  return page.evaluate(
    ({ startEvent, kind, pattern }) => {
      const w = (window.__w = { start: null, end: null, text: null });
      const re = new RegExp(pattern);
      const done = () => {
        if (kind === 'dialog') return document.querySelector('[role=dialog]');
        if (kind === 'sheet') return document.querySelector('main [role=document] article');
        if (kind === 'preview') return [...document.querySelectorAll('main h2')].find((e) => re.test(e.textContent));
        return [...document.querySelectorAll('[role=status]')].find((e) => re.test(e.textContent));
      };
      document.addEventListener(startEvent, () => w.start ?? (w.start = performance.now()), { capture: true, once: true });
      const mo = new MutationObserver(() => {
        const el = w.start != null && done();
        if (el) {
          w.end = performance.now();
          w.text = el.textContent.trim().replace(/\s*×$/, '').slice(0, 200);
          mo.disconnect();
        }
      });
      mo.observe(document, { subtree: true, childList: true, characterData: true });
    },
    { startEvent, kind, pattern },
  );
}

/** Wait for the stopwatch; resolves to { ms, text }. */
async function stopwatch(page, timeout = LONG) {
  await page.waitForFunction(() => window.__w?.end != null, null, { timeout, polling: 50 });
  const w = await page.evaluate(() => window.__w);
  return { ms: w.end - w.start, text: w.text };
}

class Bench {
  constructor(browser, url) {
    this.browser = browser;
    this.url = url;
    this.contexts = [];
    this.errors = [];
  }

  async page({ autoClick = false } = {}) {
    const context = await this.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      // no service worker: every run loads the app the same way, from this server
      serviceWorkers: 'block',
    });
    this.contexts.push(context);
    await context.addInitScript(pageProbe, { autoClick });
    const page = await context.newPage();
    page.setDefaultTimeout(LONG);
    page.on('pageerror', (e) => this.errors.push(e.message));
    return page;
  }

  async openApp(page) {
    await page.goto(this.url);
    await page.getByRole('banner').getByRole('heading', { name: '整改台账', exact: true, level: 1 }).waitFor();
  }

  /** Import a .rectify file as a new ledger; resolves to { decode, open } (ms, in-page). */
  async importAsNew(page, file) {
    await arm(page, 'change', 'dialog');
    await page.getByRole('banner').getByLabel('导入台账文件', { exact: true }).setInputFiles(file);
    const decode = await stopwatch(page);
    await arm(page, 'click', 'notice', '已作为新台账打开');
    await page
      .getByRole('dialog', { name: '导入另一本台账', exact: true })
      .getByRole('button', { name: '作为新台账打开', exact: true })
      .click();
    const open = await stopwatch(page);
    return { decode: decode.ms, open: open.ms, total: decode.ms + open.ms };
  }

  /** Open the app, `base` as a new ledger in it, then import `file` into that ledger; resolves
   * to the stopwatch's { ms, text }: from the input's `change` to the merge's notice. */
  async mergeInto(page, base, file, settleMs) {
    await this.openApp(page);
    await this.importAsNew(page, base);
    await this.dismissNotice(page);
    await sleep(settleMs); // past the debounced save of the new ledger
    await arm(page, 'change', 'notice', '^已合并“');
    await page.getByRole('banner').getByLabel('导入台账文件', { exact: true }).setInputFiles(file);
    return stopwatch(page);
  }

  async dismissNotice(page) {
    const close = page.getByRole('button', { name: '关闭提示', exact: true });
    if (await close.count()) await close.first().click();
  }

  async closeAll() {
    for (const c of this.contexts) await c.close().catch(() => {});
    this.contexts = [];
  }
}

/** Reload `page` and wait until the probe saw the editor open; resolves to the probe's times. */
async function coldStart(page, url) {
  const t0 = Date.now();
  if (url) await page.goto(url, { waitUntil: 'commit' });
  else await page.reload({ waitUntil: 'commit' });
  const ready = () => {
    const b = window.__bench;
    return b?.editorPaint != null && (!b.loadingSeen || b.docReady != null);
  };
  await page.waitForFunction(ready, null, { timeout: LONG, polling: 50 });
  const b = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { ...window.__bench, domContentLoaded: nav?.domContentLoadedEventEnd ?? null };
  });
  // the document is ready when the page showed no view (it loaded the document first)
  const docReady = b.loadingSeen ? b.docReady : b.editorPaint;
  return { ...b, docReady, clickAnswered: b.editorPaint - b.click, wall: Date.now() - t0 };
}

/**
 * Type `KEYS` letters at the end of `field`, one at a time at a typist's pace; resolves to
 * per-keystroke latencies (ms) from keydown's timeStamp to `handled` (a task queued by the
 * input event runs: the app's input handlers are done) and to `painted` (the next frame's
 * rAF, then a task: the frame with the new text was produced; includes waiting for vsync).
 */
async function typeInto(page, field) {
  await field.click();
  await page.keyboard.press('Control+End');
  await page.evaluate(() => {
    const k = (window.__keys = { t0: null, handled: [], painted: [] });
    const task = (f) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = f;
      ch.port2.postMessage(0);
    };
    addEventListener('keydown', (e) => (k.t0 = e.timeStamp), true);
    addEventListener(
      'input',
      () => {
        const t0 = k.t0;
        task(() => k.handled.push(performance.now() - t0));
        requestAnimationFrame(() => task(() => k.painted.push(performance.now() - t0)));
      },
      true,
    );
  });
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i < KEYS; i++) {
    await page.keyboard.press(letters[i % letters.length]);
    await page.waitForFunction((n) => window.__keys.painted.length >= n, i + 1, { timeout: LONG, polling: 'raf' });
    await sleep(KEY_GAP_MS);
  }
  return page.evaluate(() => window.__keys);
}

const editorField = (page, label) =>
  page.getByRole('main').getByRole('group', { name: '问题详情' }).first().getByLabel(label, { exact: true });

async function bulletinRuns(page, runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    await page.getByRole('banner').getByRole('tab', { name: '台账', exact: true }).click();
    await page.getByRole('main').locator('article').first().waitFor();
    await sleep(300);
    await arm(page, 'click', 'sheet');
    await page.getByRole('banner').getByRole('tab', { name: '通报', exact: true }).click();
    out.push((await stopwatch(page)).ms);
  }
  return out;
}

function machine(browserVersion) {
  return {
    date: new Date().toISOString(),
    cores: cpus().length,
    cpu: cpus()[0]?.model,
    loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
    chromium: browserVersion,
    dist: DIST,
  };
}

async function main() {
  const files = need();
  const server = await startServer(DIST, DATA);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: LAUNCH_ARGS,
  });
  const bench = new Bench(browser, server.url);
  const result = { machine: machine(browser.version()), runs: RUNS, keys: KEYS, typingRuns: TYPING_RUNS, results: {} };
  const R = result.results;
  const log = (s) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
  try {
    // 4a. the bulletin of the example ledger
    if (PARTS.includes('files')) {
      log('bulletin of the example ledger');
      const page = await bench.page();
      await bench.openApp(page);
      await page.getByRole('main').getByRole('button', { name: '打开示例台账', exact: true }).click();
      await page.getByRole('main').locator('article').first().waitFor();
      R.bulletinExample = stats(await bulletinRuns(page, RUNS));
      await bench.closeAll();
    }

    // 3. import a ~1,000-change file as a new ledger; merge it into the same ledger's base copy
    if (PARTS.includes('files')) {
      log(`import and merge of ledger-${MERGE_N}.rectify`);
      const imports = { decode: [], open: [], total: [] };
      const merges = [];
      let mergeNotice = null;
      for (let i = 0; i < RUNS; i++) {
        const page = await bench.page();
        await bench.openApp(page);
        const t = await bench.importAsNew(page, files[MERGE_N].rectify);
        for (const k of Object.keys(imports)) imports[k].push(t[k]);
        await bench.closeAll();

        const m = await bench.mergeInto(await bench.page(), files[MERGE_N].base, files[MERGE_N].rectify, 1500);
        merges.push(m.ms);
        mergeNotice = m.text;
        await bench.closeAll();
      }
      R.import1000 = Object.fromEntries(Object.entries(imports).map(([k, v]) => [k, stats(v)]));
      R.merge1000 = { ...stats(merges), notice: mergeNotice };
    }

    // 3b. a colleague's copy (1,000 edits made apart on each side) merged into the open ledger
    if (PARTS.includes('forks')) {
      log(`merge of a colleague's copy at N = ${FORKS_N}`);
      const merges = [];
      const sums = [];
      const longest = [];
      let notice = null;
      for (let i = 0; i < FORK_RUNS; i++) {
        const page = await bench.page();
        const m = await bench.mergeInto(page, files[FORKS_N].forkA, files[FORKS_N].forkB, 3000);
        const b = await blocked(page);
        merges.push(m.ms);
        sums.push(b.sum);
        longest.push(b.longest);
        notice = m.text;
        await bench.closeAll();
      }
      R.mergeForks = { ...stats(merges), notice, blocked: stats(sums), longestTask: stats(longest) };
    }

    // 5. 从 Excel 导入 of a 2,000-row workbook (crates/office/benches/bulk.rs writes it): the
    // file's `change` → the preview; 创建新台账 clicked → the notice that it was made
    if (PARTS.includes('excel')) {
      const file = join(DATA, `rows-${EXCEL_ROWS}.xlsx`);
      if (!existsSync(file)) fail(`${file} is missing: cargo bench -p rectify-office --bench bulk writes it`);
      log(`从 Excel 导入 of ${EXCEL_ROWS} rows × ${EXCEL_RUNS}`);
      const preview = [];
      const create = [];
      const longest = [];
      for (let i = 0; i < EXCEL_RUNS; i++) {
        const page = await bench.page();
        await bench.openApp(page);
        await arm(page, 'change', 'preview', '从 Excel 导入');
        await page.getByRole('main').getByLabel('从 Excel 导入', { exact: true }).setInputFiles(file);
        preview.push((await stopwatch(page)).ms);
        await arm(page, 'click', 'notice', '^已从“');
        await page.getByRole('main').getByRole('button', { name: '创建新台账', exact: true }).click();
        create.push((await stopwatch(page)).ms);
        longest.push((await blocked(page)).longest);
        await bench.closeAll();
      }
      R.excel = { rows: EXCEL_ROWS, preview: stats(preview), create: stats(create), longestTask: stats(longest) };
    }

    // 6. typing at the end of a field that holds about 20,000 characters (the large-ledger
    // fixture, imported as new): the longest text of its first problem
    if (PARTS.includes('longtext')) {
      log(`typing into a long text × ${TYPING_RUNS}`);
      const page = await bench.page();
      await bench.openApp(page);
      await bench.importAsNew(page, join(ROOT, 'tests', 'fixtures', 'large-ledger.rectify'));
      await bench.dismissNotice(page);
      await page.getByRole('main').locator('article button[aria-expanded]').first().click();
      const editor = page.getByRole('main').getByRole('group', { name: '问题详情' }).first();
      await editor.waitFor();
      const [label, chars] = await editor.evaluate((group) => {
        const fields = [...group.querySelectorAll('label')].filter((l) => l.querySelector('textarea'));
        const longest = fields.sort((a, b) => b.querySelector('textarea').value.length - a.querySelector('textarea').value.length)[0];
        return [longest.firstChild.textContent.trim(), longest.querySelector('textarea').value.length];
      });
      await sleep(3000); // past the debounced save of the new ledger
      const handled = [];
      const painted = [];
      for (let i = 0; i < TYPING_RUNS; i++) {
        const k = await typeInto(page, editorField(page, label));
        handled.push(...k.handled);
        painted.push(...k.painted);
      }
      // the floor: a bare textarea of the same size holding the same text, in a page of its own
      const [text, width, rows, font] = await editorField(page, label).evaluate((t) => [t.value, t.clientWidth, t.rows, getComputedStyle(t).font]);
      const floor = { handled: [], painted: [] };
      for (let i = 0; i < TYPING_RUNS; i++) {
        const bare = await bench.page();
        await bare.setContent(`<form><label>${label}<textarea rows=${rows}></textarea></label></form>`);
        await bare.locator('textarea').evaluate((t, [w, f]) => Object.assign(t.style, { width: `${w}px`, font: f }), [width, font]);
        await bare.locator('textarea').evaluate((t, v) => (t.value = v), text.slice(0, chars));
        const k = await typeInto(bare, bare.getByLabel(label, { exact: true }));
        floor.handled.push(...k.handled);
        floor.painted.push(...k.painted);
      }
      R.longText = { field: label, chars, handled: stats(handled), painted: stats(painted), floor: { handled: stats(floor.handled), painted: stats(floor.painted) } };
      await bench.closeAll();
    }

    for (const n of PARTS.includes('sizes') ? SIZES : []) {
      log(`N = ${n}: importing the ledger (setup)`);
      const app = await bench.page({ autoClick: true });
      await bench.openApp(app);
      const setup = await bench.importAsNew(app, files[n].rectify);
      await app.getByRole('main').locator('article').first().waitFor();
      await sleep(3000); // past the debounced save
      const base = await bench.page({ autoClick: true });
      const baseUrl = `${server.url}__bench/baseline.html?n=${n}`;
      await coldStart(base, `${baseUrl}&seed=1`);
      // one warm-up reload each (and a check that the ledger was stored), not counted
      await coldStart(app);
      await coldStart(base, baseUrl);

      // 1. cold start, the app and the JSON page in turns
      log(`N = ${n}: cold start × ${RUNS}`);
      const runs = { app: [], json: [] };
      for (let i = 0; i < RUNS; i++) {
        runs.app.push(await coldStart(app));
        runs.json.push(await coldStart(base, baseUrl));
      }
      const pick = (list, k) => stats(list.map((r) => r[k]));
      const cold = {};
      for (const side of ['app', 'json']) {
        cold[side] = Object.fromEntries(
          ['header', 'row', 'rowPaint', 'editor', 'editorPaint', 'clickAnswered', 'docReady', 'wall', 'domContentLoaded'].map((k) => [k, pick(runs[side], k)]),
        );
      }
      cold.ratio = Math.round((cold.app.editorPaint.median / cold.json.editorPaint.median) * 10) / 10;

      // 2. typing: the first problem's editor is open (the probe clicked it)
      log(`N = ${n}: typing ${TYPING_RUNS} × ${KEYS} keys`);
      const typing = { app: { handled: [], painted: [] }, json: { handled: [], painted: [] } };
      for (let i = 0; i < TYPING_RUNS; i++) {
        if (i > 0) {
          await sleep(1000); // let the debounced save run between runs
          for (const p of [app, base]) {
            await p.reload();
            await p.waitForFunction(() => window.__bench?.editorPaint != null, null, { timeout: LONG, polling: 100 });
          }
        }
        for (const [side, p] of [['app', app], ['json', base]]) {
          const k = await typeInto(p, editorField(p, '整改措施'));
          typing[side].handled.push(...k.handled);
          typing[side].painted.push(...k.painted);
        }
      }

      // 4b. the bulletin of this ledger
      log(`N = ${n}: bulletin × ${RUNS}`);
      const bulletin = stats(await bulletinRuns(app, RUNS));

      R[`n${n}`] = {
        importSetup: setup,
        coldStart: cold,
        typing: Object.fromEntries(['app', 'json'].map((side) => [side, { handled: stats(typing[side].handled), painted: stats(typing[side].painted) }])),
        bulletin,
      };
      await bench.closeAll();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  result.pageErrors = bench.errors;
  await mkdir(dirname(OUT), { recursive: true });
  await writeFile(OUT, JSON.stringify(result, null, 2));
  report(result);
  if (bench.errors.length) console.log(`\nuncaught errors in the pages:\n${bench.errors.join('\n')}`);
  console.log(`\nwritten: ${OUT}`);
}

function report({ machine: m, results: R }) {
  const f = (x) => (x == null ? '–' : `${x.toLocaleString('en', { maximumFractionDigits: 1 })} ms`);
  const rows = [];
  const row = (what, s, base, target) =>
    rows.push([what, f(s?.median), f(s?.p95), base ? f(base.median) : '–', base ? `${(s.median / base.median).toFixed(1)}×` : '–', target ?? '']);
  console.log(`\nBrowser benchmarks — ${m.date}, ${m.cores} cores (${m.cpu}), load ${m.loadavg.join(' ')}, Chromium ${m.chromium}`);
  for (const n of SIZES) {
    const r = R[`n${n}`];
    if (!r) continue;
    row(`N=${n} cold start: app mounted (banner)`, r.coldStart.app.header);
    row(`N=${n} cold start: first row painted`, r.coldStart.app.rowPaint, r.coldStart.json.rowPaint);
    row(`N=${n} cold start: row shown + click answered`, r.coldStart.app.editorPaint, r.coldStart.json.editorPaint, '≤ 2× JSON and ≤ 500 ms');
    row(`N=${n} cold start: the click alone`, r.coldStart.app.clickAnswered, r.coldStart.json.clickAnswered);
    row(`N=${n} cold start: document loaded (editing without waiting)`, r.coldStart.app.docReady, r.coldStart.json.docReady);
    row(`N=${n} typing: keydown → input handled`, r.typing.app.handled, r.typing.json.handled, '≤ 16 ms p95');
    row(`N=${n} typing: keydown → next frame`, r.typing.app.painted, r.typing.json.painted);
    row(`N=${n} bulletin render`, r.bulletin);
    row(`N=${n} import as new (setup, 1 run)`, { median: r.importSetup.total });
  }
  row(`import ~1,000 changes as new`, R.import1000?.total);
  row(`merge ~1,000 changes`, R.merge1000, undefined, '≤ 50 ms (issue: 2,000 × 20,000)');
  row(`N=${FORKS_N} merge a colleague's copy (2 × 1,000 changes)`, R.mergeForks, undefined, '≤ 50 ms (natively)');
  row(`N=${FORKS_N}   the page's long tasks meanwhile (sum)`, R.mergeForks?.blocked);
  row(`N=${FORKS_N}   the longest of them`, R.mergeForks?.longestTask);
  row('bulletin render, example', R.bulletinExample);
  row(`从 Excel 导入 ${R.excel?.rows} rows: file picked → preview`, R.excel?.preview);
  row(`从 Excel 导入 ${R.excel?.rows} rows: 创建新台账 → notice`, R.excel?.create, undefined, '≤ 2 s');
  row(`  the longest task meanwhile`, R.excel?.longestTask);
  row(`typing into ${R.longText?.field} (${R.longText?.chars} chars): keydown → input handled`, R.longText?.handled, R.longText?.floor.handled, '≤ 16 ms p95');
  row(`typing into a long text: keydown → next frame`, R.longText?.painted, R.longText?.floor.painted);
  const head = ['measure', 'median', 'p95', 'JSON page', 'ratio', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  if (R.merge1000?.notice) console.log(`merge notice: ${R.merge1000.notice}`);
  if (R.mergeForks?.notice) console.log(`merge notice (copies): ${R.mergeForks.notice}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// Live-sync benchmark (issue 31): one automerge-repo sync server (npm's, as the tests start it),
// N − 1 Node peers (@automerge/automerge-repo 2.5.6, each in a worker thread: benches/live/peer.mjs)
// and one Chromium page running the app, all on the 2,000-problem synthetic ledger, for N = 2, 10, 20.
//
// Usage: node benches/live/live.mjs [dist, default dist] [output, default target/bench/live.json]
// Needs target/bench/ledger-2000.rectify (or LIVE_LEDGER=path):
//   CARGO_TARGET_DIR=… cargo run --release -p rectify-core --example synthetic -- 2000 target/bench
// Environment: LIVE_PEERS (default 2,10,20), LIVE_KEYS (keystrokes each way, default 50),
// LIVE_RATE (remote edits a second while the page types, default 20), LIVE_STREAM_S (default 10),
// LIVE_PROBES (new Node peers timed joining the full set, default 3), LIVE_PROFILE (a folder:
// the page's CPU profile of the Node → page keystrokes, and its top functions), CHROMIUM.
//
// Per N, on a fresh server (temp data folder): the ledger's Automerge bytes are imported into the
// first Node peer's repo under the ledger's document id (its uuid's bytes, base58check), which
// sends it to the server; Node peers join by URL; the page joins by the share-link address
// (…/#/sync?server=…&doc=automerge:…) and opens the first problem. Then:
// - keystrokes Node → all: the first Node peer splices a marker into the page's open problem's
//   整改措施; the time until every other Node peer's handle emits the change holding it, and until
//   the page's textarea shows it (polled in the page each animation frame);
// - keystrokes page → Node: the page inserts a marker at the end of that textarea (one input
//   event, as an IME commits a word); the time until every Node peer's handle has it;
// - first full sync: a Node peer's repo.find(url) until ready and the bytes of its WebSocket
//   frames; the page from the link's address to the 已从服务器获取 notice and the checklist's rows,
//   bytes of the worker's WebSocket frames (Playwright's websocket events, which it takes from
//   CDP's Network.webSocketFrame* on the worker's target);
// - the server's VmRSS (/proc/<pid>/status): idle, the ledger loaded, N peers, and its peak;
// - remote edits streaming in (LIVE_RATE a second for LIVE_STREAM_S, round-robin over the Node
//   peers into random problems, every tenth into the open one) while the page types a letter
//   every 120 ms into 原因分析: the page's long tasks, its keystroke latency, how late the
//   stream's edits to the open problem show;
// - the page's main-thread time per remote keystroke and per streamed edit, by kind (script,
//   layout, style: CDP Performance.getMetrics; wall time, so inflated on a busy machine), the
//   CPU time (/proc/<pid>/stat) of the page's renderer with its worker, the sync server and the
//   Node peers' process per keystroke and per streamed edit, and at the end whether every marker is still
//   in the first Node peer's copy and in the page's textarea (nothing lost).
// Times are epoch ms from performance.timeOrigin + performance.now() in each thread and page
// (one machine clock). Reported (median, p95 by nearest rank), never asserted.

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { stringifyAutomergeUrl } from '@automerge/automerge-repo';

import { CHROMIUM, LAUNCH_ARGS } from '../../tests/e2e/support/harness.mjs';
import { startServer } from '../../tests/e2e/support/server.mjs';
import { syncServer } from '../../tests/e2e/support/sync-server.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const DIST = resolve(process.argv[2] ?? join(ROOT, 'dist'));
const OUT = resolve(process.argv[3] ?? join(ROOT, 'target', 'bench', 'live.json'));
const LEDGER = resolve(process.env.LIVE_LEDGER ?? join(ROOT, 'target', 'bench', 'ledger-2000.rectify'));
const PEERS = (process.env.LIVE_PEERS ?? '2,10,20').split(',').map(Number);
const KEYS = Number(process.env.LIVE_KEYS ?? 50);
const RATE = Number(process.env.LIVE_RATE ?? 20);
const STREAM_S = Number(process.env.LIVE_STREAM_S ?? 10);
const PROBES = Number(process.env.LIVE_PROBES ?? 3);
const PROFILE = process.env.LIVE_PROFILE; // a folder: the page's CPU profile of the Node → page keystrokes
const ROUND_TIMEOUT = 60_000;
const LONG = 10 * 60_000;
const KEY_GAP_MS = 120;
const FIELD = '整改措施';
const FIELD_KEY = 'measures';

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const now = () => performance.timeOrigin + performance.now();
const log = (s) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

/** Median, p95 (nearest rank), max of `xs`, rounded to 0.1. */
function stats(xs) {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (!s.length) return null;
  const rank = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  const r = (x) => Math.round(x * 10) / 10;
  return { n: s.length, median: r(rank(50)), p95: r(rank(95)), max: r(s.at(-1)), samples: xs.map((x) => (x == null ? null : r(x))) };
}

/** A .rectify file: `RECTIFY-LEDGER\n`, a JSON header line, then the Automerge bytes. */
function readLedger(path) {
  if (!existsSync(path)) {
    console.error(`live.mjs: ${path} is missing; make it with\n  cargo run --release -p rectify-core --example synthetic -- 2000 ${dirname(path)}`);
    process.exit(2);
  }
  const file = readFileSync(path);
  const first = file.indexOf(10);
  const second = file.indexOf(10, first + 1);
  if (file.subarray(0, first).toString() !== 'RECTIFY-LEDGER') throw new Error(`${path}: not a .rectify file`);
  const header = JSON.parse(file.subarray(first + 1, second).toString());
  return { header, bytes: file.subarray(second + 1) };
}

/** The ledger's automerge-repo document id: its uuid's 16 bytes in base58check (core live/link.rs). */
function documentUrl(ledgerId) {
  const hex = ledgerId.replace(/-/g, '');
  const bytes = Uint8Array.from(hex.match(/../g).map((h) => parseInt(h, 16)));
  return stringifyAutomergeUrl(bytes);
}

/** CPU time (user + system, ms) of a process or thread, from its stat file (10 ms ticks). */
function cpuOf(pid, path = `/proc/${pid}/stat`) {
  try {
    const fields = readFileSync(path, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0; // gone
  }
}

/** A renderer's CPU ms by thread: its main thread (the page), its dedicated worker, the rest. */
function rendererThreads(pid) {
  const out = { main: 0, worker: 0 };
  let tids = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    const comm = (() => {
      try {
        return readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      } catch {
        return '';
      }
    })();
    const ms = cpuOf(0, `/proc/${pid}/task/${tid}/stat`);
    if (Number(tid) === pid) out.main += ms;
    else if (comm.startsWith('DedicatedWorker')) out.worker += ms;
  }
  return out;
}

/** This process's Chromium renderers (the page and its worker): their pids. */
function renderers() {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .filter(Boolean)
    .map(([, pid, ppid, args]) => ({ pid: Number(pid), ppid: Number(ppid), args }));
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) if (mine.has(r.ppid) && !mine.has(r.pid)) (mine.add(r.pid), (grew = true));
  }
  return rows.filter((r) => mine.has(r.pid) && r.args.includes('--type=renderer')).map((r) => r.pid);
}

/** CPU ms so far of the page's renderers, the sync server and this process (the Node peers). */
function cpuNow(serverPid) {
  const u = process.cpuUsage();
  const pids = renderers();
  const threads = pids.map(rendererThreads);
  return {
    page: pids.reduce((a, pid) => a + cpuOf(pid), 0),
    pageMain: threads.reduce((a, t) => a + t.main, 0),
    pageWorker: threads.reduce((a, t) => a + t.worker, 0),
    server: cpuOf(serverPid),
    node: (u.user + u.system) / 1000,
  };
}

const cpuPer = (a, b, per) => Object.fromEntries(Object.keys(a).map((k) => [k, Math.round((b[k] - a[k]) / per)]));

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(status.match(new RegExp(`${k}:\\s+(\\d+)`))?.[1] ?? NaN);
  return { rssMB: Math.round(kb('VmRSS') / 102.4) / 10, hwmMB: Math.round(kb('VmHWM') / 102.4) / 10 };
}

/** Markers awaited: marker → { want: Set of names, at: { name: epoch ms }, done() }. */
const rounds = new Map();

function expect(marker, names) {
  let done;
  const finished = new Promise((ok) => (done = ok));
  const r = { want: new Set(names), at: {}, done, finished };
  rounds.set(marker, r);
  if (!names.length) done();
  return r;
}

function arrived(name, marker, t) {
  const r = rounds.get(marker);
  if (!r || !r.want.has(name)) return;
  r.at[name] = t;
  r.want.delete(name);
  if (!r.want.size) r.done();
}

/** What the peers' threads noted (socket errors they went on after). */
const notes = [];

/** One Node peer in a worker thread. */
class Peer {
  constructor(name) {
    this.name = name;
    this.worker = new Worker(new URL('./peer.mjs', import.meta.url));
    this.seq = 0;
    this.pending = new Map();
    this.worker.on('message', (m) => {
      if (m.arrived) return arrived(this.name, m.arrived, m.t);
      if (m.note) return notes.push(`${this.name}: ${m.note}`);
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error) p?.reject(new Error(`${this.name}: ${m.error}`));
      else p?.resolve(m.result);
    });
    this.worker.on('error', (e) => console.error(`${this.name} stopped: ${e.stack ?? e}`));
  }

  call(cmd, args) {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, cmd, args });
    });
  }

  async close() {
    await Promise.race([this.call('close').catch(() => {}), sleep(3000)]);
    await this.worker.terminate();
  }
}

/**
 * Runs in the page before the app: long tasks; `__live.watching` markers looked for in the open
 * problem's textarea `__live.field` every animation frame (`arrived[marker]` = epoch ms); the
 * last input event's time; keystroke latencies (keydown → a task after the input event).
 */
function pageProbe() {
  const now = () => performance.timeOrigin + performance.now();
  window.__longtasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longtasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  let cached = null;
  const textarea = (label) => {
    if (cached?.isConnected && cached.label === label) return cached.el;
    cached = null;
    for (const l of document.querySelectorAll('main [role=group] label')) {
      if (l.firstChild?.textContent.trim() === label) {
        const t = l.querySelector('textarea');
        if (t) {
          cached = { el: t, label, get isConnected() { return t.isConnected; } };
          return t;
        }
      }
    }
    return null;
  };
  const live = (window.__live = { watching: new Set(), arrived: {}, field: '整改措施', lastInput: null, keys: null, textarea });
  const tick = () => {
    if (live.watching.size) {
      const value = textarea(live.field)?.value ?? '';
      const at = now();
      for (const m of live.watching) {
        if (value.includes(m)) {
          live.arrived[m] = at;
          live.watching.delete(m);
        }
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  let keydown = null;
  addEventListener('keydown', (e) => (keydown = e.timeStamp), true);
  addEventListener(
    'input',
    () => {
      live.lastInput = now();
      if (live.keys && keydown != null) {
        const t0 = keydown;
        keydown = null;
        const ch = new MessageChannel();
        ch.port1.onmessage = () => live.keys.push(performance.now() - t0);
        ch.port2.postMessage(0);
      }
    },
    true,
  );
}

const inPage = (page, f, arg) => page.evaluate(f, arg);

/** The page joins by the share link's address; resolves to times and bytes. */
async function pageJoins(browser, appUrl, link) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', serviceWorkers: 'block' });
  await context.addInitScript(pageProbe);
  const page = await context.newPage();
  page.setDefaultTimeout(LONG);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  // the worker's WebSocket frames: Playwright reports them from CDP's Network.webSocketFrame*
  // events on the worker's target (a CDP session on the page itself does not see them)
  const frames = { in: 0, out: 0 };
  const size = (f) => (typeof f.payload === 'string' ? Buffer.byteLength(f.payload) : f.payload.byteLength);
  page.on('websocket', (ws) => {
    ws.on('framereceived', (f) => (frames.in += size(f)));
    ws.on('framesent', (f) => (frames.out += size(f)));
  });
  // the renderer's main-thread time by kind (CDP Performance.getMetrics), to say where it goes
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => {
    const { metrics: list } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(list.map(({ name, value }) => [name, value]));
    return { task: m.TaskDuration, script: m.ScriptDuration, layout: m.LayoutDuration, style: m.RecalcStyleDuration, heapMB: m.JSHeapUsedSize / 1048576 };
  };
  await page.goto(appUrl);
  const banner = page.getByRole('banner');
  await banner.getByRole('heading', { name: '整改台账', exact: true, level: 1 }).waitFor();
  await banner.getByLabel('我的名字', { exact: true }).fill('基准');
  await banner.getByLabel('我的名字', { exact: true }).press('Tab');
  const hash = link.slice(link.indexOf('#'));
  const t0 = await inPage(page, (h) => {
    const t = performance.timeOrigin + performance.now();
    location.hash = h;
    return t;
  }, hash);
  const notice = await (
    await page.waitForFunction(
      () => [...document.querySelectorAll('[role=status]')].some((e) => /已从服务器获取/.test(e.textContent)) && performance.timeOrigin + performance.now(),
      null,
      { polling: 'raf', timeout: LONG },
    )
  ).jsonValue();
  await banner.getByRole('tab', { name: '台账', exact: true }).click();
  const rows = await (
    await page.waitForFunction(() => document.querySelector('main article button[aria-expanded]') && performance.timeOrigin + performance.now(), null, {
      polling: 'raf',
      timeout: LONG,
    })
  ).jsonValue();
  const shown = await page.locator('main article button[aria-expanded]').count();
  // open the first problem
  await page.locator('main article button[aria-expanded]').first().click();
  const editor = page.getByRole('main').getByRole('group', { name: '问题详情' }).first();
  await editor.waitFor();
  const description = await editor.getByLabel('问题表现', { exact: true }).inputValue();
  return { context, page, errors, frames, description, metrics, cdp, join: { notice: notice - t0, rows: rows - t0, rowsShown: shown } };
}

/** One keystroke from a Node peer to every other peer; resolves to { node: [ms…], page: ms }. */
async function nodeKeystroke(typer, others, page, id, marker) {
  const r = expect(marker, others.map((p) => p.name));
  await Promise.all(others.map((p) => p.call('await', { marker, id, field: FIELD_KEY })));
  await inPage(page, (m) => window.__live.watching.add(m), marker);
  const { t } = await typer.call('type', { id, field: FIELD_KEY, marker });
  const timeout = sleep(ROUND_TIMEOUT).then(() => 'timeout');
  const nodeDone = await Promise.race([r.finished, timeout]);
  const pageAt = await page
    .waitForFunction((m) => window.__live.arrived[m] ?? false, marker, { polling: 50, timeout: ROUND_TIMEOUT })
    .then((h) => h.jsonValue())
    .catch(() => null);
  rounds.delete(marker);
  return {
    node: others.map((p) => (r.at[p.name] != null ? r.at[p.name] - t : null)),
    missed: nodeDone === 'timeout' ? [...r.want] : [],
    page: pageAt == null ? null : pageAt - t,
  };
}

/** One marker typed in the page; resolves to the Node peers' arrival times (ms after the input). */
async function pageKeystroke(page, peers, id, marker) {
  const r = expect(marker, peers.map((p) => p.name));
  await Promise.all(peers.map((p) => p.call('await', { marker, id, field: FIELD_KEY })));
  await page.keyboard.insertText(marker);
  const t = await inPage(page, () => window.__live.lastInput);
  const nodeDone = await Promise.race([r.finished, sleep(ROUND_TIMEOUT).then(() => 'timeout')]);
  rounds.delete(marker);
  return { node: peers.map((p) => (r.at[p.name] != null ? r.at[p.name] - t : null)), missed: nodeDone === 'timeout' ? [...r.want] : [] };
}

const editorField = (page, label) => page.getByRole('main').getByRole('group', { name: '问题详情' }).first().getByLabel(label, { exact: true });

/** Remote edits stream in while the page types into 原因分析. */
async function streamWhileTyping(page, peers, openId, allIds) {
  const edits = RATE * STREAM_S;
  const start = now() + 1500;
  const plan = peers.map(() => ({ at: [], ids: [], markers: [] }));
  const openMarkers = [];
  for (let k = 0; k < edits; k++) {
    const p = plan[k % peers.length];
    const marker = `[s${String(k).padStart(4, '0')}]`;
    const open = k % 10 === 9 || k === edits - 1;
    p.at.push(start + (k * 1000) / RATE);
    p.ids.push(open ? openId : allIds[(k * 7919) % allIds.length]);
    p.markers.push(marker);
    if (open) openMarkers.push([marker, start + (k * 1000) / RATE]);
  }
  await inPage(page, (ms) => {
    for (const m of ms) window.__live.watching.add(m);
    window.__live.keys = [];
    window.__window = performance.now();
  }, openMarkers.map(([m]) => m));
  const field = editorField(page, '原因分析');
  await field.click();
  await page.keyboard.press('Control+End');
  const streaming = Promise.all(peers.map((p, i) => p.call('stream', { ...plan[i], field: FIELD_KEY })));
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let typed = 0;
  while (now() < start + STREAM_S * 1000) {
    await page.keyboard.press(letters[typed++ % letters.length]);
    await sleep(KEY_GAP_MS);
  }
  const sent = (await streaming).flatMap((s, i) => s.sent.map((t, j) => [plan[i].markers[j], t]));
  const sentAt = Object.fromEntries(sent);
  await page
    .waitForFunction(() => window.__live.watching.size === 0, null, { polling: 100, timeout: 30_000 })
    .catch(() => {});
  await sleep(1000);
  const seen = await inPage(page, () => {
    const from = window.__window;
    const tasks = window.__longtasks.filter(([t]) => t >= from);
    const text = window.__live.textarea(window.__live.field)?.value ?? '';
    const missing = [...window.__live.watching];
    const r = { arrived: window.__live.arrived, keys: window.__live.keys, tasks, missing, missingInText: missing.filter((m) => !text.includes(m)) };
    window.__live.keys = null;
    window.__live.watching.clear();
    return r;
  });
  // what the page never showed: is it in the Node peers' copies?
  const held = await Promise.all(peers.map((p) => p.call('holds', { id: openId, field: FIELD_KEY, markers: seen.missing })));
  const late = openMarkers.map(([m]) => (seen.arrived[m] != null ? seen.arrived[m] - sentAt[m] : null));
  const durations = seen.tasks.map(([, d]) => d);
  return {
    edits,
    rate: RATE,
    seconds: STREAM_S,
    keystrokes: stats(seen.keys),
    longTasks: { count: durations.length, over50: durations.filter((d) => d > 50).length, longest: Math.max(0, ...durations), sum: durations.reduce((a, b) => a + b, 0) },
    openProblemEdits: stats(late),
    lastEditShownAfter: late.at(-1),
    openMarkers: openMarkers.map(([m]) => m),
    missing: seen.missing,
    missingHeldBy: held.map((h, i) => [peers[i].name, h.held]),
  };
}

/** The sync server running, stopped (and its folder removed) when the benchmark is stopped. */
let running = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    (running?.close() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

/** Stop the page's profiler, write the profile; resolves to the 15 functions of most self time. */
async function saveProfile(cdp, file) {
  const { profile } = await cdp.send('Profiler.stop');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const { functionName, url } = byId.get(id).callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, ms]) => [k, Math.round(ms)]);
}

async function runN(n, ledger, browser, appUrl) {
  const result = { peers: n };
  const server = await syncServer();
  running = server;
  const peers = [];
  let pageSide = null;
  try {
    result.serverIdle = rssOf(server.pid);
    const url = documentUrl(ledger.ledgerId);
    const link = `${appUrl}#/sync?${new URLSearchParams({ server: server.url, doc: url })}`;
    log(`N = ${n}: seeding ${url}`);
    const seeder = new Peer('node1');
    peers.push(seeder);
    await seeder.call('seed', { server: server.url, bytes: ledger.bytes, docId: url.slice('automerge:'.length) });

    const joins = [];
    const probe = async (name) => {
      const p = new Peer(name);
      const j = await p.call('join', { server: server.url, url });
      return [p, j];
    };
    // a first joiner proves the server holds the ledger (until then it is "unavailable")
    const seeded = now();
    for (let attempt = 1; ; attempt++) {
      const p = new Peer('probe0');
      const j = await p.call('join', { server: server.url, url }).catch((e) => ({ error: String(e.message) }));
      await p.close();
      if (!j.error) {
        result.firstJoin = { ...j, attempt, afterSeedMs: now() - seeded };
        break;
      }
      if (attempt === 30) throw new Error(`the server never offered the ledger: ${j.error}`);
      await sleep(1000);
    }
    await sleep(1000);
    result.serverLoaded = rssOf(server.pid);
    for (let i = 2; i <= n - 1; i++) {
      const [p, j] = await probe(`node${i}`);
      peers.push(p);
      joins.push(j);
      log(`N = ${n}: node${i} joined in ${Math.round(j.ms)} ms, ${j.bytesIn} B in`);
    }
    log(`N = ${n}: the page joins by link`);
    pageSide = await pageJoins(browser, appUrl, link);
    const { page } = pageSide;
    await sleep(1500);
    pageSide.joinBytes = { ...pageSide.frames };
    log(`N = ${n}: page joined: notice ${Math.round(pageSide.join.notice)} ms, rows ${Math.round(pageSide.join.rows)} ms; frames ${JSON.stringify(pageSide.frames)}`);
    result.serverWithPeers = rssOf(server.pid);
    const probes = [];
    for (let i = 0; i < PROBES; i++) {
      const [p, j] = await probe(`probe${i + 1}`);
      probes.push(j);
      await p.close();
    }
    result.join = { nodeWhileJoining: joins, nodeProbes: probes, page: { ...pageSide.join, bytes: pageSide.joinBytes } };

    const { ids } = await seeder.call('find', { description: pageSide.description });
    if (ids.length !== 1) throw new Error(`the page's first problem matches ${ids.length} problems by its description`);
    const [openId] = ids;
    const allIds = (await seeder.call('allIds')).ids;

    /** main-thread ms by kind between two metrics, per `per` events */
    const spent = (a, b, per) => Object.fromEntries(['task', 'script', 'layout', 'style'].map((k) => [k, Math.round(((b[k] - a[k]) * 1000) / per)]));
    log(`N = ${n}: ${KEYS} keystrokes Node → all`);
    const m0 = await pageSide.metrics();
    const c0 = cpuNow(server.pid);
    if (PROFILE) {
      await pageSide.cdp.send('Profiler.enable');
      await pageSide.cdp.send('Profiler.start');
    }
    const fromNode = { node: [], everyNode: [], page: [], missed: 0 };
    for (let k = 0; k < KEYS; k++) {
      const r = await nodeKeystroke(seeder, peers.slice(1), page, openId, `[n${String(k).padStart(3, '0')}]`);
      fromNode.node.push(...r.node);
      if (r.node.length) fromNode.everyNode.push(r.node.includes(null) ? null : Math.max(...r.node));
      fromNode.page.push(r.page);
      fromNode.missed += r.missed.length + (r.page == null ? 1 : 0);
      await sleep(200);
    }
    if (PROFILE) result.profileTop = await saveProfile(pageSide.cdp, join(PROFILE, `live-n${n}.cpuprofile`));
    result.keystrokeFromNode = {
      node: stats(fromNode.node),
      everyNode: stats(fromNode.everyNode),
      page: stats(fromNode.page),
      missed: fromNode.missed,
      pageMainThreadPerKey: spent(m0, await pageSide.metrics(), KEYS),
      cpuPerKey: cpuPer(c0, cpuNow(server.pid), KEYS),
    };
    log(`N = ${n}: Node → page p50 ${result.keystrokeFromNode.page?.median} ms, → every Node p50 ${result.keystrokeFromNode.everyNode?.median} ms`);

    log(`N = ${n}: ${KEYS} keystrokes page → Node`);
    await editorField(page, FIELD).click();
    await page.keyboard.press('Control+End');
    await sleep(1500);
    const fromPage = { node: [], everyNode: [], missed: 0 };
    for (let k = 0; k < KEYS; k++) {
      const r = await pageKeystroke(page, peers, openId, `[p${String(k).padStart(3, '0')}]`);
      fromPage.node.push(...r.node);
      fromPage.everyNode.push(r.node.includes(null) ? null : Math.max(...r.node));
      fromPage.missed += r.missed.length;
      await sleep(200);
    }
    result.keystrokeFromPage = { node: stats(fromPage.node), everyNode: stats(fromPage.everyNode), missed: fromPage.missed };
    log(`N = ${n}: page → every Node p50 ${result.keystrokeFromPage.everyNode?.median} ms`);

    log(`N = ${n}: ${RATE} remote edits/s for ${STREAM_S} s while the page types`);
    await sleep(2000);
    const m1 = await pageSide.metrics();
    const c1 = cpuNow(server.pid);
    result.stream = await streamWhileTyping(page, peers, openId, allIds);
    result.stream.pageMainThreadPerEdit = spent(m1, await pageSide.metrics(), RATE * STREAM_S);
    result.stream.cpuPerEdit = cpuPer(c1, cpuNow(server.pid), RATE * STREAM_S);
    result.pageHeapMB = Math.round((await pageSide.metrics()).heapMB);
    log(`N = ${n}: longest task ${Math.round(result.stream.longTasks.longest)} ms, ${result.stream.longTasks.over50} over 50 ms`);
    // every marker typed into the open problem's 整改措施: still there, in the first Node peer's
    // copy and in the page's textarea? (a merge that drops one loses someone's typing)
    await sleep(3000);
    const typed = [
      ...Array.from({ length: KEYS }, (_, k) => `[n${String(k).padStart(3, '0')}]`),
      ...Array.from({ length: KEYS }, (_, k) => `[p${String(k).padStart(3, '0')}]`),
      ...result.stream.openMarkers,
    ];
    const { held } = await seeder.call('holds', { id: openId, field: FIELD_KEY, markers: typed });
    const shown = await inPage(page, (ms) => {
      const text = window.__live.textarea(window.__live.field)?.value ?? '';
      return ms.filter((m) => text.includes(m));
    }, typed);
    result.kept = {
      typed: typed.length,
      lostOnNode1: typed.filter((m) => !held.includes(m)),
      notShownInPage: typed.filter((m) => !shown.includes(m)),
    };
    if (result.kept.lostOnNode1.length || result.kept.notShownInPage.length) {
      log(`N = ${n}: LOST ${JSON.stringify(result.kept)}`);
    }
    result.serverEnd = rssOf(server.pid);
    result.nodeProcessRssMB = Math.round(process.memoryUsage().rss / 1048576);
    result.pageErrors = pageSide.errors;
    result.peerNotes = notes.splice(0);
  } finally {
    await pageSide?.context.close().catch(() => {});
    for (const p of peers) await p.close().catch(() => {});
    await server.close();
    running = null;
  }
  return result;
}

function report(results) {
  const cols = results.map((r) => `N = ${r.peers}`);
  const f = (s, k = 'median') => (s?.[k] == null ? '–' : `${Math.round(s[k]).toLocaleString('en')} ms`);
  const rows = [
    ['keystroke Node → every other Node peer p50 / p95', (r) => `${f(r.keystrokeFromNode.everyNode)} / ${f(r.keystrokeFromNode.everyNode, 'p95')}`],
    ['keystroke Node → the page p50 / p95', (r) => `${f(r.keystrokeFromNode.page)} / ${f(r.keystrokeFromNode.page, 'p95')}`],
    ['keystroke page → every Node peer p50 / p95', (r) => `${f(r.keystrokeFromPage.everyNode)} / ${f(r.keystrokeFromPage.everyNode, 'p95')}`],
    ['Node first sync (probes) median; bytes in', (r) => `${f(stats(r.join.nodeProbes.map((j) => j.ms)))}; ${r.join.nodeProbes[0]?.bytesIn.toLocaleString('en')} B`],
    ['page join: link → notice; → rows; bytes in', (r) => `${f({ median: r.join.page.notice })}; ${f({ median: r.join.page.rows })}; ${r.join.page.bytes.in.toLocaleString('en')} B`],
    ['server RSS idle / loaded / N peers / end (peak)', (r) => `${r.serverIdle.rssMB} / ${r.serverLoaded.rssMB} / ${r.serverWithPeers.rssMB} / ${r.serverEnd.rssMB} (${r.serverEnd.hwmMB}) MB`],
    ['stream: page longest task; tasks > 50 ms', (r) => `${f({ median: r.stream.longTasks.longest })}; ${r.stream.longTasks.over50}`],
    ['stream: page keystroke p50 / p95', (r) => `${f(r.stream.keystrokes)} / ${f(r.stream.keystrokes, 'p95')}`],
    ['CPU per Node keystroke: page main / worker / all renderer; server; Node peers', (r) => {
      const c = r.keystrokeFromNode.cpuPerKey;
      return `${c.pageMain} / ${c.pageWorker} / ${c.page}; ${c.server}; ${c.node} ms`;
    }],
    ['stream: open problem edits shown after p50 / max', (r) => `${f(r.stream.openProblemEdits)} / ${f(r.stream.openProblemEdits, 'max')}`],
  ];
  console.log(`\n| measure | ${cols.join(' | ')} |`);
  console.log(`| --- | ${cols.map(() => '---:').join(' | ')} |`);
  for (const [what, cell] of rows) console.log(`| ${what} | ${results.map((r) => { try { return cell(r); } catch { return '–'; } }).join(' | ')} |`);
}

async function main() {
  const { header, bytes } = readLedger(LEDGER);
  const ledgerId = header.ledger_id ?? header.id;
  if (!ledgerId) throw new Error(`no ledger id in ${LEDGER}'s header: ${JSON.stringify(header)}`);
  const ledger = { ledgerId, bytes };
  const app = await startServer(DIST);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
  const out = {
    machine: { date: new Date().toISOString(), cores: cpus().length, cpu: cpus()[0]?.model, loadavg: loadavg(), node: process.version, chromium: browser.version(), dist: DIST },
    ledger: { file: LEDGER, bytes: bytes.length },
    keys: KEYS,
    results: [],
  };
  try {
    for (const n of PEERS) {
      out.results.push(await runN(n, ledger, browser, app.url));
      await mkdir(dirname(OUT), { recursive: true });
      await writeFile(OUT, JSON.stringify(out, null, 2));
    }
  } finally {
    await browser.close();
    await app.close();
  }
  out.machine.loadavgEnd = loadavg();
  await writeFile(OUT, JSON.stringify(out, null, 2));
  report(out.results);
  console.log(`\nwritten: ${OUT}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

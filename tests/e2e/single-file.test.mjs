// The one-file build (dist-single/rectify.html) opened straight from disk by a file:// URL,
// with no server running: it starts without fetching anything, keeps a ledger across a
// reload (the view too, in the address), says where its data lives, and never registers a
// service worker.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { FIXTURES, scenario } from './support/harness.mjs';
import { BulletinPage } from './support/bulletin-pages.mjs';
import { SINGLE, useBrowserWithoutServer } from './support/offline.mjs';
import { expectText, until } from './support/until.mjs';

const env = useBrowserWithoutServer();

test('the single file holds everything: no side files, no service worker, no module imports', async () => {
  // windows-1252: the packed bytes as they are, all else ASCII (scripts/pack-bytes.mjs)
  const html = await readFile(SINGLE, 'latin1');
  assert.match(html.slice(0, 1024), /<meta charset="windows-1252">/, 'the encoding declared where browsers look');
  assert.match(html, /<meta name="rectify-build" content="single-file">/);
  assert.doesNotMatch(html, /<link[^>]+rel="(?:stylesheet|modulepreload|preload|manifest)"/, 'no linked files');
  assert.doesNotMatch(html, /<script[^>]+\bsrc=/, 'no external scripts');
  assert.doesNotMatch(html, /^\s*import\s|import\.meta/m, 'no module imports');
  assert.match(html, /<link rel="icon" href="data:image\/svg\+xml;base64,/, 'the favicon inline');
  assert.equal((html.match(/<script type="module">/g) ?? []).length, 1, 'one inline module script');
  assert.equal((html.match(/<script type="text\/plain" id="rectify-worker-source">/g) ?? []).length, 1, "the Web Worker's source inline");
});

test('from disk, the Web Worker runs from the page itself: Excel, Word, a file checked, a forged file refused', scenario(env, async ({ laptop }) => {
  // record the worker's blob: URLs (its script, text/javascript) and the URLs let go of
  const app = await laptop('usb-stick', {
    initScript: () => {
      const made = [];
      const revoked = [];
      const create = URL.createObjectURL.bind(URL);
      const revoke = URL.revokeObjectURL.bind(URL);
      URL.createObjectURL = (object) => {
        const url = create(object);
        if (object?.type === 'text/javascript') made.push(url);
        return url;
      };
      URL.revokeObjectURL = (url) => {
        revoked.push(url);
        revoke(url);
      };
      window.workerBlobs = () => ({ made, revoked: revoked.filter((u) => made.includes(u)) });
    },
  });
  const { page, start, header, notices } = app;
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await start.openExample();
  await notices.infoText(/已打开示例台账/);
  const ledger = (await header.currentLedger()).trim();

  await app.ledgers.open();
  const [excel] = await Promise.all([
    page.waitForEvent('download', { timeout: 30000 }),
    page.getByRole('main').getByRole('button', { name: '导出 Excel', exact: true }).click(),
  ]);
  assert.equal(excel.suggestedFilename(), `${ledger}.xlsx`);
  await notices.infoText(/已导出 Excel：.*\.xlsx/);
  const started = await page.evaluate(() => window.workerBlobs());
  assert.equal(started.made.length, 1, 'the worker started from one blob: URL');
  assert.deepEqual(started.revoked, started.made, 'and let it go once the worker was ready');

  const bulletin = new BulletinPage(page, header);
  await bulletin.open();
  const word = await bulletin.download(bulletin.wordButton);
  assert.equal(word.fileName, `${ledger}-通报.docx`);
  assert.equal(word.bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip package');

  // the ledger's own file goes through the worker's trial load, then merges (nothing new)
  const exported = await header.export();
  await notices.dismiss();
  await header.importFile({ name: exported.fileName, mimeType: 'application/octet-stream', buffer: exported.bytes });
  await notices.infoText(/中没有新的修改（此前已导入过），台账未变/);
  await header.importFile(join(FIXTURES, 'crafted-automerge-panic.rectify'));
  assert.match(await notices.errorText(/未导入/), /文件已损坏.*读取这个文件时程序出错/);
  const blobs = await page.evaluate(() => window.workerBlobs());
  assert.deepEqual(blobs.revoked, blobs.made, 'every worker blob: URL let go, the crashed one too');

  const foreign = requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && u.split('#')[0] !== page.url().split('#')[0]);
  assert.deepEqual(foreign, [], 'nothing but the file itself (and its blob: worker) is loaded');
}));

test('opened from disk with no server: create a ledger, reload, it is still there', scenario(env, async ({ laptop }) => {
  const app = await laptop('usb-stick');
  const { page, start, checklist, header, notices } = app;
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  assert.match(page.url(), /^file:\/\/.*rectify\.html(#.*)?$/);

  await start.heading.waitFor();
  await start.createLedger('U盘上的整改台账');
  await expectText(checklist.title, 'U盘上的整改台账', 'ledger title');
  await notices.infoText(/已新建台账“U盘上的整改台账”/);
  const category = await checklist.addCategory('针对财务管理不规范的问题');
  const editor = await category.addProblem();
  await editor.write('问题表现', '从磁盘打开也能保存');
  await editor.collapse();
  await app.waitForSave();

  await app.reload();
  await expectText(checklist.title, 'U盘上的整改台账', 'ledger title after reload');
  await expectText(checklist.problem(1).toggle, /^1\.\s*从磁盘打开也能保存$/, 'the problem after reload');
  assert.deepEqual(await header.ledgerNames(), ['U盘上的整改台账']);

  // the view is in the address from disk too: a reload keeps it, back returns
  await header.show('进度');
  assert.match(page.url(), /^file:\/\/.*rectify\.html#\/progress\?l=/, page.url());
  await app.reload();
  await until(async () => (await header.tab('进度').getAttribute('aria-selected')) === 'true', '进度 after a reload');
  await page.goBack();
  await until(async () => (await header.tab('台账').getAttribute('aria-selected')) === 'true', '台账 after back');

  const self = page.url().split('#')[0];
  const foreign = requests.filter((u) => !u.startsWith('data:') && u.split('#')[0] !== self);
  assert.deepEqual(foreign, [], 'nothing but the file itself is loaded');
  // file:// has no service workers at all (Chromium refuses the question); none may exist
  const sw = await page.evaluate(async () => {
    try {
      return navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 'none';
    } catch (e) {
      return e.name;
    }
  });
  assert.ok(['none', 0, 'SecurityError'].includes(sw), `no service worker from file:// (${sw})`);
}));

test('台账管理 says the data is in this browser, shared by every page opened from disk', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  await app.start.createLedger('存放位置');
  await app.ledgers.open();
  const note = app.page.getByRole('note', { name: '数据保存位置' });
  await expectText(note, /从磁盘直接打开的文件（file:\/\/）/, 'the storage note');
  const text = await note.innerText();
  assert.match(text, /本浏览器的本地存储（localStorage）/);
  assert.match(text, /从磁盘打开的所有网页共用这一份存储/);
  assert.match(text, /当前台账“存放位置”：尚未在本浏览器导出过；此后有 \d+ 处修改未导出（满 20 处时提醒导出）/);
  // the export resets the count
  await app.header.export();
  await until(async () => /上次在本浏览器导出：.*此后有 0 处修改未导出/.test(await note.innerText()), 'the count reset by 导出');
}));

test('from disk, 帮助 shows the guide the file carries inline, fetching nothing', scenario(env, async ({ laptop }) => {
  const app = await laptop('usb-stick-help');
  const { page, header } = app;
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await header.show('帮助');
  const guide = page.getByRole('main').getByRole('region', { name: '帮助' });
  await guide.getByRole('heading', { name: '整改台账 使用说明', level: 2 }).waitFor();
  assert.equal(await guide.getByRole('alert').count(), 0, 'no error instead of the guide');
  assert.deepEqual(requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:')), [], 'nothing fetched');
}));

test('read as UTF-8 (as a web server may declare it), the file says it must be opened from disk', async () => {
  // the same bytes but the declared encoding: the packed bytes are lost, so the app cannot start
  const html = await readFile(SINGLE, 'latin1');
  const copy = join(env.tmp, 'as-utf8.html');
  await writeFile(copy, Buffer.from(html.replace('<meta charset="windows-1252">', '<meta charset="utf-8">'), 'latin1'));
  const page = await env.browser.newPage();
  try {
    await page.goto(pathToFileURL(copy).href);
    await expectText(page.locator('body'), /整改台账无法启动：这个文件被当作 UTF-8 编码读取了。请直接从磁盘打开它/, 'the message');
    assert.equal(await page.locator('header h1').count(), 0, 'no app');
  } finally {
    await page.close();
  }
});

test("no build phones home: neither dist/ nor the one file carries Trunk's live-reload client", async () => {
  const { DIST } = await import('./support/server.mjs');
  for (const file of [join(DIST, 'index.html'), SINGLE]) {
    const html = await readFile(file, 'utf8');
    assert.doesNotMatch(html, /\.well-known\/trunk/, `${file}: no live-reload WebSocket`);
  }
});

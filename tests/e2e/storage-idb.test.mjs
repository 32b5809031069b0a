// IndexedDB beside localStorage: a ledger that grows past the threshold moves there without
// loss and keeps opening after reloads, two tabs still merge each other's saves, a refused
// IndexedDB write keeps the last good copy and says 未保存, and a browser that blocks site
// data (localStorage and IndexedDB both throw) still lets a person work and export.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { FIXTURES, scenario, useBrowser } from './support/harness.mjs';
import { expectCount, expectValue, expectVisible, until } from './support/until.mjs';

const env = useBrowser();

/** A slow (debug, shared) machine: give each step a minute; nothing here asserts a timing. */
const patient = (app) => {
  app.page.setDefaultTimeout(60_000);
  return app;
};

/**
 * Before the app: IDBObjectStore.put throws QuotaExceededError while
 * `window.__refuseIdbWrites` is true (as a browser does when the disk quota is reached), or
 * for keys starting with `window.__refuseIdbWritesOf` (a disk with room for a chunk but not
 * for a 4× larger view).
 */
function refusableIdbWrites() {
  const put = IDBObjectStore.prototype.put;
  window.__refuseIdbWrites = false;
  window.__refuseIdbWritesOf = null;
  IDBObjectStore.prototype.put = function (...args) {
    const prefix = window.__refuseIdbWritesOf;
    if (window.__refuseIdbWrites || (prefix && String(args[1]).startsWith(prefix))) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    return put.apply(this, args);
  };
}

/**
 * Before the app: notes in `window.__fromView` whether this page load showed problem rows
 * while the note 台账已显示，正在载入修改记录 was up (the ledger shown from its stored view, the
 * document still loading) and whether that note went away again (the document loaded).
 */
function watchViewStart() {
  const seen = (window.__fromView = { rowsWithNote: false, noteGone: false });
  new MutationObserver(() => {
    const note = document.querySelector('.notice.loading');
    if (note && /正在载入修改记录/.test(note.textContent) && document.querySelector('main article')) {
      seen.rowsWithNote = true;
    }
    if (!note && seen.rowsWithNote) seen.noteGone = true;
  }).observe(document, { subtree: true, childList: true });
}

/** Both of the above, as one init script. */
const refusableIdbWritesAndWatchViewStart = {
  content: `(${refusableIdbWrites})();(${watchViewStart})();`,
};

/** Wait until this page load showed the ledger from its view and then loaded its document. */
const shownFromViewThenLoaded = (app, what) =>
  until(async () => {
    const seen = await app.page.evaluate(() => window.__fromView);
    assert.deepEqual(seen, { rowsWithNote: true, noteGone: true });
  }, `${what}: the checklist shown from the view, then the document loaded`);

/** Before the app: site data blocked — reading localStorage or indexedDB throws, as in Chromium. */
function siteDataBlocked() {
  for (const name of ['localStorage', 'indexedDB']) {
    Object.defineProperty(window, name, {
      configurable: true,
      get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    });
  }
}

/** Keys of the app's IndexedDB store (only once the app has created it). */
const idbKeys = (app) =>
  app.page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('rectify');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const keys = db.transaction('kv').objectStore('kv').getAllKeys();
          keys.onsuccess = () => {
            resolve(keys.result);
            db.close();
          };
          keys.onerror = () => reject(keys.error);
        };
      }),
  );

/** The value stored under `key` in the app's IndexedDB store (null when there is none). */
const idbValue = (app, key) =>
  app.page.evaluate(
    (key) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('rectify');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('kv').objectStore('kv').get(key);
          get.onsuccess = () => {
            resolve(get.result == null ? null : String(get.result));
            db.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
    key,
  );

/** The first line of the ledger's stored view in IndexedDB (its format and stored version). */
const viewLine = async (app, id) => (await idbValue(app, `rectify:view:${id}`))?.split('\n')[0] ?? null;

/** Which snapshot the known changes kept beside a ledger's snapshot in IndexedDB were written
 * for (the hash of its text, their first field); null when there are none. */
// the snapshot a known-changes record was written for: `k2:<sha256 of the snapshot>:<sha256 of the body>:<body>`
const knownFor = async (app, id) => (await idbValue(app, `rectify:known:${id}`))?.match(/^k2:([0-9a-f]{64}):/)?.[1] ?? null;

/** Deterministic text of `n` varied CJK characters (compresses poorly, like real long text). */
function variedText(seed, n) {
  let x = BigInt(seed);
  const out = [];
  for (let i = 0; i < n; i++) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    out.push(String.fromCharCode(0x4e00 + Number((x >> 33n) % 20000n)));
  }
  return out.join('');
}

/** The 保存位置 and 占用空间 cells of a ledger's row in 台账管理. */
async function placeOf(app, name) {
  await app.ledgers.open();
  const cells = await app.ledgers.row(name).getByRole('cell').allInnerTexts();
  return { size: cells[2], place: cells[3] };
}

const fieldOf = async (app, n, label) =>
  (await app.checklist.problem(n).open()).field(label).inputValue({ timeout: 2000 });

test('a growing ledger moves to IndexedDB without loss; reloads, two tabs and a refused write keep every saved edit', scenario(env, async ({ laptop }) => {
  const app = patient(await laptop('A', { initScript: refusableIdbWritesAndWatchViewStart }));
  await app.start.openExample();
  await expectCount(app.checklist.problemToggles, 20, 'problems of the example');
  await app.waitForSave();
  const example = (await app.checklist.title.innerText()).trim();
  assert.equal((await placeOf(app, example)).place, 'localStorage', 'a small ledger stays in localStorage');
  const usage = await app.page.locator('.storage-usage').innerText();
  assert.match(usage, /本应用占用：localStorage 约 .*IndexedDB 约 .*浏览器估计本网址共用/);

  // it grows: 20 000 characters typed into 整改情况 take its stored copy past 64 K characters,
  // from where rewriting it whole at every save would be a pause while typing: it moves
  const exampleId = await app.page.evaluate(() => localStorage.getItem('rectify:current'));
  await app.header.show('台账');
  await (await app.checklist.problem(1).open()).field('整改情况').fill(variedText(3, 20_000), { timeout: 600_000 });
  await app.waitForSave();
  await until(async () => assert.equal((await placeOf(app, example)).place, 'IndexedDB'), 'the grown example to move to IndexedDB', { timeout: 120_000 });
  assert.ok((await idbKeys(app)).includes(`rectify:ledger:${exampleId}`), 'its copy is in IndexedDB');
  await until(async () => assert.ok(
    !(await app.storageKeys()).includes(`rectify:ledger:${exampleId}`),
  ), 'the localStorage copy to be removed once IndexedDB has it');

  // a large ledger (about 1 MB; written by crates/core/tests/storage/) arrives as a file: it is stored in
  // IndexedDB from its first save
  await app.header.importFile(join(FIXTURES, 'large-ledger.rectify'));
  await app.notices.importDialogButton('作为新台账打开').click();
  await app.header.show('台账');
  await expectCount(app.checklist.problemToggles, 8, 'problems of the large ledger');
  await app.waitForSave();
  const name = '大台账（测试）';
  await until(async () => assert.equal((await placeOf(app, name)).place, 'IndexedDB'), 'the large ledger in IndexedDB', { timeout: 120_000 });

  // it grows too: 30 000 characters typed into three fields (a field holds at most 64 KB,
  // about 21 800 Chinese characters)
  const long = variedText(7, 10_000);
  const grown = ['整改情况', '整改措施', '原因分析'];
  await app.header.show('台账');
  const first = await app.checklist.problem(1).open();
  for (const [i, label] of grown.entries()) {
    await first.field(label).fill(variedText(7 + i, 10_000), { timeout: 600_000 });
  }
  await app.waitForSave();
  const { size } = await placeOf(app, name);
  assert.match(size, /MB$/, `its size is shown: ${size}`);
  const id = await app.page.evaluate(() => localStorage.getItem('rectify:current'));
  assert.ok((await idbKeys(app)).includes(`rectify:ledger:${id}`), 'the copy is in IndexedDB');
  assert.ok(!(await app.storageKeys()).includes(`rectify:ledger:${id}`), 'and not in localStorage');

  // a small edit afterwards is saved as a chunk; a reload has both
  await app.header.show('台账');
  const viewAtMove = await viewLine(app, id);
  await (await app.checklist.problem(2).open()).set('责任人', '迁移后的责任人');
  await app.waitForSave();
  await until(async () => assert.ok((await idbKeys(app)).some((k) => k.startsWith(`rectify:chunk:${id}:`))), 'a chunk in IndexedDB');
  // beside it IndexedDB keeps a view (the ledger as plain JSON), rewritten after each save:
  // a reload shows the checklist from it at once and loads the document when the page is idle
  await until(async () => assert.notEqual(await viewLine(app, id), viewAtMove), 'the view rewritten after the pause');
  assert.ok((await idbKeys(app)).includes(`rectify:view:${id}`), 'a view in IndexedDB');
  await app.reload();
  for (const [i, label] of grown.entries()) {
    assert.equal(await fieldOf(app, 1, label), variedText(7 + i, 10_000), `the long ${label} after reload`);
  }
  assert.equal(await fieldOf(app, 2, '责任人'), '迁移后的责任人', 'the chunked edit after reload');
  await shownFromViewThenLoaded(app, 'after the reload');
  assert.equal(await fieldOf(app, 2, '责任人'), '迁移后的责任人', 'the same once the document is loaded');

  // a second tab reads IndexedDB; each tab sees the other's saves without reloading
  const two = patient(await app.newTab('A-tab2'));
  await expectCount(two.checklist.problemToggles, 8, 'tab2 opens the same ledger');
  await (await app.checklist.problem(3).open()).set('责任人', '一号窗口');
  await app.waitForSave();
  await (await two.checklist.problem(4).open()).set('责任人', '二号窗口');
  await two.waitForSave();
  for (const tab of [app, two]) {
    await until(async () => {
      assert.equal(await fieldOf(tab, 3, '责任人'), '一号窗口');
      assert.equal(await fieldOf(tab, 4, '责任人'), '二号窗口');
    }, `${tab.name}: both tabs' edits`);
  }
  await two.page.close();

  // IndexedDB refuses the write (quota): 未保存, the edit stays, 立即导出 works, and
  // IndexedDB keeps the last good copy, as a tab opened now shows
  await app.page.evaluate(() => { window.__refuseIdbWrites = true; });
  const editor = await app.checklist.problem(5).open();
  await editor.set('责任人', '写不进去的责任人');
  await until(async () => assert.match(await app.notices.saveError.innerText({ timeout: 1000 }), /^未保存：.*存储空间已满/s), 'the 未保存 alert');
  await expectValue(editor.field('责任人'), '写不进去的责任人', 'the edit stays in the page');
  const [download] = await Promise.all([app.page.waitForEvent('download'), app.notices.saveErrorExport.click()]);
  assert.ok((await readFile(await download.path())).length > 100000, 'the export has the ledger');
  const three = patient(await app.newTab('A-tab3'));
  await expectCount(three.checklist.problemToggles, 8, 'tab3 opens the last good copy');
  assert.notEqual(await fieldOf(three, 5, '责任人'), '写不进去的责任人', 'the refused edit is not in IndexedDB');
  assert.equal(await fieldOf(three, 2, '责任人'), '迁移后的责任人', 'the last good copy has the earlier edits');
  await three.page.close();

  // space again: the next save writes the refused edit too and the alert goes away
  await app.page.evaluate(() => { window.__refuseIdbWrites = false; });
  const viewBefore = await viewLine(app, id);
  await (await app.checklist.problem(6).open()).set('责任人', '恢复后的责任人');
  await expectVisible(app.notices.saveError, false, 'the 未保存 alert after a successful save');
  await app.waitForSave();
  // the view is rewritten when editing pauses (1.5 s after the last save), not on every save
  await until(async () => assert.notEqual(await viewLine(app, id), viewBefore), 'the view rewritten after the pause');
  await app.reload();
  assert.equal(await fieldOf(app, 5, '责任人'), '写不进去的责任人', 'the once refused edit after reload');
  assert.equal(await fieldOf(app, 6, '责任人'), '恢复后的责任人');
  assert.equal(await fieldOf(app, 1, '整改情况'), long);
  await expectCount(app.notices.saveError, 0, 'no save error after reload');
  // that reload, too, showed the view (so it was rewritten after the later saves, with them)
  await shownFromViewThenLoaded(app, 'after the last reload');

  // an edit right after a reload, while the document may still be loading, is kept
  await app.reload();
  await (await app.checklist.problem(7).open()).set('责任人', '刚打开就改的责任人');
  await shownFromViewThenLoaded(app, 'with an edit at once');
  await app.waitForSave();
  await app.reload();
  assert.equal(await fieldOf(app, 7, '责任人'), '刚打开就改的责任人', 'the edit made at once, after reload');

  // room for the ledger's saves but not for the (larger) view: the saves go on, no 未保存
  // alert (nothing of the ledger is unsaved), and the next start loads the document instead
  await app.page.evaluate(() => { window.__refuseIdbWritesOf = 'rectify:view:'; });
  const viewBeforeFull = await viewLine(app, id);
  await (await app.checklist.problem(8).open()).set('责任人', '视图写不进时的责任人');
  await app.waitForSave();
  await app.page.waitForTimeout(2500); // past the pause at which the view is written (and refused)
  await (await app.checklist.problem(8).open()).set('责任领导', '视图写不进时的领导');
  await app.waitForSave();
  await app.page.waitForTimeout(2500);
  await expectCount(app.notices.saveError, 0, 'no 未保存 alert when only the view is refused');
  assert.equal(await viewLine(app, id), viewBeforeFull, 'the refused view is not on disk');
  await app.reload();
  assert.equal(await fieldOf(app, 8, '责任人'), '视图写不进时的责任人', 'the saves went on');
  assert.equal(await fieldOf(app, 8, '责任领导'), '视图写不进时的领导', 'the save after the refused view too');
  const seen = await app.page.evaluate(() => window.__fromView);
  assert.equal(seen.rowsWithNote, false, 'the outdated view is not shown: the document is loaded');
}));

test('typing in a ledger in IndexedDB appends a chunk a save; they are compacted once typing pauses, not while it goes on', scenario(env, async ({ laptop }) => {
  const app = patient(await laptop('typist'));
  await app.start.openExample();
  await app.header.importFile(join(FIXTURES, 'large-ledger.rectify'));
  await app.notices.importDialogButton('作为新台账打开').click();
  await app.header.show('台账');
  await expectCount(app.checklist.problemToggles, 8, 'problems of the large ledger');
  await app.waitForSave();
  const id = await app.page.evaluate(() => localStorage.getItem('rectify:current'));
  const chunks = async () => (await idbKeys(app)).filter((k) => k.startsWith(`rectify:chunk:${id}:`)).length;
  await until(async () => assert.ok((await idbKeys(app)).includes(`rectify:ledger:${id}`)), 'the large ledger in IndexedDB');
  await until(async () => assert.equal(await chunks(), 0), 'no chunks yet');
  // beside the snapshot, its changes' hashes, which make the next load about half as long
  const knownAtImport = await knownFor(app, id);
  assert.match(knownAtImport ?? '', /^[0-9a-f]{64}$/, 'known changes beside the imported snapshot');

  // a quick typist without a pause: about 2 saves a second, each one chunk; 32 chunks make a
  // compaction due, and it waits
  const editor = await app.checklist.problem(2).open();
  const field = editor.field('整改措施');
  const before = await field.inputValue();
  await field.click();
  await app.page.keyboard.press('Control+End');
  // (typed in bursts with a look at IndexedDB between them, no pause, until past 32 chunks: a
  // build that compacts while typing never gets there)
  let typed = '';
  let whileTyping = 0;
  while (whileTyping <= 32 && typed.length < 600) {
    const burst = '边打字边保存';
    await app.page.keyboard.type(burst, { delay: 90 });
    typed += burst;
    whileTyping = await chunks();
  }
  assert.ok(whileTyping > 32, `${whileTyping} chunks after ${typed.length} keys, none compacted while typing went on`);
  // the pause (1.5 s without a save): one new snapshot; the one before it becomes the previous
  // generation, and the chunks saved after that stay beside it until the next compaction
  await until(async () => assert.notEqual(await knownFor(app, id), knownAtImport), 'the chunks compacted in the pause', { timeout: 30_000 });
  assert.ok((await idbKeys(app)).includes(`rectify:prev:${id}`), 'the imported snapshot kept as the previous generation');
  assert.ok((await chunks()) >= whileTyping, 'the chunks after the previous generation kept');
  const knownAtCompaction = await knownFor(app, id);
  assert.match(knownAtCompaction ?? '', /^[0-9a-f]{64}$/, 'known changes beside the new snapshot');
  assert.notEqual(knownAtCompaction, knownAtImport, 'written again for the new snapshot');
  await app.reload();
  assert.equal(await fieldOf(app, 2, '整改措施'), before + typed, 'every keystroke after the reload');
  // an edit now goes to the document loaded with those hashes, and saves as any other
  await (await app.checklist.problem(3).open()).set('责任人', '重新载入后');
  await app.waitForSave();
  await app.reload();
  assert.equal(await fieldOf(app, 3, '责任人'), '重新载入后', 'the edit after the reload');
  assert.equal(await fieldOf(app, 2, '整改措施'), before + typed, 'and the typed text');
}));

test('typing into a long field (14,000 characters), at its end and in its middle, is saved as typed', scenario(env, async ({ laptop }) => {
  // each keystroke is written as one splice where it happened (crates/core document/text_edit.rs,
  // described by the field; else document/edit.rs): characters outside the BMP, a deletion, an
  // input method's word in the middle, a paste, a cut and an undo included
  const app = patient(await laptop('long-text'));
  await app.start.openExample();
  await app.header.importFile(join(FIXTURES, 'large-ledger.rectify'));
  await app.notices.importDialogButton('作为新台账打开').click();
  await app.header.show('台账');
  await expectCount(app.checklist.problemToggles, 8, 'problems of the large ledger');
  const editor = await app.checklist.problem(1).open();
  // the longest of its texts
  const lengths = {};
  for (const label of ['问题表现', '原因分析', '整改措施', '整改情况', '佐证材料']) {
    lengths[label] = (await editor.field(label).inputValue()).length;
  }
  const label = Object.keys(lengths).sort((a, b) => lengths[b] - lengths[a])[0];
  assert.ok(lengths[label] >= 10_000, `a long text: ${JSON.stringify(lengths)}`);
  const field = editor.field(label);
  const before = await field.inputValue();
  await field.click();
  await app.page.keyboard.press('Control+End');
  await app.page.keyboard.type('末尾 end😀');
  await app.page.keyboard.press('Backspace'); // the emoji: two UTF-16 units, one character
  // the caret to the middle, then a word as an input method commits it, and a deletion
  const middle = Math.floor(before.length / 2);
  await field.evaluate((t, at) => t.setSelectionRange(at, at), middle);
  await editor.typeWithInputMethod(label, ['zh', 'zhong'], '中间');
  await app.page.keyboard.press('Delete');
  await app.page.keyboard.type('𠀀x');
  let expected = before.slice(0, middle) + '中间' + '𠀀x' + before.slice(middle + 1) + '末尾 end';
  await expectValue(field, expected, 'the text as typed');
  // a stretch copied and pasted over a selection, a selection typed over, cut, and an undo
  // (each keystroke the field describes is written as a splice; an undo as the whole text)
  const select = (from, to) => field.evaluate((t, [a, b]) => t.setSelectionRange(a, b), [from, to]);
  await select(10, 14);
  await app.page.keyboard.press('Control+C');
  await select(100, 103);
  await app.page.keyboard.press('Control+V');
  expected = expected.slice(0, 100) + expected.slice(10, 14) + expected.slice(103);
  await expectValue(field, expected, 'pasted over a selection');
  await select(200, 205);
  await app.page.keyboard.type('改');
  expected = expected.slice(0, 200) + '改' + expected.slice(205);
  await expectValue(field, expected, 'a selection typed over');
  await select(300, 302);
  await app.page.keyboard.press('Control+X');
  expected = expected.slice(0, 300) + expected.slice(302);
  await expectValue(field, expected, 'a selection cut');
  await app.page.keyboard.press('Control+Z');
  const undone = await field.inputValue();
  assert.notEqual(undone, expected, 'the undo changed the text');
  await app.waitForSave();
  await app.reload();
  const again = await app.checklist.problem(1).open();
  await expectValue(again.field(label), undone, 'the text as typed and undone, after a reload');
}));

test('storage disabled: a clear message, and a person can still work and export', scenario(env, async ({ laptop, tmpFile }) => {
  const app = patient(await laptop('blocked', { initScript: siteDataBlocked }));
  assert.equal(await app.page.evaluate(() => { try { return typeof localStorage; } catch (e) { return e.name; } }), 'SecurityError');
  await until(async () => assert.match(await app.notices.saveError.innerText({ timeout: 1000 }), /^未保存：.*浏览器禁止本页使用本地存储/s), 'the storage-disabled alert');
  await app.start.openExample();
  await expectCount(app.checklist.problemToggles, 20, 'the example opens');
  const editor = await app.checklist.problem(1).open();
  await editor.set('责任人', '无存储时的责任人');
  await expectValue(editor.field('责任人'), '无存储时的责任人', 'the edit stays in the page');
  await expectVisible(app.notices.saveError, true, 'the alert stays');
  const exported = await app.header.export();
  const file = await tmpFile(exported.fileName, exported.bytes);

  // the exported file carries the edit to a browser that can store it
  const other = patient(await laptop('colleague'));
  await other.header.importFile(file);
  await other.notices.importDialogButton('作为新台账打开').click();
  await expectCount(other.checklist.problemToggles, 20, 'colleague: problems');
  assert.equal(await fieldOf(other, 1, '责任人'), '无存储时的责任人');
}));

// Faults injected into the browser's storage (issue 28), each followed by a reload: a
// localStorage full of other pages' data (the ledger goes to IndexedDB), a damaged or cut-off
// stored copy (opened from the previous generation, or named with its cause and the way
// out), an IndexedDB record damaged with no earlier copy (the view on screen exported as a
// rescued copy), a file from a newer version (asked first), names with direction controls, a
// crafted file (no panic in the console) and a file spliced from two ledgers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { FIXTURES, fillStorage, scenario, useBrowser } from './support/harness.mjs';
import { expectCount, expectValue, until } from './support/until.mjs';

const env = useBrowser();

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The open ledger's id (the app keeps it as `rectify:current`). */
const currentId = (app) => app.page.evaluate(() => localStorage.getItem('rectify:current'));

/** Reload with a localStorage value changed by `how` just before the app starts (once), so
 * the page that had it open cannot write it back on its way out. */
const reloadWithLocal = async (app, key, how, alsoRemove = null) => {
  await app.context.addInitScript(
    ([key, how, alsoRemove]) => {
      if (localStorage.getItem('test:changed')) return;
      localStorage.setItem('test:changed', '1');
      const v = localStorage.getItem(key);
      const mid = Math.floor(v.length / 2);
      const changed = how === 'damage' ? v.slice(0, mid) + 'AAAA' + v.slice(mid + 4) : v.slice(0, 100);
      localStorage.setItem(key, changed);
      if (alsoRemove) localStorage.removeItem(alsoRemove);
    },
    [key, how, alsoRemove],
  );
  await app.reload();
};

/** Read or change one value of the app's IndexedDB store. */
const idb = (app, op, key, value) =>
  app.page.evaluate(
    ([op, key, value]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('rectify');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('kv', op === 'get' ? 'readonly' : 'readwrite');
          const store = tx.objectStore('kv');
          const req = op === 'get' ? store.get(key) : store.put(value, key);
          req.onsuccess = () => resolve(op === 'get' ? (req.result == null ? null : String(req.result)) : null);
          req.onerror = () => reject(req.error);
          tx.oncomplete = () => db.close();
        };
      }),
    [op, key, value],
  );

test('localStorage full of other pages’ data: the ledger is saved to IndexedDB and is there after a reload', scenario(env, async ({ laptop }) => {
  const app = await laptop('full');
  await app.start.openExample();
  await expectCount(app.checklist.problemToggles, 20, 'problems of the example');
  await app.waitForSave();
  const id = await currentId(app);
  const filled = await fillStorage(app.page);
  assert.ok(filled.full, 'localStorage is full');
  const editor = await app.checklist.problem(1).open();
  await editor.set('责任人', '存储满时的责任人');
  await until(async () => (await idb(app, 'get', `rectify:ledger:${id}`)) !== null, 'the ledger in IndexedDB');
  await sleep(800);
  await expectCount(app.notices.saveError, 0, 'no 未保存: IndexedDB took the save');
  await app.reload();
  const reopened = await app.checklist.problem(1).open();
  await expectValue(reopened.field('责任人'), '存储满时的责任人', 'the edit after the reload');
  await expectCount(app.notices.saveError, 0, 'no error after the reload');
}));

test('a damaged copy in localStorage opens from the previous generation, says so with its time, and is repaired', scenario(env, async ({ laptop }) => {
  const app = await laptop('damaged');
  await app.start.openExample();
  await app.waitForSave();
  let editor = await app.checklist.problem(1).open();
  await editor.set('责任人', '第一次保存');
  await app.waitForSave();
  await editor.set('责任人', '第二次保存');
  await app.waitForSave();
  const id = await currentId(app);
  await reloadWithLocal(app, `rectify:ledger:${id}`, 'damage');
  const text = await app.notices.errorText(/最新副本已损坏/);
  assert.match(text, /台账《.+》在本机保存的最新副本已损坏（数据校验失败/, text);
  assert.match(text, /已恢复到 \d{4}-\d\d-\d\d \d\d:\d\d 保存的上一版本/, text);
  editor = await app.checklist.problem(1).open();
  await expectValue(editor.field('责任人'), '第一次保存', 'the previous generation');
  // a good copy was written at once: the next start says nothing
  await app.waitForSave();
  await app.reload();
  await sleep(500);
  await expectCount(app.notices.error, 0, 'no notice after the repair');
  editor = await app.checklist.problem(1).open();
  await expectValue(editor.field('责任人'), '第一次保存', 'after the repair');
}));

test('two ledgers’ records swapped: each opens as itself, from its previous generation, and says why', scenario(env, async ({ laptop }) => {
  const app = await laptop('swapped');
  const ids = [];
  const UNIT = '被巡察单位（发文机关）';
  for (const [i, name] of ['甲台账', '乙台账'].entries()) {
    if (i === 0) await app.start.createLedger(name);
    else {
      await app.ledgers.open();
      await app.ledgers.createLedger(name);
    }
    await until(async () => (await app.header.currentLedger()) === name, `${name} open`);
    await app.info.open();
    await app.info.set(UNIT, `${name}的单位`);
    await app.waitForSave();
    await app.info.set(UNIT, `${name}的单位（改）`);
    await app.waitForSave();
    ids.push(await currentId(app));
  }
  await app.context.addInitScript((ids) => {
    if (localStorage.getItem('test:changed')) return;
    localStorage.setItem('test:changed', '1');
    const [a, b] = ids.map((id) => `rectify:ledger:${id}`);
    const va = localStorage.getItem(a);
    localStorage.setItem(a, localStorage.getItem(b));
    localStorage.setItem(b, va);
  }, ids);
  await app.reload();
  const text = await app.notices.errorText(/最新副本已损坏/);
  assert.match(text, /《乙台账》.*属于另一本台账/, text);
  assert.equal(await app.header.currentLedger(), '乙台账');
  await app.header.switchTo('甲台账');
  await app.notices.errorText(/《甲台账》.*属于另一本台账/);
  await app.info.open();
  await expectValue(app.info.field(UNIT), '甲台账的单位', '甲 is 甲, from its previous generation');
}));

test('a tab closed in the middle of typing: the last saved edit is there, and nothing is reported damaged', scenario(env, async ({ laptop }) => {
  const app = await laptop('closed');
  await app.start.openExample();
  await app.waitForSave();
  const editor = await app.checklist.problem(2).open();
  await editor.set('责任人', '已保存的修改');
  await app.waitForSave();
  await editor.field('责任人').fill('关闭前正在输入');
  await app.page.close({ runBeforeUnload: false });
  const again = await app.newTab('reopened');
  const reopened = await again.checklist.problem(2).open();
  const value = await reopened.field('责任人').inputValue();
  assert.ok(['已保存的修改', '关闭前正在输入'].includes(value), value);
  await expectCount(again.notices.error, 0, 'nothing damaged');
}));

test('a cut-off copy with no earlier one: the start names the ledger, the cause and the way out, not a file’s advice', scenario(env, async ({ laptop }) => {
  const app = await laptop('cut');
  await app.start.openExample();
  await app.waitForSave();
  const id = await currentId(app);
  await reloadWithLocal(app, `rectify:ledger:${id}`, 'cut', `rectify:prev:${id}`);
  const text = await app.notices.errorText(/已损坏/);
  assert.match(text, /本机保存的台账《.+》已损坏，无法打开：保存的内容不完整/, text);
  assert.match(text, /下载存档/, text);
  assert.doesNotMatch(text, /重新索取/, 'no advice meant for a received file');
  // the way out it names is there
  await app.header.show('台账管理');
  const [download] = await Promise.all([
    app.page.waitForEvent('download'),
    app.page.getByRole("button", { name: /^下载“.+”的存档$/ }).first().click(),
  ]);
  assert.ok((await readFile(await download.path())).length >= 60, 'the raw bytes downloaded');
}));

test('an IndexedDB record damaged with no earlier copy: the view on screen is exported as a rescued copy that opens', scenario(env, async ({ laptop, tmpFile }) => {
  const app = await laptop('rescue');
  await app.header.importFile(join(FIXTURES, 'large-ledger.rectify'));
  await app.notices.importDialogButton('作为新台账打开').click();
  await until(async () => (await app.checklist.problemToggles.count()) > 0, 'the large ledger shown');
  const shown = await app.checklist.problemToggles.count();
  const id = await currentId(app);
  await until(async () => (await idb(app, 'get', `rectify:view:${id}`)) !== null, 'its view stored');
  const key = `rectify:ledger:${id}`;
  const text = await idb(app, 'get', key);
  const mid = Math.floor(text.length / 2);
  await idb(app, 'put', key, text.slice(0, mid) + 'AAAA' + text.slice(mid + 4));
  await app.reload();
  const banner = app.page.getByRole('alert').filter({ hasText: /无法打开/ });
  await until(async () => /只读：本机保存的台账《.+》无法打开（数据校验失败/.test(await banner.innerText({ timeout: 1000 })), 'the banner naming the cause');
  assert.doesNotMatch(await banner.innerText(), /更新版本/, 'not blamed on a newer version');
  await expectCount(app.checklist.problemToggles, shown, 'the view still on screen');
  const [download] = await Promise.all([
    app.page.waitForEvent('download'),
    banner.getByRole('button', { name: '导出抢救副本', exact: true }).click(),
  ]);
  const name = download.suggestedFilename();
  assert.match(name, /抢救副本/, name);
  const file = await tmpFile(name, await readFile(await download.path()));
  // 导出 in the header gives the same rescue
  const viaHeader = await app.header.export();
  assert.match(viaHeader.fileName, /抢救副本/);
  const other = await laptop('colleague');
  await other.header.importFile(file);
  await other.notices.importDialogButton('作为新台账打开').click();
  await expectCount(other.checklist.problemToggles, shown, 'the rescued copy opens with every problem');
}));

test('a file from a newer version asks before it is added, and opens read-only when accepted', scenario(env, async ({ laptop }) => {
  const app = await laptop('newer');
  await app.start.openExample();
  await app.waitForSave();
  const before = await app.header.ledgerNames();
  await app.header.importFile(join(FIXTURES, 'schema-99.rectify'));
  const dialog = app.page.getByRole('dialog');
  await until(async () => /更新版本的 Rectify 写成（数据格式 99）/.test(await dialog.innerText({ timeout: 1000 })), 'the question');
  await dialog.getByRole('button', { name: '取消', exact: true }).click();
  assert.deepEqual(await app.header.ledgerNames(), before, 'nothing added when cancelled');
  await app.header.importFile(join(FIXTURES, 'schema-99.rectify'));
  await dialog.getByRole('button', { name: '以只读方式打开', exact: true }).click();
  await until(async () => (await app.header.ledgerNames()).length === before.length + 1, 'added when accepted');
  await until(async () => /只读：此台账来自更新版本/.test(await app.page.getByRole('status').filter({ hasText: '只读' }).innerText({ timeout: 1000 })), 'read-only');
}));

test('direction controls in a ledger name and 我的名字 never reorder the heading, the selector, the file name or 修改记录', scenario(env, async ({ laptop }) => {
  const app = await laptop('bidi');
  const CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
  await app.header.setMyName('\u202E三张\u202C');
  await app.start.createLedger('报告\u202Egpj.exe\u2066\u2069\u202D');
  await until(async () => (await app.header.currentLedger()).includes('报告'), 'the new ledger selected');
  assert.doesNotMatch(await app.header.currentLedger(), CONTROLS, 'the selector');
  const heading = await app.page.locator('h2.ledger-title').innerText();
  assert.equal(heading, '报告gpj.exe', 'the heading');
  const { fileName } = await app.header.export();
  assert.doesNotMatch(fileName, CONTROLS, fileName);
  assert.match(fileName, /^报告gpj\.exe/);
  await app.header.show('修改记录');
  const history = await app.page.getByRole('main').innerText();
  assert.match(history, /三张/);
  assert.doesNotMatch(history, CONTROLS, '修改记录');
}));

test('a crafted file and a file spliced from two ledgers: refused by their cause, with nothing in the console', scenario(env, async ({ laptop, tmpFile }) => {
  const app = await laptop('crafted');
  const consoleLines = [];
  app.page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  await app.start.openExample();
  await app.waitForSave();
  await app.header.importFile(join(FIXTURES, 'crafted-automerge-panic.rectify'));
  await app.notices.errorText(/文件已损坏/);
  assert.deepEqual(consoleLines.filter((l) => /panick|RuntimeError|unreachable/i.test(l)), [], 'no panic in the console');
  // one ledger's header before another ledger's document
  const mine = (await app.header.export()).bytes;
  const other = await laptop('other');
  await other.start.createLedger('另一本台账');
  const theirs = (await other.header.export()).bytes;
  const headerEnd = (bytes) => bytes.indexOf(10, bytes.indexOf(10) + 1) + 1;
  const spliced = Buffer.concat([mine.subarray(0, headerEnd(mine)), theirs.subarray(headerEnd(theirs))]);
  await app.notices.dismiss();
  await app.header.importFile(await tmpFile('拼接.rectify', spliced));
  const text = await app.notices.errorText(/文件/);
  assert.match(text, /文件头与内容不是同一本台账/, text);
  assert.doesNotMatch(text, /不完整/, text);
}));

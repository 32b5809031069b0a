// Browser storage: a full localStorage with IndexedDB refused never loses an edit (the page
// keeps it, says 未保存, and 导出 still works; the next save after space is freed stores it),
// and two tabs on the same ledger merge each other's saves.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { fillStorage, scenario, useBrowser } from './support/harness.mjs';
import { expectCount, expectText, expectValue, expectVisible, until } from './support/until.mjs';

const env = useBrowser();


const removeJunk = (app) =>
  app.page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('junk:')) localStorage.removeItem(k);
  });

/** Open problem `n` and read one of its fields. */
async function fieldOf(app, n, label = '责任人') {
  return (await app.checklist.problem(n).open()).field(label).inputValue({ timeout: 2000 });
}

/** Before the app: IndexedDB refused (a browser setting), so localStorage is the only store. */
function indexedDbBlocked() {
  Object.defineProperty(window, 'indexedDB', {
    configurable: true,
    get() {
      throw new DOMException('Access is denied for this document.', 'SecurityError');
    },
  });
}

test('a full localStorage and IndexedDB refused: the edit stays on the page, 未保存 shows, 导出 still has it, and it is saved once space is freed', scenario(env, async ({ laptop, tmpFile }) => {
  // (with IndexedDB there, the ledger moves there: storage-faults.test.mjs)
  const app = await laptop('A', { initScript: indexedDbBlocked });
  const { start, checklist, notices, header } = app;
  await start.openExample();
  await expectCount(checklist.problemToggles, 20, 'problems of the example');
  await app.waitForSave();
  await expectCount(notices.saveError, 0, 'no save error before filling storage');

  const filled = await fillStorage(app.page);
  assert.ok(filled.full && filled.n > 0, `localStorage filled: ${JSON.stringify(filled)}`);

  const editor = await checklist.problem(1).open();
  await editor.write('整改情况', '存储已满时写下的整改情况');
  await until(async () => assert.match(await notices.saveError.innerText({ timeout: 1000 }), /^未保存：/), 'the 未保存 alert');
  assert.match(await notices.saveError.innerText(), /存储空间已满/);
  await expectValue(editor.field('整改情况'), '存储已满时写下的整改情况', 'the edit stays in the page');

  // another edit while full, then export from the alert's 立即导出
  await editor.set('责任人', '满时的责任人');
  await app.waitForSave();
  await expectVisible(notices.saveError, true, 'the alert after the second failed save');
  const [download] = await Promise.all([app.page.waitForEvent('download'), notices.saveErrorExport.click()]);
  const bytes = await readFile(await download.path());
  const file = await tmpFile(download.suggestedFilename(), bytes);
  // 导出 in the header works too
  const viaHeader = await header.export();
  assert.ok(viaHeader.bytes.length > 100);

  // a colleague's fresh browser opens the exported file and sees both edits
  const other = await laptop('colleague');
  await other.header.importFile(file);
  await other.notices.importDialogButton('作为新台账打开').click();
  await expectCount(other.checklist.problemToggles, 20, 'colleague: problems');
  const theirs = await other.checklist.problem(1).open();
  await expectValue(theirs.field('整改情况'), '存储已满时写下的整改情况', 'colleague: 整改情况 from the export');
  await expectValue(theirs.field('责任人'), '满时的责任人', 'colleague: 责任人 from the export');

  // free the space: the next save succeeds and the alert goes away
  await removeJunk(app);
  await editor.set('责任领导', '腾出空间后的责任领导');
  await expectVisible(notices.saveError, false, 'the 未保存 alert after a successful save');
  await app.waitForSave();
  await app.reload();
  const reopened = await checklist.problem(1).open();
  await expectValue(reopened.field('整改情况'), '存储已满时写下的整改情况', '整改情况 after reload');
  await expectValue(reopened.field('责任人'), '满时的责任人', '责任人 after reload');
  await expectValue(reopened.field('责任领导'), '腾出空间后的责任领导', '责任领导 after reload');
  await expectCount(notices.saveError, 0, 'no save error after reload');
}));

test('two tabs on the same ledger see each other’s edits, and both survive a reload', scenario(env, async ({ laptop }) => {
  const one = await laptop('tab1');
  await one.start.openExample();
  await expectCount(one.checklist.problemToggles, 20, 'tab1: problems');
  await one.waitForSave();
  const two = await one.newTab('tab2');
  await expectCount(two.checklist.problemToggles, 20, 'tab2 opens the same ledger');
  assert.equal(await two.header.currentLedger(), await one.header.currentLedger());

  const e1 = await one.checklist.problem(1).open();
  await e1.set('责任人', '一号窗口');
  await one.waitForSave();
  const e2 = await two.checklist.problem(2).open();
  await e2.set('责任人', '二号窗口');
  await e2.write('整改情况', '二号窗口写的整改情况');
  await two.waitForSave();

  for (const app of [one, two]) {
    await until(async () => {
      assert.equal(await fieldOf(app, 1), '一号窗口');
      assert.equal(await fieldOf(app, 2), '二号窗口');
    }, `${app.name}: both edits without reloading`);
    await until(async () => assert.match(await app.checklist.problem(2).summary(), /二号窗口/), `${app.name}: row 2 summary`);
  }

  // both tabs edit once more at the same time, then reload
  await (await one.checklist.problem(1).open()).set('责任领导', '一号领导');
  await (await two.checklist.problem(2).open()).set('责任领导', '二号领导');
  await (await one.checklist.problem(3).open()).set('责任人', '一号写问题3');
  await one.waitForSave();
  await two.waitForSave();
  for (const app of [one, two]) {
    await app.reload();
    await until(async () => {
      assert.equal(await fieldOf(app, 1), '一号窗口');
      assert.equal(await fieldOf(app, 2), '二号窗口');
      assert.equal(await fieldOf(app, 3), '一号写问题3');
      assert.equal(await fieldOf(app, 2, '整改情况'), '二号窗口写的整改情况');
    }, `${app.name}: all edits after reload`);
  }
  const leads = async (app) => [await fieldOf(app, 1, '责任领导'), await fieldOf(app, 2, '责任领导')];
  await until(async () => assert.deepEqual(await leads(one), ['一号领导', '二号领导']), 'tab1: the concurrent edits');
  await until(async () => assert.deepEqual(await leads(two), ['一号领导', '二号领导']), 'tab2: the concurrent edits');
}));

test('another tab deleted a problem this tab edited: the live merge says so, and 查看回收站 shows it', scenario(env, async ({ laptop }) => {
  const one = await laptop('tab1');
  await one.start.openExample();
  await expectCount(one.checklist.problemToggles, 20, 'tab1: problems');
  await one.waitForSave();
  const two = await one.newTab('tab2');
  await expectCount(two.checklist.problemToggles, 20, 'tab2 opens the same ledger');
  await one.notices.dismiss();

  // tab1 edits problem 3 and has not saved yet (its timers stopped) when tab2 deletes it
  await one.page.clock.install();
  const e1 = await one.checklist.problem(3).open();
  await e1.write('原因分析', '一号窗口补充的原因分析');
  await one.page.clock.runFor(100);
  const e2 = await two.checklist.problem(3).open();
  await e2.delete();
  await expectCount(two.checklist.problemToggles, 19, 'tab2: problem 3 deleted');
  await two.waitForSave();

  // tab1 merges tab2's save live, and says it as a file merge would
  await expectCount(one.checklist.problemToggles, 19, 'tab1: problem 3 gone from the list');
  const message = await one.notices.infoText(/已合并/);
  assert.match(message, /对方删除了你修改过的 1 个问题（“.+”）：已移入回收站，你的修改都在，可在回收站恢复。/, `tab1 is told: ${message}`);
  await one.page.getByRole('status').getByRole('button', { name: '查看回收站', exact: true }).click();
  const trash = one.page.locator('details.trash');
  await until(async () => (await trash.evaluate((d) => d.open)) === true, 'tab1: the bin open');
  await expectText(trash, /恢复/, 'tab1: the problem in the bin, with its restore button');
}));

test('a damaged stored copy is reported, kept as it is, and can be downloaded to rescue it', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  await app.start.openExample();
  await app.waitForSave();
  const name = (await app.checklist.title.innerText()).trim();
  const key = await app.page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('rectify:ledger:')));
  // damage it the way a bad disk or a foreign script would: garbage in place of the file
  await app.page.evaluate((k) => localStorage.setItem(k, 'UkVDVElGWS1MRURHRVIK' + 'AAAA'.repeat(50)), key);
  const damaged = await app.page.evaluate((k) => localStorage.getItem(k), key);
  await app.reload();
  assert.match(await app.notices.errorText(/已损坏/), new RegExp(`本机保存的台账《${name}》已损坏，无法打开`));
  await expectVisible(app.start.heading, true, 'the start screen, since nothing could be opened');
  await app.ledgers.open();
  assert.deepEqual(await app.ledgers.names(), [name], 'the damaged ledger is still listed');
  const [download] = await Promise.all([
    app.page.waitForEvent('download'),
    app.ledgers.row(name).getByRole('button', { name: `下载“${name}”的存档`, exact: true }).click(),
  ]);
  assert.ok((await readFile(await download.path())).length > 0, 'the raw stored bytes are offered');
  assert.equal(await app.page.evaluate((k) => localStorage.getItem(k), key), damaged, 'the stored copy is left untouched');
}));

test('typing without a pause is saved as it goes, each save just after a keystroke is drawn', scenario(env, async ({ laptop }) => {
  const app = await laptop('typist');
  await app.start.openExample();
  await expectCount(app.checklist.problemToggles, 20, 'problems');
  await app.waitForSave();
  const editor = await app.checklist.problem(1).open();
  const field = editor.field('整改措施');
  const before = await field.inputValue();
  await field.click();
  await app.page.keyboard.press('Control+End');
  // when each keystroke's input came, and when the ledger was written to localStorage
  await app.page.evaluate(() => {
    const log = (window.__typing = { inputs: [], saves: [] });
    addEventListener('input', () => log.inputs.push(performance.now()), true);
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key.startsWith('rectify:ledger:')) log.saves.push(performance.now());
      return setItem.call(this, key, value);
    };
  });
  const keys = 24;
  for (let i = 0; i < keys; i++) {
    await app.page.keyboard.press('x');
    await app.page.waitForTimeout(250);
  }
  const { inputs, saves } = await app.page.evaluate(() => window.__typing);
  assert.equal(inputs.length, keys);
  // saved while typing went on, not only once it stopped …
  const during = saves.filter((t) => t < inputs.at(-1));
  assert.ok(during.length >= 6, `${during.length} saves while typing (${keys} keys, 250 ms apart)`);
  // … each in the gap just after a keystroke, not at a moment a keystroke might come (a save a
  // timer starts lands anywhere in the 250 ms: about 4 in 10 within 100 ms of the key before;
  // one late save is let pass, for a slow frame on a busy machine)
  const late = during
    .map((t) => t - inputs.filter((i) => i <= t).at(-1))
    .filter((after) => after >= 100);
  assert.ok(late.length <= 1, `saves long after the keystroke before them: ${late.map(Math.round)} ms`);
  await app.waitForSave();
  await app.reload();
  const again = await app.checklist.problem(1).open();
  await expectValue(again.field('整改措施'), before + 'x'.repeat(keys), 'every keystroke after a reload');
}));

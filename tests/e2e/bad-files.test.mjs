// Files that are not (whole) ledgers are refused with a Chinese message and change nothing;
// text that looks like markup is shown as text, never run.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { FIXTURES, scenario, useBrowser } from './support/harness.mjs';
import { expectCount, expectText, expectValue, expectVisible, until } from './support/until.mjs';

const env = useBrowser();

/** A small ledger with one edited problem; returns what the checklist shows. */
async function editedLedger(app) {
  const { start, checklist } = app;
  await start.createLedger('坏文件测试台账');
  const category = await checklist.addCategory('针对财务管理不规范的问题');
  const editor = await category.addProblem();
  await editor.write('问题表现', '公务接待超标准');
  await editor.set('责任人', '李四');
  await editor.setStatus('整改中');
  await editor.collapse();
  await expectText(checklist.counts, /^显示 1 个问题（共 1 个）：未启动 0，整改中 1/, 'counts of the edited ledger');
  await app.waitForSave();
  return snapshot(app);
}

async function snapshot(app) {
  return {
    title: (await app.checklist.title.innerText()).trim(),
    counts: await app.checklist.countsText(),
    problems: await app.checklist.problemTitles(),
    owner: await (await app.checklist.problem(1).open()).field('责任人').inputValue(),
    ledgers: await app.header.ledgerNames(),
  };
}

async function assertUnchanged(app, before, what) {
  await app.checklist.problem(1).editor.collapse().catch(() => {});
  assert.deepEqual(await snapshot(app), before, `the ledger is unchanged ${what}`);
}

test('bad files are refused with a message and leave the ledger as it was, also after reload', scenario(env, async ({ laptop, tmpFile }) => {
  const app = await laptop();
  const before = await editedLedger(app);
  const { bytes: exported } = await app.header.export();
  await app.notices.dismiss();

  const corrupt = Buffer.from(exported);
  for (let i = Math.floor(corrupt.length * 0.7); i < corrupt.length - 8; i += 7) corrupt[i] ^= 0x5a;

  const cases = [
    { name: 'random.rectify', bytes: randomBytes(4096), message: /不是 Rectify 台账文件/ },
    { name: 'empty.rectify', bytes: Buffer.alloc(0), message: /文件是空的/ },
    { name: 'bulletin-2022-06-30.txt', path: join(FIXTURES, 'bulletin-2022-06-30.txt'), message: /不是 Rectify 台账文件/ },
    { name: 'half.rectify', bytes: exported.subarray(0, Math.floor(exported.length / 2)), message: /文件不完整/ },
    // a forged document on which Automerge panics: the Web Worker that trial-loads picked
    // files stops (a wasm trap), the page refuses the file and goes on; the next file (the
    // corrupt one) is checked by a new worker
    { name: 'crafted-automerge-panic.rectify', path: join(FIXTURES, 'crafted-automerge-panic.rectify'), message: /文件已损坏.*读取这个文件时程序出错/ },
    { name: 'corrupt.rectify', bytes: corrupt, message: /文件已损坏/ },
    { name: 'header-only.rectify', bytes: exported.subarray(0, exported.indexOf(0x0a, 15) + 1), message: /文件不完整/ },
  ];
  for (const c of cases) {
    const path = c.path ?? (await tmpFile(c.name, c.bytes));
    await app.header.importFile(path);
    const text = await app.notices.errorText(/未导入/);
    assert.match(text, new RegExp(`^未导入“${c.name.replace(/\./g, '\\.')}”：`), `${c.name}: the message names the file`);
    assert.match(text, c.message, `${c.name}: ${text}`);
    await expectVisible(app.notices.importDialog, false, `${c.name}: no import dialog`);
    await expectCount(app.notices.saveError, 0, `${c.name}: no save error`);
    await assertUnchanged(app, before, `after importing ${c.name}`);
    await app.notices.dismiss();
  }

  await app.waitForSave();
  await app.reload();
  await expectText(app.checklist.title, before.title, 'title after reload');
  await assertUnchanged(app, before, 'after reload');
  await expectCount(app.notices.error, 0, 'error notices after reload');
}));

test('a bad file on the start screen is refused and opens nothing', scenario(env, async ({ laptop, tmpFile }) => {
  const app = await laptop();
  await app.start.heading.waitFor();
  await app.header.importFile(await tmpFile('noise.rectify', randomBytes(512)));
  assert.match(await app.notices.errorText(/未导入/), /不是 Rectify 台账文件/);
  await expectVisible(app.start.heading, true, 'the start screen');
  assert.deepEqual(await app.header.ledgerNames(), []);
  assert.deepEqual((await app.storageKeys()).filter((k) => k.startsWith('rectify:ledger:')), [], 'nothing stored');
}));

test('markup typed into a problem is shown as text and never runs', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { start, checklist } = app;
  const markup = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
  await start.createLedger('<b>标记</b>台账');
  await expectText(checklist.title, '<b>标记</b>台账', 'a ledger name with markup, as text');
  const category = await checklist.addCategory('<i>类别</i>');
  await expectText(category.heading, '（一）<i>类别</i>', 'a category title with markup, as text');
  const editor = await category.addProblem();
  await editor.write('问题表现', markup);
  await editor.set('责任人', '<u>李四</u>');
  await editor.collapse();

  await expectText(checklist.problem(1).toggle, `1. ${markup}`.replace(/\s+/g, ' '), 'the description shown literally');
  await until(async () => assert.match(await checklist.problem(1).summary(), /<u>李四<\/u>/), 'the owner shown literally');
  const injected = () =>
    app.page.evaluate(() => ({
      xss: window.__xss,
      imgs: document.querySelectorAll('main img').length,
      scripts: document.querySelectorAll('main script').length,
      bold: document.querySelectorAll('main b, main i, main u, header b').length,
    }));
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(await injected(), { xss: undefined, imgs: 0, scripts: 0, bold: 0 });

  await app.waitForSave();
  await app.reload();
  await expectText(checklist.problem(1).toggle, `1. ${markup}`.replace(/\s+/g, ' '), 'the description after reload');
  await expectValue((await checklist.problem(1).open()).field('问题表现'), markup, '问题表现 after reload');
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(await injected(), { xss: undefined, imgs: 0, scripts: 0, bold: 0 });
}));

test('a file from a newer version opens read-only and cannot be edited', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  await app.header.importFile(join(FIXTURES, 'schema-99.rectify'));
  // asked first (storage-faults.test.mjs: cancelling adds nothing); it can only be shown
  await app.page.getByRole('dialog').getByRole('button', { name: '以只读方式打开', exact: true }).click();
  const alert = await app.notices.errorText(/更新版本/);
  assert.match(alert, /只能查看，不能修改/);
  await expectVisible(app.page.getByRole('status').filter({ hasText: /^只读：/ }), true, 'the read-only banner');
  await expectText(app.checklist.title, '未来的台账', 'the newer ledger is shown');
  const editor = await app.checklist.problem(1).open();
  assert.equal(await editor.field('问题表现').getAttribute('readonly'), '', 'text fields are read-only');
  assert.equal(await app.page.getByRole('button', { name: '添加问题', exact: true }).isDisabled(), true);
  assert.equal(await app.checklist.addCategoryButton.isDisabled(), true);
  // after a reload it is still there, still read-only, and its stored copy was never rewritten
  const stored = await app.page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('rectify:ledger:')).map(([, v]) => v));
  await app.reload();
  await expectText(app.checklist.title, '未来的台账', 'reopened after reload');
  await app.notices.errorText(/更新版本/);
  const storedAfter = await app.page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('rectify:ledger:')).map(([, v]) => v));
  assert.deepEqual(storedAfter, stored, 'the newer file is kept byte for byte');
}));

test('a file dropped on the page is checked and imported like a picked one', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const before = await editedLedger(app);
  await app.header.dropFile('random.rectify', randomBytes(2048));
  assert.match(await app.notices.errorText(/未导入/), /不是 Rectify 台账文件/);
  await assertUnchanged(app, before, 'after dropping random bytes');

  // a real ledger file of another ledger, dropped: asks, never merges silently
  const other = await laptop();
  await other.start.openExample();
  await other.waitForSave();
  const { bytes } = await other.header.export();
  await app.header.dropFile('示例.rectify', bytes);
  await expectVisible(app.notices.importDialog, true, 'the dropped file of another ledger asks first');
  await app.notices.importDialogButton('作为新台账打开').click();
  await expectCount(app.checklist.problemToggles, 20, 'the dropped example opened with its 20 problems');
  assert.equal((await app.header.ledgerNames()).length, 2, 'both ledgers are kept');
}));

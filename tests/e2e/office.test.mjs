// The inspection office's seat: two units send their ledger files, the office makes a round,
// imports them, reads the rollup, signs off one problem and returns another, and exports the
// send-back file; the unit merges it and sees 已销号 and 退回 with its reason. Acting as people
// do: by role and visible label, clicking, typing, picking files and reading downloads.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { scenario, useBrowser } from './support/harness.mjs';
import { expectCount, expectText, until } from './support/until.mjs';

const env = useBrowser();

/** A unit makes its ledger: one category, problems with these statuses; returns its file. */
async function unitLedger(app, tmpFile, name, statuses) {
  await app.start.createLedger(name);
  await expectText(app.checklist.title, name, `${name}: the ledger`);
  await app.header.setMyName(`${name.slice(0, 3)}联络员`);
  const category = await app.checklist.addCategory('针对财务管理不规范的问题');
  await category.region.waitFor();
  for (const [i, status] of statuses.entries()) {
    const editor = await category.addProblem();
    await editor.write('问题表现', `${name.slice(0, 3)}问题${i + 1}`);
    await editor.setStatus(status);
    await editor.collapse();
  }
  await app.waitForSave();
  const { fileName, bytes } = await app.header.export();
  return tmpFile(fileName, bytes);
}

/** Click a button that downloads; resolves to { fileName, bytes }. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), button.click()]);
  return { fileName: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

test('the office rolls up two units, signs off one problem, returns another, and the unit sees both', scenario(env, async ({ laptop, tmpFile }) => {
  const finance = await laptop('区财政局');
  const fileA = await unitLedger(finance, tmpFile, '区财政局整改台账', ['已完成', '已完成']);
  const school = await laptop('区教育局');
  const fileB = await unitLedger(school, tmpFile, '区教育局整改台账', ['整改中']);

  const office = await laptop('巡察办');
  const { page } = office;
  await office.start.heading.waitFor();
  await office.header.setMyName('王五');
  const main = page.getByRole('main');
  await main.getByRole('button', { name: '巡察轮次 · 汇总（巡察办）', exact: true }).click();
  await main.getByRole('heading', { name: '巡察轮次 · 汇总', exact: true }).waitFor();
  await main.getByText('新建巡察轮次', { exact: true }).click();
  await main.getByLabel('轮次名称').fill('区委第五轮巡察');
  await main.getByLabel('巡察机构').fill('区委巡察办');
  await main.getByRole('button', { name: '建立', exact: true }).click();
  await office.notices.infoText(/已建立巡察轮次“区委第五轮巡察”/);

  // each unit's file: asked first, then added
  for (const [file, name] of [[fileA, '区财政局整改台账'], [fileB, '区教育局整改台账']]) {
    await main.getByLabel('导入单位台账文件', { exact: true }).setInputFiles(file);
    const ask = main.getByRole('alertdialog', { name: '加入本轮' });
    await expectText(ask, new RegExp(`“${name}”不在本轮中`), `asked about ${name}`);
    await ask.getByRole('button', { name: '加入本轮', exact: true }).click();
    await office.notices.infoText(new RegExp(`已将“${name}”加入本轮`));
  }

  // the rollup: most behind first, totals, the sentence
  const table = main.getByRole('table', { name: '汇总表' });
  await until(async () => {
    const rows = await table.locator('tbody tr th').allTextContents();
    assert.deepEqual(rows, ['区教育局整改台账', '区财政局整改台账']);
  }, 'a row per unit, most behind first');
  const rowOf = (name) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  await expectText(rowOf('区财政局整改台账'), /区财政局整改台账\s*2\s*2\s*0\s*0\s*0\s*100%/, 'the finance row');
  await expectText(rowOf('合计'), /合计\s*3\s*2\s*0\s*1\s*0\s*66\.67%/, 'the totals row');
  await expectText(main.getByText(/^巡察反馈的/), '巡察反馈的3个问题，完成整改2个，未完成1个，总体完成率66.67%，完善和新建制度0项。', 'the rollup sentence');

  // 审核: sign off one, return the other with its reason
  await main.getByRole('button', { name: '审核 区财政局整改台账', exact: true }).click();
  await expectText(main.getByText(/^单位台账（只读）/), /只审核销号/, 'the unit opens read-only');
  const first = main.getByRole('article', { name: '第1项', exact: true });
  await first.getByLabel('审核意见').fill('材料齐全');
  await first.getByRole('button', { name: '同意销号', exact: true }).click();
  await expectText(first.locator('.review-badge'), /^已销号（王五，\d{4}-\d\d-\d\d）：材料齐全$/, 'signed off, by whom, why');
  const second = main.getByRole('article', { name: '第2项', exact: true });
  await second.getByLabel('退回理由').fill('佐证材料不足');
  await second.getByRole('button', { name: '退回', exact: true }).click();
  await expectText(second.locator('.review-badge'), /^退回（王五，\d{4}-\d\d-\d\d）：佐证材料不足$/, 'returned with its reason');
  await expectText(second, /整改中/, 'the returned problem is 整改中 again');
  await main.getByRole('button', { name: '返回汇总', exact: true }).click();
  await expectText(rowOf('区财政局整改台账'), /区财政局整改台账\s*2\s*1\s*0\s*1\s*0\s*50%\s*0\s*0\s*0\s*0\s*1\s*1/, 'the row counts the review');

  // the send-back file goes to the unit, which merges it
  const back = await download(page, main.getByRole('button', { name: '导出退回文件 区财政局整改台账', exact: true }));
  assert.equal(back.bytes.subarray(0, 15).toString('latin1'), 'RECTIFY-LEDGER\n', 'a ledger file');
  await finance.header.importFile(await tmpFile(back.fileName, back.bytes));
  await finance.notices.infoText(/已合并/);
  const rows = finance.page.getByRole('main').locator('.problem-row');
  await expectText(rows.nth(0), /已销号（王五，\d{4}-\d\d-\d\d）：材料齐全/, 'the unit sees 已销号');
  await expectText(rows.nth(1), /退回（王五，\d{4}-\d\d-\d\d）：佐证材料不足/, 'the unit sees 退回 and why');
  await expectText(rows.nth(1), /整改中/, 'and its status back at 整改中');
  await expectText(finance.checklist.counts, /；待销号 0，已销号 1，退回 1$/, 'the counts of the review');
  await finance.page.getByRole('main').getByLabel(/^\s*按销号筛选/).selectOption({ label: '退回' });
  await expectCount(finance.checklist.problemToggles, 1, 'the 退回 filter');
  await expectText(finance.checklist.problemToggles.first(), /2\./, 'the returned problem');
}));

test('unit files a round refuses: damaged, already in another round, a second unit of the same name', scenario(env, async ({ laptop, tmpFile }) => {
  const unit = await laptop('区财政局');
  const file = await unitLedger(unit, tmpFile, '区财政局整改台账', ['已完成']);
  const twin = await laptop('另一个区财政局');
  const twinFile = await unitLedger(twin, tmpFile, '区财政局整改台账', ['整改中']);

  const office = await laptop('巡察办');
  const main = office.page.getByRole('main');
  await main.getByRole('button', { name: '巡察轮次 · 汇总（巡察办）', exact: true }).click();
  const makeRound = async (name) => {
    // the form stays open once opened
    if (!(await main.getByLabel('轮次名称').isVisible())) await main.getByText('新建巡察轮次', { exact: true }).click();
    await main.getByLabel('轮次名称').fill(name);
    await main.getByRole('button', { name: '建立', exact: true }).click();
    await office.notices.infoText(new RegExp(`已建立巡察轮次“${name}”`));
  };
  const importUnit = (path) => main.getByLabel('导入单位台账文件', { exact: true }).setInputFiles(path);
  const rows = () => main.getByRole('table', { name: '汇总表' }).locator('tbody tr');

  await makeRound('第四轮巡察');
  await importUnit(file);
  await main.getByRole('alertdialog', { name: '加入本轮' }).getByRole('button', { name: '加入本轮', exact: true }).click();
  await expectCount(rows(), 1, 'the unit in the first round');

  // a damaged copy of the file: refused, nothing added
  const bytes = await readFile(file);
  bytes[bytes.length - 30] ^= 0x55;
  await importUnit(await tmpFile('damaged.rectify', bytes));
  await office.notices.errorText(/本轮和各单位台账均未改变/);
  await expectCount(rows(), 1, 'still one unit');

  // a second unit named the same: refused before any question
  await importUnit(twinFile);
  await office.notices.errorText(/本轮已有名为“区财政局整改台账”的单位/);
  await expectCount(rows(), 1, 'still one unit after the same name');

  // the same ledger into a second round: refused
  await makeRound('第五轮巡察');
  await importUnit(file);
  await office.notices.errorText(/已在另一轮巡察“第四轮巡察”中/);
  await expectCount(main.getByRole('table', { name: '汇总表' }).locator('tbody tr'), 0, 'the second round stays empty');
}));

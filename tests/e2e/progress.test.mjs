// 进度: the progress view on the example ledger — figures, the charts' tables and hover texts,
// the red/yellow list — and how it follows an edit in the checklist; screenshots to look at.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';

import { ARTIFACTS, scenario, useBrowser } from './support/harness.mjs';
import { ProgressPage } from './support/progress-page.mjs';
import { expectCount, expectText, until } from './support/until.mjs';

const env = useBrowser();

/** A date `days` from today in the browser's (and this machine's) local time, as YYYY-MM-DD. */
function isoDay(days = 0) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Whole days from `iso` to today (positive when `iso` is past). */
function daysSince(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  const then = Date.UTC(y, m - 1, d);
  const t = new Date();
  const now = Date.UTC(t.getFullYear(), t.getMonth(), t.getDate());
  return Math.round((now - then) / 86400000);
}

const CATEGORY_3 = '针对督促指导下级党组织履职仍不到位的问题';

test('进度 shows the example ledger’s figures, charts and tables', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { start, checklist, header } = app;
  const progress = new ProgressPage(app.page, header);
  await start.openExample();
  await expectCount(checklist.problemToggles, 20, 'numbered problems');

  const tabs = (await header.banner.getByRole('tab').allInnerTexts()).map((s) => s.trim());
  assert.equal(tabs[tabs.indexOf('台账') + 1], '进度', 'the 进度 tab follows 台账');
  await progress.open();

  await expectText(progress.figure('具体问题'), '20 个', '具体问题');
  await expectText(progress.figure('已完成（含长期坚持）'), '20 个', '已完成');
  await expectText(progress.figure('完成率'), '100%', '完成率');
  await expectText(progress.figure('类别整改完毕'), '16 / 16 个', '类别整改完毕');
  await expectText(progress.figure('类别完成率'), '100%', '类别完成率');
  await expectText(progress.figure('红灯'), '0 个', '红灯');
  await expectText(progress.figure('黄灯'), '0 个', '黄灯');
  await expectText(progress.figure('绿灯'), '20 个', '绿灯');

  // every chart is an image with a name, and a table with the same numbers beneath it
  for (const chart of [progress.byStatus, progress.byCategory, progress.byDepartment, progress.weekly, progress.cumulative]) {
    await expectCount(chart.image, 1, 'the chart image');
    assert.match(await chart.image.getAttribute('aria-label'), /\S/, 'the chart’s aria-label');
  }
  assert.deepEqual(await progress.byStatus.cells('长期坚持'), ['20', '100%']);
  assert.deepEqual(await progress.byStatus.cells('未启动'), ['0', '0%']);

  await expectCount(progress.byCategory.bodyRows, 16, 'category rows');
  // 类别 | 问题数 未启动 整改中 已完成 长期坚持 完成率 红灯 黄灯
  assert.deepEqual(await progress.byCategory.cells(CATEGORY_3), ['2', '0', '0', '0', '2', '100%', '0', '0']);
  // all equally far along: in pinyin order
  assert.deepEqual(await progress.byDepartment.rowNames(), ['财政金融局', '党政办公室', '工会委员会', '招商服务部', '组织人事部']);
  assert.deepEqual(await progress.byDepartment.cells('组织人事部'), ['9', '0', '0', '0', '9', '100%', '0', '0']);

  await expectCount(progress.weekly.bodyRows, 10, 'weeks from 2022-W16 to 2022-W25');
  assert.deepEqual(await progress.weekly.cells('2022-W16'), ['2022-04-18 至 2022-04-24', '2']);
  assert.deepEqual(await progress.cumulative.cells('2022-05-31'), ['11', '13']);
  assert.deepEqual(await progress.cumulative.cells('2022-06-30'), ['20', '20']);

  // exact numbers on hover: SVG <title>s, in the SVG namespace so browsers show them
  const tips = await progress.byDepartment.tooltips();
  assert.ok(tips.includes('组织人事部：长期坚持 9 个'), `hover texts: ${tips.slice(0, 6).join(' / ')}`);
  assert.ok((await progress.cumulative.tooltips()).includes('2022-05-31：累计完成 11 个，累计应完成 13 个'));
  const namespace = await progress.byStatus.image.locator('rect title').first().evaluate((t) => t.namespaceURI);
  assert.equal(namespace, 'http://www.w3.org/2000/svg');

  assert.equal(await progress.warningsHeading(), '红灯、黄灯问题（红灯 0 个，黄灯 0 个）');
  await expectText(progress.warnings.getByText('没有红灯或黄灯问题。'), '没有红灯或黄灯问题。');
  await app.page.evaluate(() => window.scrollTo(0, 0));
  await app.page.screenshot({ path: join(ARTIFACTS, 'progress-example.png'), fullPage: true });
}));

test('an edit in the checklist shows at once in 进度, and a red row opens its problem', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { start, checklist, header } = app;
  const progress = new ProgressPage(app.page, header);
  await start.openExample();
  await expectCount(checklist.problemToggles, 20, 'numbered problems');

  // problem 4 reopened (its deadline 2022-05-31 is long past: red); problem 5 due in 3 days (yellow)
  let editor = await checklist.problem(4).open();
  await editor.setStatus('整改中');
  await editor.collapse();
  editor = await checklist.problem(5).open();
  await editor.set('整改时限', isoDay(3));
  await editor.setStatus('未启动');
  await editor.collapse();

  await progress.open();
  await expectText(progress.figure('完成率'), '90%', '完成率 after two problems reopened');
  await expectText(progress.figure('类别完成率'), '93.8%', '15 of 16 categories finished');
  await expectText(progress.figure('红灯'), '1 个', '红灯');
  await expectText(progress.figure('黄灯'), '1 个', '黄灯');
  assert.deepEqual(await progress.byStatus.cells('整改中'), ['1', '5%']);
  // the category of problems 4 and 5 is now the most behind: first row, 0%
  assert.equal((await progress.byCategory.rowNames())[0], CATEGORY_3);
  assert.deepEqual(await progress.byCategory.cells(CATEGORY_3), ['2', '1', '1', '0', '0', '0%', '1', '1']);
  assert.equal((await progress.byDepartment.rowNames())[0], '组织人事部');

  await expectCount(progress.warningRows, 2, 'red and yellow rows');
  const rows = await progress.warningTable();
  assert.deepEqual(rows[0].slice(0, 2), ['红灯', '4']);
  assert.match(rows[0][2], /^没有督促下级党组织严格落实组织生活制度/);
  assert.deepEqual(rows[0].slice(3), ['组织人事部部长', '组织人事部', '2022-05-31', `逾期 ${daysSince('2022-05-31')} 天`]);
  assert.deepEqual(rows[1].slice(0, 2), ['黄灯', '5']);
  assert.deepEqual(rows[1].slice(3), ['组织人事部部长', '组织人事部', isoDay(3), '剩 3 天']);
  assert.equal(await progress.warningsHeading(), '红灯、黄灯问题（红灯 1 个，黄灯 1 个）');

  await app.page.evaluate(() => window.scrollTo(0, 0));
  await app.page.screenshot({ path: join(ARTIFACTS, 'progress.png'), fullPage: true });
  await app.page.emulateMedia({ media: 'print' });
  await app.page.screenshot({ path: join(ARTIFACTS, 'progress-print.png'), fullPage: true });
  await app.page.emulateMedia({ media: 'screen' });

  // the red row's link opens problem 4 in the checklist, scrolled to and focused
  await progress.openWarning(/^没有督促下级党组织严格落实组织生活制度/);
  await until(async () => (await header.tab('台账').getAttribute('aria-selected')) === 'true', '台账 to be shown');
  const row = checklist.problem(4);
  await until(async () => (await row.toggle.getAttribute('aria-expanded')) === 'true', 'problem 4 to be open');
  await row.editor.group.waitFor();
  assert.equal(await row.toggle.evaluate((b) => b === document.activeElement), true, 'focus on problem 4');
  assert.equal(await row.lightLabel(), '红灯');

  // finishing it again turns the light green and the list shrinks
  await row.editor.setStatus('已完成');
  await progress.open();
  await expectText(progress.figure('红灯'), '0 个', '红灯 after finishing problem 4');
  await expectCount(progress.warningRows, 1, 'only the yellow row left');
}));

test('进度 follows a change saved in another tab at once', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { start, checklist, header } = app;
  await start.openExample();
  await expectCount(checklist.problemToggles, 20, 'numbered problems');
  await app.waitForSave();

  const other = await app.newTab();
  const progress = new ProgressPage(other.page, other.header);
  await progress.open();
  await expectText(progress.figure('完成率'), '100%', '完成率 in the other tab');

  const editor = await checklist.problem(1).open();
  await editor.setStatus('整改中');
  await app.waitForSave();
  await expectText(progress.figure('完成率'), '95%', '完成率 in the other tab after the save');
  assert.deepEqual(await progress.byStatus.cells('整改中'), ['1', '5%']);
}));

test('进度 of a new, empty ledger shows dashes and says there is nothing to draw', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const progress = new ProgressPage(app.page, app.header);
  await app.start.createLedger('空台账');
  await progress.open();
  await expectText(progress.figure('具体问题'), '0 个', '具体问题');
  await expectText(progress.figure('完成率'), '—', '完成率 of nothing');
  await expectText(progress.figure('类别完成率'), '—', '类别完成率 of nothing');
  await expectCount(progress.main.getByText('暂无具体问题。', { exact: true }), 2, 'empty category and department charts');
  await expectCount(progress.main.getByText('尚无完成时间或整改时限，无法绘制。', { exact: true }), 1, 'empty cumulative chart');
  assert.deepEqual(await progress.byStatus.cells('合计'), ['0', '— 已完成']);
}));

test('进度 follows a colleague’s file merged in by 导入, without leaving the view', scenario(env, async ({ laptop, tmpFile }) => {
  const a = await laptop('A');
  await a.start.openExample();
  await expectCount(a.checklist.problemToggles, 20, 'A: problems of the example');
  await a.waitForSave();
  const shared = await a.header.export();
  const b = await laptop('B');
  await b.start.heading.waitFor();
  await b.header.importFile(await tmpFile(shared.fileName, shared.bytes));
  await b.notices.importDialogButton('作为新台账打开').click();
  await expectCount(b.checklist.problemToggles, 20, 'B: problems of the shared ledger');
  const progress = new ProgressPage(b.page, b.header);
  await progress.open();
  await expectText(progress.figure('完成率'), '100%', 'B: 完成率 before the merge');

  // A reopens problem 4, whose deadline has passed, and sends the file again
  const editor = await a.checklist.problem(4).open();
  await editor.setStatus('整改中');
  await a.waitForSave();
  const update = await a.header.export();
  await b.header.importFile(await tmpFile(`again-${update.fileName}`, update.bytes));
  await b.notices.infoText(/已合并/);
  await expectText(progress.figure('完成率'), '95%', 'B: 完成率 after the merge');
  await expectText(progress.figure('红灯'), '1 个', 'B: 红灯 after the merge');
  await expectCount(progress.warningRows, 1, 'B: the red row');
}));

test('进度 prints on as few landscape pages as it needs, each chart beside its table; far deadlines do not squeeze the time axis', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  await app.start.openExample();
  await app.waitForSave();
  // a 长期 deadline years after the round: marked at the chart's edge, not spanning the axis
  const editor = await app.checklist.problem(20).open();
  await editor.set('整改时限', '2027-06-30');
  const progress = new ProgressPage(app.page, app.header);
  await progress.open();
  const chart = app.page.getByRole('img', { name: /累计完成/ });
  const ends = await chart.locator('text.tick.end').allTextContents();
  assert.ok(ends.every((t) => !t.includes('2027')), `the axis ends with the round, not 2027: ${ends}`);
  assert.match(await app.page.locator('.hint.beyond').innerText(), /另有 1 个整改时限在图的右端之后（最晚 2027-06-30）/);

  const pdf = join(ARTIFACTS, 'progress-print.pdf');
  await writeFile(pdf, await app.page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(info.match(/Pages:\s+(\d+)/)[1]);
  assert.ok(pages <= 4, `printed on ${pages} pages (7 before the charts sat beside their tables)`);
  assert.match(info, /Page size:\s+841\.9\d x 59\d/, 'A4 landscape');
  const pageText = (n) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', pdf, '-'], { encoding: 'utf8' });
  // each chart's heading on the page of its table's header row
  for (const [heading, column] of [['按整改状态', '占比'], ['按类别', '完成'], ['按责任部门', '责任部门'], ['每周完成数', '完成数'], ['累计完成与累计应完成', '累计应完成']]) {
    const page = [...Array(pages).keys()].map((i) => pageText(i + 1)).find((t) => t.includes(heading));
    assert.ok(page, `${heading} printed`);
    assert.ok(page.includes(column), `${heading}: its table on the same page`);
  }
}));

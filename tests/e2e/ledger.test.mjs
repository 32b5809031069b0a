// One person keeps a ledger: creates it, adds categories and problems, fills them in,
// reloads, reorders, filters, deletes, and manages several ledgers in 台账管理.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { scenario, useBrowser } from './support/harness.mjs';
import { ProgressPage } from './support/progress-page.mjs';
import { expectCount, expectText, expectValue, expectVisible, until } from './support/until.mjs';

const env = useBrowser();

/** A date `days` from today, as YYYY-MM-DD in local time (what the app calls today). */
function dateIn(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * Create a ledger named `name` and fill it with `categories`:
 * [{ title, problems: [{ 问题表现, 责任部门, 责任人, 整改时限, 状态 }] }].
 */
async function buildLedger(app, name, categories) {
  const { start, checklist } = app;
  await start.createLedger(name);
  await expectText(checklist.title, name, 'ledger title');
  for (const { title, problems = [] } of categories) {
    const category = await checklist.addCategory(title);
    await category.region.waitFor();
    for (const p of problems) {
      const editor = await category.addProblem();
      if (p.问题表现) await editor.write('问题表现', p.问题表现);
      if (p.责任部门) await editor.set('责任部门', p.责任部门);
      if (p.责任人) await editor.set('责任人', p.责任人);
      if (p.整改时限) await editor.set('整改时限', p.整改时限);
      if (p.状态) await editor.setStatus(p.状态);
      await editor.collapse();
    }
  }
}

const FINANCE = '针对财务管理不规范的问题';
const RULES = '针对制度建设滞后的问题';

test('a new ledger keeps its category, problem, fields and progress log across a reload', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { start, header, checklist, notices } = app;
  const deadline = dateIn(60);

  await start.heading.waitFor();
  assert.deepEqual(await header.ledgerNames(), [], 'a fresh browser has no ledgers');
  await start.createLedger('2024年巡察整改台账');
  await expectText(checklist.title, '2024年巡察整改台账', 'ledger title');
  await notices.infoText(/已新建台账“2024年巡察整改台账”/);
  await until(async () => assert.deepEqual(await header.ledgerNames(), ['2024年巡察整改台账']), '当前台账 to list the new ledger');
  await expectText(checklist.counts, /^显示 0 个问题（共 0 个）/, 'counts of an empty ledger');

  const category = await checklist.addCategory(FINANCE);
  await expectText(category.heading, `（一）${FINANCE}`, 'category heading');
  await expectValue(checklist.newCategoryInput, '', '新类别名称 after adding');

  const editor = await category.addProblem();
  await expectText(category.problemToggles, /^1\.\s*（未填写问题表现）$/, 'the new empty problem');
  await editor.write('问题表现', '公务接待超标准');
  await editor.write('原因分析', '制度执行不严，审核把关不细');
  await editor.write('整改情况', '已退回超标费用3200元');
  await editor.set('责任部门', '党政办、财务办');
  await editor.set('责任人', '李四');
  await editor.set('整改时限', deadline);
  await editor.setStatus('整改中');
  await editor.addProgress('2024-05-06', '召开专题会议部署整改');
  await expectText(editor.progressEntries, /^2024-05-06.*召开专题会议部署整改/, 'the progress entry');
  await expectValue(editor.progressLog.getByLabel('进展内容'), '', '进展内容 after adding');

  const row = checklist.problem(1);
  await expectText(row.toggle, /^1\.\s*公务接待超标准$/, 'problem 1');
  await expectText(row.status, '整改中', 'status badge');
  await until(async () => (await row.lightLabel()) === '绿灯', 'a green light (deadline in 60 days)');
  await until(async () => {
    const s = await row.summary();
    assert.match(s, new RegExp(`时限 ${deadline}`));
    assert.match(s, /党政办、财务办 · 李四/);
  }, 'the row summary');
  await expectText(
    checklist.counts,
    '显示 1 个问题（共 1 个）：未启动 0，整改中 1，已完成 0，长期坚持 0；红灯 0，黄灯 0，绿灯 1',
    'counts',
  );

  await app.waitForSave();
  await app.reload();

  // the ledger reopens itself, on the checklist, with everything in it
  await expectText(checklist.title, '2024年巡察整改台账', 'ledger title after reload');
  assert.equal(await header.currentLedger(), '2024年巡察整改台账');
  await expectText(checklist.category(FINANCE).heading, `（一）${FINANCE}`, 'category after reload');
  await expectText(row.toggle, /^1\.\s*公务接待超标准$/, 'problem 1 after reload');
  await expectText(row.status, '整改中', 'status after reload');
  await expectText(
    checklist.counts,
    '显示 1 个问题（共 1 个）：未启动 0，整改中 1，已完成 0，长期坚持 0；红灯 0，黄灯 0，绿灯 1',
    'counts after reload',
  );
  const reopened = await row.open();
  await expectValue(reopened.field('问题表现'), '公务接待超标准', '问题表现');
  await expectValue(reopened.field('原因分析'), '制度执行不严，审核把关不细', '原因分析');
  await expectValue(reopened.field('整改情况'), '已退回超标费用3200元', '整改情况');
  await expectValue(reopened.field('整改措施'), '', '整改措施');
  await expectValue(reopened.field('责任部门'), '党政办、财务办', '责任部门');
  await expectValue(reopened.field('责任人'), '李四', '责任人');
  await expectValue(reopened.field('整改时限'), deadline, '整改时限');
  await expectValue(reopened.select('整改状态'), 'in_progress', '整改状态');
  await expectText(reopened.progressEntries, /^2024-05-06.*召开专题会议部署整改/, 'progress entry after reload');
}));

test('an edit typed just before closing the page is saved (flushed on pagehide)', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  await buildLedger(app, '快速关闭台账', [{ title: FINANCE, problems: [{ 问题表现: '原来的表现' }] }]);
  await app.waitForSave();
  const editor = await app.checklist.problem(1).open();
  await editor.write('问题表现', '刚刚改过的表现');
  await editor.set('责任人', '王五');
  await app.reload(); // at once, within the 400 ms save debounce
  await expectText(app.checklist.problem(1).toggle, /^1\.\s*刚刚改过的表现$/, 'problem 1 after an immediate reload');
  await expectValue((await app.checklist.problem(1).open()).field('责任人'), '王五', '责任人');
  // a short field still focused (its change not yet fired) when the page goes away
  await (await app.checklist.problem(1).open()).field('责任领导').fill('赵书记');
  await app.reload();
  await expectValue((await app.checklist.problem(1).open()).field('责任领导'), '赵书记', '责任领导 typed but not yet left');
}));

test('problems are numbered 1..N across categories, and moving a category renumbers them', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { checklist } = app;
  await buildLedger(app, '编号测试台账', [
    { title: FINANCE, problems: [{ 问题表现: '公务接待超标准' }] },
    { title: RULES, problems: [{ 问题表现: '合同管理制度未修订' }, { 问题表现: '采购制度缺失' }] },
  ]);
  await until(async () =>
    assert.deepEqual(await checklist.problemTitles(), ['1.公务接待超标准', '2.合同管理制度未修订', '3.采购制度缺失']),
  'numbering 1, 2, 3');
  assert.deepEqual(await checklist.categoryHeadings(), [`（一）${FINANCE}`, `（二）${RULES}`]);
  await expectText(checklist.category(RULES).problemToggles.first(), /^2\./, 'first problem of the second category');

  await checklist.category(RULES).moveUp();
  await until(async () =>
    assert.deepEqual(await checklist.categoryHeadings(), [`（一）${RULES}`, `（二）${FINANCE}`]),
  'the second category moved to the top');
  await until(async () =>
    assert.deepEqual(await checklist.problemTitles(), ['1.合同管理制度未修订', '2.采购制度缺失', '3.公务接待超标准']),
  'renumbered after the move');

  // a problem moves within its category
  await (await checklist.problem(2).open()).moveUp();
  await until(async () =>
    assert.deepEqual(await checklist.problemTitles(), ['1.采购制度缺失', '2.合同管理制度未修订', '3.公务接待超标准']),
  'renumbered after moving a problem up');

  await app.waitForSave();
  await app.reload();
  await until(async () => {
    assert.deepEqual(await checklist.categoryHeadings(), [`（一）${RULES}`, `（二）${FINANCE}`]);
    assert.deepEqual(await checklist.problemTitles(), ['1.采购制度缺失', '2.合同管理制度未修订', '3.公务接待超标准']);
  }, 'the order after reload');

  await checklist.category(RULES).moveDown();
  await until(async () =>
    assert.deepEqual(await checklist.problemTitles(), ['1.公务接待超标准', '2.采购制度缺失', '3.合同管理制度未修订']),
  'renumbered after moving the category back down');
}));

test('filters by department, status, light and text, with the counts of what is shown', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { checklist } = app;
  await buildLedger(app, '筛选测试台账', [
    {
      title: FINANCE,
      problems: [
        { 问题表现: '公务接待超标准', 责任部门: '党政办、财务办', 责任人: '李四', 整改时限: dateIn(-10), 状态: '整改中' },
        { 问题表现: '饭堂支出无发票入账', 责任部门: '财务办', 状态: '已完成' },
      ],
    },
    { title: RULES, problems: [{ 问题表现: '合同管理制度未修订', 责任部门: '规划建设局', 整改时限: dateIn(3) }] },
  ]);
  const all = '显示 3 个问题（共 3 个）：未启动 1，整改中 1，已完成 1，长期坚持 0；红灯 1，黄灯 1，绿灯 1';
  await expectText(checklist.counts, all, 'counts without a filter');
  const options = await checklist.departmentFilter.getByRole('option').allTextContents();
  assert.deepEqual(options.slice(1).sort(), ['党政办', '规划建设局', '财务办'].sort(), 'department choices');

  await checklist.filter({ department: '财务办' });
  await expectText(checklist.counts, '显示 2 个问题（共 3 个）：未启动 0，整改中 1，已完成 1，长期坚持 0；红灯 1，黄灯 0，绿灯 1', 'counts for 财务办');
  assert.deepEqual(await checklist.problemTitles(), ['1.公务接待超标准', '2.饭堂支出无发票入账']);
  await expectCount(checklist.categories, 1, 'categories shown for 财务办');

  await checklist.filter({ status: '整改中' });
  await expectText(checklist.counts, /^显示 1 个问题（共 3 个）：未启动 0，整改中 1，已完成 0，/, 'counts for 财务办 + 整改中');
  assert.deepEqual(await checklist.problemTitles(), ['1.公务接待超标准']);

  await checklist.clearFilters();
  await expectText(checklist.counts, all, 'counts after clearing the filters');

  await checklist.filter({ status: '未启动' });
  await expectText(checklist.counts, /^显示 1 个问题（共 3 个）：未启动 1，整改中 0，已完成 0，长期坚持 0；红灯 0，黄灯 1，绿灯 0$/, 'counts for 未启动');
  assert.deepEqual(await checklist.problemTitles(), ['3.合同管理制度未修订'], 'numbers stay as in the whole ledger');

  await checklist.filter({ status: '', light: '红灯' });
  await expectText(checklist.counts, /^显示 1 个问题（共 3 个）/, 'counts for 红灯');
  assert.deepEqual(await checklist.problemTitles(), ['1.公务接待超标准']);
  await checklist.filter({ light: '' });

  await checklist.filter({ text: '发票' });
  await expectText(checklist.counts, /^显示 1 个问题（共 3 个）：未启动 0，整改中 0，已完成 1，/, 'counts for text 发票');
  assert.deepEqual(await checklist.problemTitles(), ['2.饭堂支出无发票入账']);

  await checklist.filter({ text: '李四' });
  await until(async () => assert.deepEqual(await checklist.problemTitles(), ['1.公务接待超标准']), 'search by 责任人');

  await checklist.filter({ text: '没有这样的内容' });
  await expectText(checklist.counts, /^显示 0 个问题（共 3 个）：未启动 0，整改中 0，已完成 0，长期坚持 0；红灯 0，黄灯 0，绿灯 0$/, 'counts for no match');
  await expectCount(checklist.problemToggles, 0, 'problems shown for no match');
  // nothing shown says so, and offers to clear every filter at once (the controls too)
  await checklist.filter({ status: '已完成' });
  await expectText(checklist.main.getByText('无符合条件的问题。'), /无符合条件的问题/, 'the empty result said');
  await checklist.main.getByRole('button', { name: '清除筛选', exact: true }).click();
  await expectText(checklist.counts, all, 'counts after 清除筛选');
  assert.equal(await checklist.search.inputValue(), '', 'the search box cleared');
  assert.equal(await checklist.statusFilter.inputValue(), '', 'the status filter back to all');
  await expectCount(checklist.main.getByText('无符合条件的问题。'), 0, 'no empty-result line');

  await checklist.filter({ text: '' });
  await expectText(checklist.counts, all, 'counts after clearing the search');
  await expectCount(checklist.problemToggles, 3, 'problems shown');
}));

test('departments listed in pinyin order; a number search shows that problem first, then text matches', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { checklist } = app;
  await app.start.openExample();
  await expectCount(checklist.problemToggles, 20, 'the example');
  // pinyin, as Chinese software lists names (code points would put 党 before 财)
  const pinyin = ['财政金融局', '党政办公室', '工会委员会', '招商服务部', '组织人事部'];
  const options = await checklist.departmentFilter.getByRole('option').allTextContents();
  assert.deepEqual(options.slice(1), pinyin, 'the department filter');
  const progress = new ProgressPage(app.page, app.header);
  await progress.open();
  // every department is as far along as the others: their names decide
  assert.deepEqual(await progress.byDepartment.rowNames(), pinyin, '进度 by department');
  await app.header.show('台账');

  // "17": problem 17 first, then problem 7, whose 原因分析 has 2009年4月17日
  await checklist.filter({ text: '17' });
  await until(async () => {
    const titles = await checklist.problemTitles();
    assert.equal(titles.length, 2, titles.join(' | '));
    assert.match(titles[0], /^17\./);
    assert.match(titles[1], /^7\./);
  }, 'problem 17, then the text match');
  await expectCount(checklist.main.getByRole('heading', { name: '按编号', exact: true }), 1, 'the number match is headed');
  await checklist.filter({ text: '第17项' });
  await until(async () => {
    const titles = await checklist.problemTitles();
    assert.equal(titles.length, 1, titles.join(' | '));
    assert.match(titles[0], /^17\./);
  }, '第17项: that problem only');
}));

test('deleting a problem asks first, and the deleted problem stays gone after a reload', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { checklist } = app;
  await buildLedger(app, '删除测试台账', [
    { title: FINANCE, problems: [{ 问题表现: '要删除的问题' }, { 问题表现: '要保留的问题' }] },
  ]);
  await expectText(checklist.counts, /^显示 2 个问题（共 2 个）/, 'counts before');

  const editor = await checklist.problem(1).open();
  const asked = await editor.delete({ accept: false });
  assert.match(asked, /确定删除这个问题吗/);
  await expectCount(checklist.problemToggles, 2, 'problems after cancelling the delete');

  const asked2 = await editor.delete({ accept: true });
  assert.match(asked2, /确定删除这个问题吗/);
  await until(async () => assert.deepEqual(await checklist.problemTitles(), ['1.要保留的问题']), 'the problem removed and the rest renumbered');
  await expectText(checklist.counts, /^显示 1 个问题（共 1 个）/, 'counts after deleting');
  await expectText(checklist.trash, '回收站（1 个已删除的问题）', 'the trash');

  await app.waitForSave();
  await app.reload();
  await until(async () => assert.deepEqual(await checklist.problemTitles(), ['1.要保留的问题']), 'still deleted after reload');
  await expectText(checklist.counts, /^显示 1 个问题（共 1 个）/, 'counts after reload');
  await expectCount(checklist.main.getByText('要删除的问题', { exact: true }).filter({ visible: true }), 0, 'the deleted text shown (trash closed)');
  await expectText(checklist.trash, '回收站（1 个已删除的问题）', 'the trash after reload');
  await checklist.trash.click();
  await expectText(
    checklist.main.getByRole('listitem').filter({ hasText: '要删除的问题' }).getByRole('button'),
    '恢复',
    'the deleted problem in the trash, with 恢复',
  );
}));

test('台账管理: keep two ledgers, switch with 当前台账, rename and delete (after confirming)', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { header, checklist, ledgers, start } = app;
  await buildLedger(app, '甲台账', [{ title: '甲的类别', problems: [{ 问题表现: '甲的问题' }] }]);

  await ledgers.open();
  await until(async () => assert.deepEqual(await ledgers.names(), ['甲台账']), 'the table lists 甲台账');
  await ledgers.createLedger('乙台账');
  await expectText(checklist.title, '乙台账', 'the new ledger opens');
  await until(async () => assert.deepEqual((await header.ledgerNames()).sort(), ['乙台账', '甲台账'].sort()), '当前台账 lists both');
  await expectCount(checklist.categories, 0, 'categories of 乙台账');

  await header.switchTo('甲台账');
  await expectText(checklist.title, '甲台账', 'switched to 甲台账');
  await expectVisible(checklist.category('甲的类别').region, true, '甲的类别');
  // its row, drawn again after the switch, follows an edit at once
  const row = checklist.problem(1);
  const editor = await row.open();
  await editor.write('问题表现', '甲的问题（切换回来后修改）');
  await until(async () => /切换回来后修改/.test(await row.summary()), 'the row to show the edit made after switching back');
  await editor.collapse();
  await header.switchTo('乙台账');
  await expectText(checklist.title, '乙台账', 'switched back to 乙台账');
  await expectCount(checklist.categories, 0, 'categories of 乙台账');

  // rename the open ledger, then the other one
  await ledgers.open();
  await ledgers.rename('乙台账', '丙台账');
  await until(async () => assert.deepEqual((await ledgers.names()).sort(), ['丙台账', '甲台账'].sort()), 'the table after renaming the open ledger');
  await until(async () => assert.deepEqual((await header.ledgerNames()).sort(), ['丙台账', '甲台账'].sort()), '当前台账 after renaming');
  await ledgers.rename('甲台账', '甲台账（新）');
  await until(async () => assert.deepEqual((await ledgers.names()).sort(), ['丙台账', '甲台账（新）'].sort()), 'the table after renaming the other ledger');
  await header.show('台账');
  await expectText(checklist.title, '丙台账', 'the open ledger shows its new name');
  await header.switchTo('甲台账（新）');
  await expectText(checklist.title, '甲台账（新）', 'the other ledger shows its new name');
  await expectVisible(checklist.category('甲的类别').region, true, '甲的类别 after renaming');

  // delete 丙台账: cancelling keeps it, confirming removes it
  await ledgers.open();
  const asked = await ledgers.delete('丙台账', { accept: false });
  assert.match(asked, /确定删除台账“丙台账”吗/);
  await until(async () => assert.equal((await ledgers.names()).length, 2), 'both ledgers after cancelling');
  await ledgers.delete('丙台账', { accept: true });
  await until(async () => assert.deepEqual(await ledgers.names(), ['甲台账（新）']), 'the table after deleting');
  await until(async () => assert.deepEqual(await header.ledgerNames(), ['甲台账（新）']), '当前台账 after deleting');
  assert.equal(await header.currentLedger(), '甲台账（新）', 'the open ledger is unchanged');

  await app.waitForSave();
  await app.reload();
  // (the address keeps 台账管理 open across the reload)
  await expectVisible(ledgers.page.getByRole('tab', { name: '台账管理', selected: true }), true, '台账管理 after reload');
  await header.show('台账');
  await expectText(checklist.title, '甲台账（新）', 'the open ledger after reload');
  assert.deepEqual(await header.ledgerNames(), ['甲台账（新）']);

  // deleting the open ledger closes it
  await ledgers.open();
  await ledgers.delete('甲台账（新）', { accept: true });
  await until(async () => assert.deepEqual(await ledgers.names(), []), 'no ledgers left');
  assert.equal(await header.currentLedger(), '（未打开）', '当前台账 shows that none is open');
  await expectVisible(header.tab('台账'), false, 'the 台账 tab without an open ledger');
  await expectVisible(header.exportButton, false, '导出 without an open ledger');
  await app.reload();
  // (the address keeps 台账管理 open across the reload)
  await expectVisible(header.tab('台账管理').and(app.page.locator('[aria-selected="true"]')), true, '台账管理 after reload');
  assert.deepEqual(await header.ledgerNames(), []);
  await expectCount(app.notices.error, 0, 'error notices on the start page');
}));

test('建章立制: a registered rule is linked to a problem and shows its number', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { checklist, rules, header } = app;
  await buildLedger(app, '制度测试台账', [
    { title: FINANCE, problems: [{ 问题表现: '公务接待超标准' }, { 问题表现: '饭堂支出无发票入账' }] },
  ]);
  await rules.open();
  await rules.register('《公务接待管理办法》', { kind: '修订', date: '2024-06-01' });
  await until(async () => assert.deepEqual(await rules.titles(), ['公务接待管理办法']), 'the rule in the table (without 《》)');
  await expectValue(rules.row(0).getByLabel('第1项的类型', { exact: true }), 'revised', 'the rule kind');
  await expectValue(rules.row(0).getByLabel('第1项的印发日期', { exact: true }), '2024-06-01', 'the rule date');
  await expectText(rules.row(0).getByRole('cell').nth(4), '—', 'no linked problem yet');

  await header.show('台账');
  const editor = await checklist.problem(2).open();
  await editor.rule('公务接待管理办法').check();
  await rules.open();
  await expectText(rules.row(0).getByRole('cell').nth(4), '问题 2', 'linked to problem 2');

  await app.waitForSave();
  await app.reload();
  await rules.open();
  await expectText(rules.row(0).getByRole('cell').nth(4), '问题 2', 'the link after reload');
}));

test('categories: rename, move a problem to another category, delete a category with its problems (after confirming)', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { checklist } = app;
  await buildLedger(app, '类别测试台账', [
    { title: FINANCE, problems: [{ 问题表现: '公务接待超标准' }, { 问题表现: '饭堂支出无发票入账' }] },
    { title: RULES, problems: [{ 问题表现: '合同管理制度未修订' }] },
  ]);

  const renamed = await checklist.category(RULES).rename('针对制度建设仍然滞后的问题');
  await expectText(renamed.heading, '（二）针对制度建设仍然滞后的问题', 'the renamed category');
  await expectCount(checklist.category(RULES).region, 0, 'the old title');

  // problem 1 moves to the second category and is renumbered 3
  const editor = await checklist.problem(1).open();
  await editor.setCategory('针对制度建设仍然滞后的问题');
  await until(async () =>
    assert.deepEqual(await checklist.problemTitles(), ['1.饭堂支出无发票入账', '2.合同管理制度未修订', '3.公务接待超标准']),
  'renumbered after moving a problem to another category');
  await expectCount(renamed.problems, 2, 'problems in the renamed category');

  // deleting a category asks, naming how many problems go with it
  const kept = await checklist.category(FINANCE).delete({ accept: false });
  assert.match(kept, /类别“针对财务管理不规范的问题”下有 1 个问题/);
  await expectCount(checklist.categories, 2, 'categories after cancelling');
  const asked = await renamed.delete({ accept: true });
  assert.match(asked, /类别“针对制度建设仍然滞后的问题”下有 2 个问题，删除类别会同时删除这些问题/);
  await until(async () => assert.deepEqual(await checklist.categoryHeadings(), [`（一）${FINANCE}`]), 'one category left');
  await until(async () => assert.deepEqual(await checklist.problemTitles(), ['1.饭堂支出无发票入账']), 'its problems are gone');
  await expectText(checklist.counts, /^显示 1 个问题（共 1 个）/, 'counts after deleting the category');

  await app.waitForSave();
  await app.reload();
  await until(async () => {
    assert.deepEqual(await checklist.categoryHeadings(), [`（一）${FINANCE}`]);
    assert.deepEqual(await checklist.problemTitles(), ['1.饭堂支出无发票入账']);
  }, 'the same after reload');
  // an empty category is deleted with a plain question
  await checklist.addCategory('空类别');
  const plain = await checklist.category('空类别').delete({ accept: true });
  assert.match(plain, /确定删除类别“空类别”吗/);
  await expectCount(checklist.categories, 1, 'categories after deleting the empty one');
}));

test('台账信息: renaming the ledger there renames it in the header and 台账管理', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { info, header, checklist, ledgers } = app;
  await buildLedger(app, '旧名称台账', []);
  await info.open();
  await expectValue(info.field('台账名称'), '旧名称台账', '台账名称');
  await info.set('台账名称', '新名称台账');
  await info.set('通报标题', '关于巡察整改进展情况的通报');
  await info.set('统计截至日期', '2024-06-30');
  await until(async () => assert.deepEqual(await header.ledgerNames(), ['新名称台账']), '当前台账 shows the new name');
  await header.show('台账');
  await expectText(checklist.title, '新名称台账', 'the checklist title');
  await ledgers.open();
  await until(async () => assert.deepEqual(await ledgers.names(), ['新名称台账']), '台账管理 shows the new name');

  await app.waitForSave();
  await app.reload();
  await info.open();
  await expectValue(info.field('台账名称'), '新名称台账', '台账名称 after reload');
  await expectValue(info.field('通报标题'), '关于巡察整改进展情况的通报', '通报标题 after reload');
  await expectValue(info.field('统计截至日期'), '2024-06-30', '统计截至日期 after reload');
}));

test('我的名字 is kept in this browser and signs new progress entries', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { header, checklist } = app;
  await header.setMyName('王五');
  await buildLedger(app, '署名测试台账', [{ title: FINANCE, problems: [{ 问题表现: '公务接待超标准' }] }]);
  const editor = await checklist.problem(1).open();
  await editor.addProgress('2024-07-01', '退回超标费用');
  await expectText(editor.progressEntries, /^2024-07-01\s*王五\s*退回超标费用/, 'the entry is signed 王五');
  await app.waitForSave();
  await app.reload();
  await expectValue(header.myName, '王五', '我的名字 after reload');
  await expectText((await checklist.problem(1).open()).progressEntries, /^2024-07-01\s*王五\s*退回超标费用/, 'the signed entry after reload');
}));

test('typing with a Chinese input method stores only the chosen characters, never the pinyin', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { checklist } = app;
  await buildLedger(app, '输入法测试台账', [{ title: FINANCE, problems: [{}] }]);
  const editor = await checklist.problem(1).open();
  await editor.typeWithInputMethod('问题表现', ['g', 'gu', 'gua', 'guan', 'guanl', 'guanli'], '管理不规范', {
    whileComposing: async () => {
      await expectValue(editor.field('问题表现'), 'guanli', 'the text area shows the composition');
      await app.waitForSave();
      await expectText(checklist.problem(1).toggle, /^1\.\s*（未填写问题表现）$/, 'the ledger while composing');
    },
  });
  await expectText(checklist.problem(1).toggle, /^1\.\s*管理不规范$/, 'the ledger after choosing the characters');
  await app.waitForSave();
  await app.reload();
  await expectText(checklist.problem(1).toggle, /^1\.\s*管理不规范$/, 'after reload');
  await expectValue((await checklist.problem(1).open()).field('问题表现'), '管理不规范', '问题表现 after reload');
}));

// 周报告: what changed in a week, from the ledger's own history. The browser's clock is set
// (Playwright's clock) so that the ledger is made one week and edited the next.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { ARTIFACTS, scenario, useBrowser } from './support/harness.mjs';
import { expectCount, expectText, until } from './support/until.mjs';

const env = useBrowser();

test('周报告 of a week lists the completion, the status change and the progress entry made in it', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  // Thursday of the week before: the example ledger is made
  await app.context.clock.install({ time: new Date('2024-05-30T09:00:00') });
  await app.reload();
  await app.start.openExample();
  await expectCount(app.checklist.problemToggles, 20, 'the example');
  await app.header.setMyName('张三');
  await app.waitForSave();

  // Wednesday 2024-06-05: problem 1 is reopened, problem 2 gets a progress entry
  await app.context.clock.setSystemTime(new Date('2024-06-05T10:00:00'));
  const one = await app.checklist.problem(1).open();
  await one.setStatus('整改中');
  await one.collapse();
  const two = await app.checklist.problem(2).open();
  await two.addProgress('2024-06-05', '召开支委会<b>专题</b>学习');
  await two.collapse();
  await app.waitForSave();

  // Friday: the week's report
  await app.context.clock.setSystemTime(new Date('2024-06-07T16:00:00'));
  await app.header.show('周报告');
  const text = app.page.getByLabel('周报告全文', { exact: true });
  await expectText(text, /整改工作周报告（2024年6月3日至6月9日）/, 'the title names this week');
  const report = await text.innerText();
  assert.match(report, /已完成（含长期坚持）：20个 → 19个/, report);
  assert.match(report, /三、状态变化\n1\. 问题1“工业园党委领导核心弱化，长期以班子会议代替党委会议讨论重大决策事项。?”：长期坚持 → 整改中/, report);
  assert.match(report, /四、整改进展\n1\. 问题2“.+?”，6月5日，张三：召开支委会<b>专题<\/b>学习/, 'the entry, markup shown as text');
  assert.match(report, /五、新增建章立制\n无/, report);
  await expectText(app.page.getByRole('table', { name: '期初与期末' }), /期初\s*20\s*20[\s\S]*期末\s*20\s*19/, 'the counts table');

  // the week before: the ledger was made then, so everything in it is new
  await app.page.getByRole('button', { name: '上周', exact: true }).click();
  await expectText(text, /（2024年5月27日至6月2日）/, 'last week');
  await expectText(text, /新增20个/, 'the example arrived last week');
  await app.page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
}));

test('修改记录 lists who changed which problem, and a change can be put back to the value before it', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  await app.start.openExample();
  await expectCount(app.checklist.problemToggles, 20, 'the example');
  await app.header.setMyName('张三');
  const editor = await app.checklist.problem(3).open();
  const before = await editor.field('责任人').inputValue();
  await editor.set('责任人', '写错的人');
  await app.waitForSave();

  await app.header.show('修改记录');
  const table = app.page.getByRole('table');
  const newest = table.getByRole('row').nth(1);
  await expectText(newest, /张三\s*修改责任人\s*第3项 · 责任人/, 'the newest change, by whom, on which problem');
  assert.ok((await newest.innerText()).includes(`第3项 · 责任人：${before || '（空）'} → 写错的人`), `old → new: ${await newest.innerText()}`);
  // the example was opened before 我的名字 was given: its making (one change) is signed 张三
  // too, and summarised rather than listing every field it wrote
  await expectText(table.getByRole('row').last(), /张三[\s\S]*新建台账；添加16个类别、20个问题[\s\S]*20 个问题、16 个类别/, 'the example made by 张三, summarised, not listed field by field');
  await app.page.getByLabel(/^\s*修改人/).selectOption({ label: '张三' });
  await expectText(app.page.getByText(/^共 \d+ 次修改，显示 \d+ 次$/), /显示 [1-9]\d* 次/, 'filtered by person');
  const confirmed = app.acceptNextConfirm();
  await newest.getByRole('button', { name: '恢复修改前的值' }).click();
  assert.match(await confirmed, /第3项 · 责任人/);
  await app.notices.infoText(/已恢复修改前的值：第3项 · 责任人/);
  await app.header.show('台账');
  const again = await app.checklist.problem(3).open();
  await until(async () => assert.equal(await again.field('责任人').inputValue(), before), 'the owner is back');
}));

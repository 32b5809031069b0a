// Export reminders: a ledger lives only in this browser until it is exported. The app asks
// the browser to keep its storage (navigator.storage.persist()), reminds at the first
// unexported change when it will not, and after 20 changes since the last export in any case.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { scenario, useBrowser } from './support/harness.mjs';
import { expectText, expectVisible, until } from './support/until.mjs';

const env = useBrowser();

const reminderOf = (page) => page.getByRole('status', { name: '导出提醒' });

test('20 changes since the last export bring a reminder; 导出备份 clears it, 稍后提醒 puts it off', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { page, start, checklist } = app;
  const reminder = reminderOf(page);
  await start.createLedger('提醒测试');
  await expectText(checklist.title, '提醒测试', 'ledger title');
  const persisted = await page.evaluate(() => navigator.storage.persisted());

  await checklist.addCategory('第一类问题');
  await app.waitForSave();
  if (persisted) {
    await expectVisible(reminder, false, 'no reminder after one change where storage is persistent');
  } else {
    // the browser may clear this storage: remind at once
    await expectText(reminder, /本浏览器没有承诺长期保留本机数据.*本台账有 1 处修改尚未导出/, 'the non-persistent reminder');
    await reminder.getByRole('button', { name: '稍后提醒', exact: true }).click();
    await expectVisible(reminder, false, 'the reminder put off');
  }

  // as if 19 changes were saved since the last export (the non-persistent reminder put off
  // before the first), then one more
  const id = await page.evaluate(() => localStorage.getItem('rectify:current'));
  await page.evaluate(
    (key) => localStorage.setItem(key, JSON.stringify({ changes_since_export: 19, put_off_at: 0 })),
    `rectify:backup:${id}`,
  );
  await app.reload();
  await expectVisible(reminder, false, 'no reminder at 19 changes');
  await checklist.addCategory('第二类问题');
  await app.waitForSave();
  await expectText(reminder, /自上次导出以来，本台账已有 20 处修改只保存在本浏览器中/, 'the reminder at 20 changes');

  // 导出备份 downloads the ledger and the count starts again
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    reminder.getByRole('button', { name: '导出备份', exact: true }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^提醒测试-\d{4}-?\d{2}-?\d{2}.*\.rectify$/);
  await expectVisible(reminder, false, 'no reminder after the export');
  await app.ledgers.open();
  const note = page.getByRole('note', { name: '数据保存位置' });
  await until(async () => /上次在本浏览器导出：.*此后有 0 处修改未导出/.test(await note.innerText()), 'the count reset');
  assert.match(await note.innerText(), /本浏览器为本网址保留的本地存储（localStorage）/);
  assert.match(
    await note.innerText(),
    persisted ? /浏览器已同意长期保留这些数据/ : /浏览器没有承诺长期保留这些数据/,
    'what the browser answered about keeping the data',
  );
}));

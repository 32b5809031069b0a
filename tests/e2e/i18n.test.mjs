// 中文 / English: a new user sees Chinese; the switch in the header turns the UI English
// without a reload or losing what is typed, the bulletin itself stays Chinese, a reload keeps English.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

import { scenario, useBrowser } from './support/harness.mjs';
import { expectCount, expectText, until } from './support/until.mjs';

const env = useBrowser();

const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);
const tabNames = async (banner) => (await banner.getByRole('tab').allInnerTexts()).map((s) => s.trim());

test('switch the UI to English and back; the bulletin stays Chinese; the choice survives a reload', scenario(env, async ({ laptop, tmpFile }) => {
  const app = await laptop();
  const { page, header, start, checklist } = app;
  const banner = header.banner;

  // a new user: Chinese
  assert.equal(await htmlLang(page), 'zh-CN');
  assert.equal(await page.title(), '整改台账 · Rectify');
  const zhButton = banner.getByRole('button', { name: '中文', exact: true });
  const enButton = banner.getByRole('button', { name: 'English', exact: true });
  assert.equal(await zhButton.getAttribute('aria-pressed'), 'true');
  assert.equal(await enButton.getAttribute('aria-pressed'), 'false');
  await start.openExample();
  await expectCount(checklist.problemToggles, 20, 'numbered problems');
  assert.deepEqual(await tabNames(banner), ['台账', '进度', '建章立制', '通报', '台账信息', '周报告', '修改记录', '台账管理', '帮助']);

  // something typed but not yet submitted survives the switch
  const main = page.getByRole('main');
  await main.getByLabel('新类别名称', { exact: true }).fill('还没保存的类别');

  await enButton.click();
  await until(async () => (await htmlLang(page)) === 'en', '<html lang> to be en');
  assert.equal(await enButton.getAttribute('aria-pressed'), 'true');
  await expectText(banner.getByRole('heading', { level: 1 }), 'Rectification ledger', 'the brand');
  assert.deepEqual(await tabNames(banner), ['Checklist', 'Progress', 'Rules', 'Bulletin', 'Ledger info', 'Weekly report', 'History', 'Ledgers', 'Help']);
  assert.equal(await page.title(), 'Rectification ledger · Rectify');
  assert.equal(await main.getByLabel('New category name', { exact: true }).inputValue(), '还没保存的类别', 'the typed text is kept');
  assert.equal(await page.evaluate(() => localStorage.getItem('rectify:lang')), 'en');

  // the checklist, driven by its English labels
  await expectText(main.getByRole('status').filter({ hasText: /^\s*Showing/ }), /^Showing 20 problems \(of 20\): not started 0, in progress 0, done 0, ongoing 20; red 0, yellow 0, green 20$/, 'the counts line');
  await expectCount(main.getByRole('button', { name: 'Add problem', exact: true }), 16, 'an Add problem button per category');
  await expectCount(main.getByRole('button', { name: 'Add category', exact: true }), 1, 'Add category');
  await expectCount(main.getByRole('button', { name: /^Rename category: / }), 16, 'Rename category buttons');
  await main.getByLabel(/^\s*Filter by status/).selectOption({ label: 'Ongoing' });
  await expectText(main.getByRole('status').filter({ hasText: /^\s*Showing/ }), /^Showing 20 problems/, 'filtered by Ongoing');

  // a problem's fields
  await main.getByRole('button', { name: /^\s*1\./ }).click();
  const editor = main.getByRole('group', { name: 'Problem details', exact: true });
  for (const label of ['Problem', 'Cause', 'Measures', 'Progress', 'Evidence', 'Leader in charge', 'Departments', 'Owner', 'Deadline', 'Completed on']) {
    await expectCount(editor.getByLabel(label, { exact: true }), 1, `the field ${label}`);
  }
  // a select's name starts with its label (the chosen option follows)
  await expectCount(editor.getByLabel(/^\s*Category/), 1, 'the field Category');
  assert.equal(await editor.getByLabel(/^\s*Status/).evaluate((s) => s.selectedOptions[0].textContent.trim()), 'Ongoing');
  await expectCount(editor.getByRole('button', { name: 'Delete problem', exact: true }), 1, 'Delete problem');
  await expectCount(editor.getByRole('heading', { name: 'Progress log', exact: true }), 1, 'Progress log');

  // 进度's headings
  await header.show('Progress');
  for (const heading of ['By status', 'By category', 'By department', 'Completions per week', 'Cumulative completed and due', 'Red and yellow problems (red 0, yellow 0)']) {
    await expectCount(main.getByRole('heading', { name: heading, exact: true }), 1, `the heading ${heading}`);
  }
  const figure = (term) => main.locator('.figure').filter({ has: page.getByText(term, { exact: true }) }).locator('dd');
  await expectText(figure('Completion rate'), '100%', 'the completion rate');
  await expectText(main.getByText('No red or yellow problems.', { exact: true }), 'No red or yellow problems.', 'the empty red/yellow list');
  const statusTable = main.getByRole('table', { name: 'By status', exact: true });
  assert.deepEqual((await statusTable.locator('tbody th').allInnerTexts()).map((s) => s.trim()), ['Not started', 'In progress', 'Done', 'Ongoing']);

  // an import error, in English
  await banner.getByLabel('Import a ledger file', { exact: true }).setInputFiles(await tmpFile('noise.rectify', randomBytes(512)));
  const closeButton = page.getByRole('button', { name: 'Close the message', exact: true });
  const error = page.getByRole('alert').filter({ has: closeButton });
  await expectText(error, /^“noise\.rectify” was not imported: This is not a Rectify ledger file/, 'the import error');
  await closeButton.click();
  await expectCount(error, 0, 'the error to close');

  // Excel in 台账管理: the buttons, and a workbook's preview, in English
  await header.show('Ledgers');
  await expectCount(main.getByRole('button', { name: 'Export Excel', exact: true }), 1, 'Export Excel');
  await main.getByLabel('Import from Excel', { exact: true }).setInputFiles(await tmpFile('wrong.xlsx', randomBytes(256)));
  await expectText(page.getByRole('alert').filter({ has: closeButton }), /^“wrong\.xlsx” was not imported: /, 'the Excel import error');
  await closeButton.click();

  // the bulletin stays Chinese: an official document; the view around it is English
  await header.show('Bulletin');
  await expectCount(main.getByRole('heading', { name: 'Bulletin', exact: true, level: 2 }), 1, 'the bulletin heading');
  await expectCount(main.getByRole('button', { name: 'Print / save as PDF', exact: true }), 1, 'the print button');
  await expectCount(main.getByRole('button', { name: 'Download Word (.docx)', exact: true }), 1, 'the Word button');
  const preview = main.getByRole('document', { name: 'Bulletin preview' });
  await until(async () => /整改/.test(await preview.innerText()), 'the bulletin preview in Chinese');

  // a reload keeps English
  await page.reload();
  await banner.getByRole('heading', { name: 'Rectification ledger', exact: true, level: 1 }).waitFor({ timeout: 60000 });
  assert.equal(await htmlLang(page), 'en');
  assert.deepEqual(await tabNames(banner), ['Checklist', 'Progress', 'Rules', 'Bulletin', 'Ledger info', 'Weekly report', 'History', 'Ledgers', 'Help']);
  assert.equal(await enButton.getAttribute('aria-pressed'), 'true');

  // and back to Chinese
  await zhButton.click();
  await until(async () => (await htmlLang(page)) === 'zh-CN', '<html lang> to be zh-CN');
  await expectCount(header.heading, 1, 'the Chinese brand');
  assert.equal(await page.title(), '整改台账 · Rectify');
  assert.deepEqual(await tabNames(banner), ['台账', '进度', '建章立制', '通报', '台账信息', '周报告', '修改记录', '台账管理', '帮助']);
  await header.show('台账');
  await expectCount(main.getByRole('button', { name: '添加问题', exact: true }), 16, '添加问题 again');
  assert.equal(await page.evaluate(() => localStorage.getItem('rectify:lang')), 'zh');
}));

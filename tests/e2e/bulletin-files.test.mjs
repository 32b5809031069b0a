// 从通报导入 of what people have: a table pasted from Excel (tab-separated, a quoted cell with
// line breaks, the category only on its group's first row, a 序号 and an unknown column) shown
// as 从 Excel 导入 shows a sheet and made into a ledger; a .txt saved by Notepad in GBK and a
// Word .docx read into the text box; an image and an empty file refused with a message.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { FIXTURES, scenario, useBrowser } from './support/harness.mjs';
import { BulletinImportPage } from './support/bulletin-pages.mjs';
import { expectCount, expectText, until } from './support/until.mjs';

const env = useBrowser();
const GBK = join(FIXTURES, 'bulletins', 'xunshi-gbk.txt');
const DOCX = join(FIXTURES, 'bulletins', 'xuncha-word.docx');

// as Excel puts a copied range on the clipboard
const TABLE = [
  '序号\t问题类别\t问题表现\t整改措施\t责任部门\t整改时限\t整改状态\t备注',
  '1\t党建方面\t“三会一课”记录不全\t"一是补记；\n二是建立月查制度"\t办公室\t2023年6月30日\t已完成\t',
  '2\t\t发展党员程序不规范\t复查档案\t办公室、人事科\t2023/9/30\t整改中\t重点',
  '3\t财务方面\t公务接待超标准\t清退费用\t财务科\t2023-12-31\t\t',
].join('\r\n') + '\r\n';

test('a table pasted into 从通报导入 is read as 从 Excel 导入 reads a sheet, and made into a ledger', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const importer = new BulletinImportPage(app.page);
  await importer.open();
  await importer.paste(TABLE);
  await expectText(importer.main, /粘贴的是表格：第 1 行是表头/, 'the preview says it is a table');
  const columns = importer.columns.getByRole('row');
  await expectCount(columns, 9, 'the header row and eight columns');
  await expectText(columns.nth(3), /问题表现\s*问题表现/, 'the problem column mapped');
  await expectText(columns.nth(8), /备注\s*不导入/, 'the unknown column not imported');
  const rows = importer.tableProblems.getByRole('row');
  await expectCount(rows, 4, 'the header and three problems');
  await expectText(rows.nth(2), /党建方面\s*发展党员程序不规范/, 'the category carried down from its first row');
  await expectText(rows.nth(3), /财务方面\s*公务接待超标准/, 'the next category');
  await importer.main.getByRole('button', { name: '创建新台账', exact: true }).click();
  await expectCount(app.checklist.problemToggles, 3, 'the three problems in the new ledger');
  await expectCount(app.checklist.categories, 2, 'two categories');
}));

test('a Notepad GBK .txt and a Word .docx are read into the text box; an image and an empty file are refused', scenario(env, async ({ laptop, tmpFile }) => {
  const app = await laptop();
  const importer = new BulletinImportPage(app.page);
  await importer.open();

  await importer.pickFile(GBK);
  await until(async () => (await importer.textArea.inputValue()).includes('关于“深化医药卫生体制改革推进不力”问题'), 'the GBK text decoded');
  await expectText(importer.result, /具体问题 4 个/, 'the GBK text recognised');

  await importer.fileInput.setInputFiles(DOCX);
  await until(async () => (await importer.textArea.inputValue()).includes('关于“公务接待超标准”的问题'), 'the .docx text read');
  await expectText(importer.result, /反馈问题（类别）2 个，具体问题 4 个/, 'the Word bulletin recognised');
  await until(async () => !(await importer.createButton.isDisabled()), '创建台账 for the Word text');

  const before = await importer.textArea.inputValue();
  const png = await tmpFile('截图.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
  await importer.fileInput.setInputFiles(png);
  await app.notices.errorText(/截图\.png[\s\S]*图片/);
  const empty = await tmpFile('空.txt', Buffer.alloc(0));
  await importer.fileInput.setInputFiles(empty);
  await app.notices.errorText(/空\.txt[\s\S]*空的/);
  assert.equal(await importer.textArea.inputValue(), before, 'a refused file leaves the text as it was');
}));

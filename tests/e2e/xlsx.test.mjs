// Excel: 导出 Excel of the example (a real workbook with the sheet 整改台账), 从 Excel 导入 of a
// workbook made by another program (preview: column mapping, the bad row; then a new ledger,
// then the same rows added to it), and foreign files refused with a Chinese message.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { FIXTURES, scenario, useBrowser } from './support/harness.mjs';
import { expectCount, expectText, until } from './support/until.mjs';

const env = useBrowser();

/** tests/fixtures/make_xlsx_fixtures.py (openpyxl) writes the "other program" workbook. */
function otherProgramWorkbook() {
  const dir = mkdtempSync(join(tmpdir(), 'rectify-xlsx-'));
  try {
    execFileSync('python3', [join(FIXTURES, 'make_xlsx_fixtures.py'), dir], { stdio: 'pipe' });
  } catch (e) {
    throw new Error(`making the Excel fixture failed (python3 with openpyxl needed: bash scripts/setup.sh): ${e.stderr ?? e}`);
  }
  return join(dir, 'other-program.xlsx');
}

/** The preview screen of 从 Excel 导入, by role and label. */
class XlsxPreview {
  constructor(page) {
    this.main = page.getByRole('main');
    this.heading = this.main.getByRole('heading', { name: '从 Excel 导入', level: 2 });
    this.result = this.main.getByRole('status', { name: '识别结果' });
    this.mapping = this.main.getByRole('table', { name: '列的对应关系' });
    this.badRows = this.main.getByRole('alert', { name: '未能读取的行' });
    this.problems = this.main.getByRole('table', { name: '将导入的问题' });
    this.create = this.main.getByRole('button', { name: '创建新台账', exact: true });
    this.add = this.main.getByRole('button', { name: '添加到当前台账', exact: true });
    this.cancel = this.main.getByRole('button', { name: '取消', exact: true });
  }

  /** The mapping table as [[column, header, imported as], …]. */
  async mappingRows() {
    const rows = this.mapping.getByRole('row').filter({ has: this.mapping.page().getByRole('cell') });
    return rows.evaluateAll((rs) => rs.map((r) => [...r.cells].map((c) => c.innerText.trim())));
  }
}

const pickXlsx = (page, file) => page.getByRole('main').getByLabel('从 Excel 导入', { exact: true }).setInputFiles(file);

test('导出 Excel of the example: a workbook with 整改台账, 统计, 建章立制 that reads back', scenario(env, async ({ laptop, tmpFile }) => {
  const app = await laptop();
  await app.start.openExample();
  await expectCount(app.checklist.problemToggles, 20, 'the example problems');
  await app.ledgers.open();
  const before = await app.header.ledgerNames();

  const [download] = await Promise.all([
    app.page.waitForEvent('download', { timeout: 15000 }),
    app.page.getByRole('main').getByRole('button', { name: '导出 Excel', exact: true }).click(),
  ]);
  assert.equal(await download.failure(), null);
  const name = download.suggestedFilename();
  assert.match(name, /^.*整改台账（示例）\.xlsx$/);
  const bytes = readFileSync(await download.path());
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip');
  await app.notices.infoText(/已导出 Excel：.*\.xlsx/);

  // another program sees the sheets (openpyxl)
  const path = await tmpFile(name, bytes);
  const sheets = execFileSync('python3', ['-c', 'import openpyxl,sys; print("|".join(openpyxl.load_workbook(sys.argv[1]).sheetnames))', path], { encoding: 'utf8' }).trim();
  assert.equal(sheets, '整改台账|统计|建章立制');

  // and the app reads it back: 20 problems from the sheet 整改台账, header on row 1
  await pickXlsx(app.page, path);
  const preview = new XlsxPreview(app.page);
  await preview.heading.waitFor();
  await expectText(preview.main, /从工作表“整改台账”读取，第 1 行是表头/, 'where the problems were read');
  await expectText(preview.result, /反馈问题（类别）16 个，具体问题 20 个，建章立制 5 项（另有 5 项待确认）/, 'what was read');
  await preview.cancel.click();
  await expectCount(app.checklist.problemToggles, 20, 'the example, unchanged');
  assert.deepEqual(await app.header.ledgerNames(), before, 'nothing created');
}));

test('从 Excel 导入 a workbook made by another program: preview, the bad row, a new ledger, then added to it', scenario(env, async ({ laptop }) => {
  const file = otherProgramWorkbook();
  const app = await laptop();
  await app.start.heading.waitFor();
  await pickXlsx(app.page, file);

  const preview = new XlsxPreview(app.page);
  await preview.heading.waitFor();
  await expectText(preview.main, /从工作表“2023年整改台账”读取，第 2 行是表头/, 'the header below the title row');
  await expectText(preview.result, /反馈问题（类别）2 个，具体问题 6 个/, 'what was read');
  const mapping = await preview.mappingRows();
  assert.deepEqual(mapping.slice(0, 11).map((r) => r.join(' ')), [
    'A 编号 序号',
    'B 问题类型 问题类别',
    'C 具体问题 问题表现',
    'D 原因 原因分析',
    'E 整改措施 整改措施',
    'F 责任单位 责任部门',
    'G 责任人 责任人',
    'H 完成时限 整改时限',
    'I 整改进展 整改情况',
    'J 状态 整改状态',
    'K 完成时间 完成时间',
  ]);
  assert.match(mapping[11].join(' '), /^L 备注 不导入/);
  await expectText(preview.badRows, /第 8 行：没有问题表现/, 'the bad row and its reason');
  await expectText(preview.main, /第 10 行：整改状态“已销号”按“已完成”导入/, 'the assumed status');
  await expectText(preview.problems, /三重一大事项未集体决策/, 'the problems to import');
  assert.equal(await preview.add.isDisabled(), true, 'no ledger open to add to');

  await preview.create.click();
  await app.notices.infoText(/已从“other-program\.xlsx”创建台账“某局巡察反馈问题整改台账”：反馈问题（类别）2 个，具体问题 6 个；1 行未能读取/);
  await expectCount(app.checklist.problemToggles, 6, 'the imported problems');
  await expectCount(app.checklist.categories, 2, 'the imported categories');
  const titles = await app.checklist.problemTitles();
  assert.ok(titles[0].startsWith('1.理论学习中心组学习不规范'), titles[0]);
  assert.ok(titles[5].startsWith('6.档案管理混乱'), titles[5]);
  assert.equal(await app.header.currentLedger(), '某局巡察反馈问题整改台账');

  // the same workbook added to the open ledger: into the same two categories
  await app.ledgers.open();
  await pickXlsx(app.page, file);
  await preview.heading.waitFor();
  await preview.add.click();
  await app.notices.infoText(/已把“other-program\.xlsx”中的 6 个问题添加到当前台账（新增类别 0 个/);
  await expectCount(app.checklist.problemToggles, 12, 'problems after adding');
  await expectCount(app.checklist.categories, 2, 'still two categories');
  await app.reload();
  await expectCount(app.checklist.problemToggles, 12, 'kept across a reload');
}));

test('从 Excel 导入 refuses foreign files with a Chinese message and creates nothing', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  await app.start.openExample();
  await expectCount(app.checklist.problemToggles, 20, 'the example problems');
  const { bytes: rectifyBytes } = await app.header.export();
  const docx = execFileSync('python3', ['-c', [
    'import io, sys, zipfile',
    'b = io.BytesIO()',
    'z = zipfile.ZipFile(b, "w"); z.writestr("word/document.xml", "<w:document/>"); z.close()',
    'sys.stdout.buffer.write(b.getvalue())',
  ].join('\n')]);
  await app.ledgers.open();
  const before = await app.header.ledgerNames();
  const cases = [
    [{ name: '通报.docx', mimeType: 'application/octet-stream', buffer: docx }, /未导入“通报\.docx”：这是 Word 文档/],
    [{ name: '台账.rectify', mimeType: 'application/octet-stream', buffer: rectifyBytes }, /这是 Rectify 的台账文件（\.rectify），不是 Excel 文件/],
    [{ name: '截图.xlsx', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') }, /这是图片文件/],
    [{ name: '空.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.alloc(0) }, /文件是空的/],
  ];
  for (const [file, message] of cases) {
    await app.notices.dismiss();
    await pickXlsx(app.page, file);
    await app.notices.errorText(message);
    await app.ledgers.heading.waitFor();
  }
  assert.deepEqual(await app.header.ledgerNames(), before, 'no ledger created');
  await app.header.show('台账');
  await expectCount(app.checklist.problemToggles, 20, 'the open ledger unchanged');
}));

test('创建新台账 from a workbook of 450 rows says how many problems are written while it works', scenario(env, async ({ laptop }) => {
  const dir = mkdtempSync(join(tmpdir(), 'rectify-xlsx-'));
  const file = join(dir, 'rows-450.xlsx');
  const script = [
    'import openpyxl, sys',
    'wb = openpyxl.Workbook(); ws = wb.active',
    'ws.append(["序号", "问题类别", "问题表现", "原因分析", "整改措施", "责任人", "整改状态"])',
    'for i in range(450):',
    '    ws.append([i + 1, "第%d类问题" % (i // 50 + 1), "问题%d：制度执行不到位，" % (i + 1) * 8, "原因" * 40, "措施" * 40, "张三", "整改中"])',
    'wb.save(sys.argv[1])',
  ].join('\n');
  execFileSync('python3', ['-c', script, file], { stdio: 'pipe' });
  const app = await laptop();
  await app.start.heading.waitFor();
  await pickXlsx(app.page, file);
  const preview = new XlsxPreview(app.page);
  await preview.heading.waitFor();
  await expectText(preview.result, /反馈问题（类别）9 个，具体问题 450 个/, 'what was read');
  // every notice text shown from the click on, as a person would see them go by
  await app.page.evaluate(() => {
    const seen = (window.__notices = []);
    new MutationObserver(() => {
      for (const e of document.querySelectorAll('[role=status]')) {
        const t = e.textContent.trim();
        if (t && seen.at(-1) !== t) seen.push(t);
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await preview.create.click();
  await app.notices.infoText(/已从“rows-450\.xlsx”创建台账.*具体问题 450 个/);
  const seen = await app.page.evaluate(() => window.__notices);
  assert.ok(seen.some((t) => /正在创建台账……已写入 200 \/ 450 个问题/.test(t)), `progress shown: ${JSON.stringify(seen)}`);
  assert.ok(seen.some((t) => /已写入 400 \/ 450 个问题/.test(t)), `progress shown: ${JSON.stringify(seen)}`);
  await expectText(app.checklist.problem(450).toggle, /^450\.\s*问题450：/, 'the last problem');
}));

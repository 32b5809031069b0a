// Hostile text (issue 8): markup and script payloads, javascript: links, an RTL override and a
// very long line typed into every kind of text field are shown as text in every view — the
// checklist, 进度's charts and tables, 建章立制, the typeset bulletin and its print, 台账信息,
// 周报告, 修改记录 — and in the downloads (.txt, print, .docx, .xlsx, .rectify); nothing runs, nothing is injected, no view grows
// wider than the window.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

import { scenario, useBrowser } from './support/harness.mjs';
import { expectCount, expectText, until } from './support/until.mjs';
import { BulletinPage } from './support/bulletin-pages.mjs';

const env = useBrowser();

// each sets window.__xss (or opens a dialog) if it ever runs
const SCRIPT = '<script>window.__xss="script"</script>';
const IMG = '<img src=x onerror="window.__xss=\'img\'">';
const SVG = '<svg/onload=window.__xss="svg">';
const LINK = '<a href="javascript:window.__xss=\'link\'">点此</a>';
const RTL = '\u202E反向文字\u202C';
const LONG = '很长'.repeat(1500) + 'https://example.com/' + 'a'.repeat(2000);

/** What a payload may have left in the page: globals set, elements made, dialogs opened. */
async function injected(app) {
  return app.page.evaluate(() => ({
    xss: window.__xss,
    scripts: [...document.querySelectorAll('body script')].filter((s) => !s.src && !s.type?.includes('module') && s.textContent.includes('__xss')).length,
    imgs: document.querySelectorAll('body img[onerror], body svg[onload]').length,
    links: document.querySelectorAll('a[href^="javascript:" i]').length,
  }));
}

/** The page is no wider than the window: a long line wraps instead of pushing the view out. */
async function widthOverflow(app) {
  return app.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test('markup, script, javascript: links, an RTL override and a very long line show as text in every view and download', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const dialogs = [];
  app.page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  const clean = { xss: undefined, scripts: 0, imgs: 0, links: 0 };

  await app.start.createLedger(`${SCRIPT}台账`);
  const category = await app.checklist.addCategory(`${IMG}类别`);
  const editor = await category.addProblem();
  await editor.write('问题表现', `${SCRIPT}${IMG}问题${RTL}结尾`);
  await editor.write('原因分析', `${LINK}原因`);
  await editor.write('整改措施', LONG);
  await editor.write('整改情况', `${SVG}进展`);
  await editor.set('责任领导', `${IMG}领导`);
  await editor.set('责任人', `${RTL}李四`);
  await editor.set('责任部门', `${SVG}部门`);
  await editor.set('整改时限', '2020-01-31'); // overdue: the problem shows in 进度's red list
  await editor.setStatus('整改中');
  await editor.addProgress('2020-01-15', `${SCRIPT}记录`);
  await editor.collapse();
  await app.rules.open();
  await app.rules.register(`${IMG}制度`, { date: '2020-01-20' });
  await app.info.open();
  await app.info.set('通报标题', `${SCRIPT}通报标题`);
  await app.info.set('被巡察单位（发文机关）', `${LINK}单位`);
  await app.info.set('开头段落', `${IMG}开头。${LONG}`);
  await app.waitForSave();
  assert.deepEqual(await injected(app), clean, 'while typing');

  const views = [
    ['台账', [SCRIPT, IMG, '李四']],
    ['进度', [`${IMG}类别`.slice(0, 18), `${SVG}部门`, '问题']],
    ['建章立制', [`${IMG}制度`]],
    ['通报', ['通报标题', '<script>', '<img src=x']],
    ['台账信息', []],
    ['周报告', ['<script>']],
    ['修改记录', []],
  ];
  for (const [tab, shown] of views) {
    await app.header.show(tab);
    await app.page.getByRole('main').getByRole('heading', { level: 2 }).first().waitFor();
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await injected(app), clean, `${tab}: nothing injected or run`);
    // what a person reads: the text, and what the fields hold
    const text = await app.page.evaluate(() =>
      [document.querySelector('main').innerText, ...[...document.querySelectorAll('main input, main textarea')].map((i) => i.value)].join('\n'));
    for (const s of shown) assert.ok(text.replace(/\s+/g, '').includes(s.replace(/\s+/g, '')), `${tab} shows ${JSON.stringify(s.slice(0, 30))} as text`);
    assert.ok((await widthOverflow(app)) <= 1, `${tab}: no wider than the window (${await widthOverflow(app)} px over)`);
  }
  // 台账 with the problem open: the long text and the fields
  await app.header.show('台账');
  await app.checklist.problem(1).open();
  assert.ok((await widthOverflow(app)) <= 1, 'the open problem is no wider than the window');
  assert.deepEqual(await injected(app), clean, 'the open problem');

  // the RTL override stays inside its own text: the element holding it is isolated
  const isolation = await app.page.evaluate(() => {
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
    const found = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeValue.includes('\u202E')) found.push(`${n.parentElement.tagName}:${getComputedStyle(n.parentElement).unicodeBidi}`);
    }
    return found;
  });
  assert.ok(isolation.length > 0, 'the RTL override is shown (as text)');
  for (const b of isolation) assert.match(b, /isolate|plaintext/, `text with an RTL override is bidi-isolated (${isolation})`);

  // the bulletin's .txt download and its print carry the payloads as text
  const bulletin = new BulletinPage(app.page, app.header);
  await bulletin.open();
  const download = app.page.waitForEvent('download');
  await bulletin.downloadButton.click();
  const txt = await readFile(await (await download).path(), 'utf8');
  assert.ok(txt.includes(`${SCRIPT}通报标题`) && txt.includes(`${IMG}开头。`), 'the .txt has the payloads verbatim');
  const pdf = join(tmpdir(), `hostile-${process.pid}.pdf`);
  await app.page.emulateMedia({ media: 'print' });
  await writeFile(pdf, await app.page.pdf({ preferCSSPageSize: true, printBackground: true }));
  await app.page.emulateMedia({ media: 'screen' });
  const printed = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  assert.ok(printed.includes('<script>window.__xss="script"</script>通报标题'), 'the printed title shows the markup as text');

  // 下载 Word（.docx）: the payloads are escaped text in the document's XML, never markup
  const word = app.page.waitForEvent('download');
  await app.page.getByRole('main').getByRole('button', { name: '下载 Word（.docx）', exact: true }).click();
  const docxPath = await (await word).path();
  const documentXml = execFileSync('python3', ['-c', 'import zipfile,sys; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode())', docxPath], { encoding: 'utf8' });
  assert.ok(documentXml.includes('&lt;script&gt;window.__xss=&quot;script&quot;&lt;/script&gt;通报标题') || documentXml.includes('&lt;script&gt;window.__xss="script"&lt;/script&gt;通报标题'), 'the Word file has the title as escaped text');
  assert.ok(!/<script|<img|<svg/i.test(documentXml), 'no markup from the ledger in the Word XML');

  // 导出 Excel: every payload is a plain cell value another program reads back verbatim
  await app.ledgers.open();
  const excel = app.page.waitForEvent('download');
  await app.page.getByRole('main').getByRole('button', { name: '导出 Excel', exact: true }).click();
  const xlsxPath = join(tmpdir(), `hostile-${process.pid}.xlsx`); // openpyxl goes by the extension
  await (await excel).saveAs(xlsxPath);
  const cells = JSON.parse(execFileSync('python3', ['-c', [
    'import json,sys,openpyxl',
    'wb = openpyxl.load_workbook(sys.argv[1])',
    'print(json.dumps([str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None], ensure_ascii=False))',
  ].join('\n'), xlsxPath], { encoding: 'utf8' }));
  for (const expected of [`${IMG}类别`, `${SCRIPT}${IMG}问题${RTL}结尾`, `${LINK}原因`, `${SVG}进展`, `${IMG}领导`, `${RTL}李四`, `${IMG}制度`]) {
    assert.ok(cells.some((c) => c.includes(expected)), `the workbook has ${JSON.stringify(expected)} verbatim: ${JSON.stringify(cells.filter((c) => c.includes('<')))}`);
  }
  assert.ok(cells.some((c) => c.startsWith(LONG.slice(0, 100))), 'the long text, in its cell');

  // the exported ledger file brings the same text back, still as text
  const { bytes } = await app.header.export();
  const other = await laptop();
  await other.start.heading.waitFor();
  const file = join(tmpdir(), `hostile-${process.pid}.rectify`);
  await writeFile(file, bytes);
  await other.header.importFile(file);
  // the dialog names the ledger, markup and all, as text
  await expectText(other.notices.importDialog, /<script>window.__xss="script"<\/script>台账/, 'the import dialog names the ledger as text');
  assert.deepEqual(await injected(other), clean, 'the import dialog');
  await other.notices.importDialogButton('作为新台账打开').click();
  await expectCount(other.checklist.problemToggles, 1, 'the imported ledger');
  await until(async () => assert.match(await other.checklist.problem(1).summary(), /李四/));
  assert.deepEqual(await injected(other), clean, 'the imported ledger');

  assert.deepEqual(dialogs, [], 'no dialog was opened by a payload');
  assert.deepEqual(app.pageErrors, [], 'no page errors');
}));

// 通报: import the sample bulletin text, see it typeset as A4 pages with the ledger's counts,
// print it to PDF with Chromium, and watch the counts follow the ledger.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { ARTIFACTS, FIXTURES, scenario, useBrowser } from './support/harness.mjs';
import { BulletinImportPage, BulletinPage } from './support/bulletin-pages.mjs';
import { expectCount, expectText, expectVisible, until } from './support/until.mjs';

const env = useBrowser();
const SAMPLE = join(FIXTURES, 'bulletin-2022-06-30.txt');
const HEADER = '中共广州花都（清新）产业转移工业园委员会文件';

/** Text of one PDF page, by poppler's pdftotext. */
const pdfPageText = (file, n) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', file, '-'], { encoding: 'utf8' });
const squeeze = (s) => s.replace(/\s+/g, '');

test('从通报导入 the sample, open 通报, and print it to an A4 PDF with page numbers', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { checklist, header } = app;
  const importer = new BulletinImportPage(app.page);
  const bulletin = new BulletinPage(app.page, header);

  await importer.open();
  await importer.pickFile(SAMPLE);
  await expectText(importer.result, /反馈问题（类别）16 个，具体问题 20 个，建章立制 5 项（另有 5 项待确认）/, 'what was recognised');
  await expectText(importer.result, /通报原文写明：问题16个，已整改完毕16个，建章立制5项/, 'the counts the text states');
  await expectVisible(importer.reading, false, 'no 正在识别 once the text is read');
  await importer.createButton.click();

  await expectCount(checklist.categories, 16, 'categories of the imported ledger');
  await expectCount(checklist.problemToggles, 20, 'problems of the imported ledger');

  await bulletin.open();
  await expectText(bulletin.counts, /^反馈问题 16 个，已整改完毕 16 个，建章立制 5 项（另有 5 项待确认/, 'counts above the pages');
  const pages = await bulletin.sheets.count();
  assert.ok(pages >= 10 && pages <= 20, `${pages} pages`);
  const first = await bulletin.sheetText(1);
  assert.ok(first.includes(HEADER), 'page 1 carries the red header');
  assert.ok(squeeze(first).includes('巡察反馈意见集中整改进展情况的通报'), 'page 1 carries the title');
  assert.ok(squeeze(first).includes('指出我单位存在的问题16个。截至6月24日，已整改完毕事项16个，整改建章立制5项。'), 'the opening with the counts');
  // the red header is red, the title centred, the body in 16 pt on a 28.95 pt pitch
  const look = await app.page.evaluate(() => {
    const sheet = document.querySelector('.sheet');
    const style = (sel) => getComputedStyle(sheet.querySelector(sel));
    const box = sheet.getBoundingClientRect();
    return {
      headerColour: style('.red-header').color,
      titleAlign: style('.line.title').textAlign,
      titleSize: style('.line.title').fontSize,
      bodySize: style('.line.body').fontSize,
      pitch: style('.line.body').height,
      width: box.width,
      height: box.height,
    };
  });
  assert.equal(look.headerColour, 'rgb(230, 0, 18)');
  assert.equal(look.titleAlign, 'center');
  assert.ok(Math.abs(parseFloat(look.titleSize) - (22 * 96) / 72) < 0.1, `title size ${look.titleSize}`);
  assert.equal(Math.round(parseFloat(look.bodySize)), Math.round((16 * 96) / 72));
  assert.ok(Math.abs(parseFloat(look.pitch) - (28.95 * 96) / 72) < 0.1, `line pitch ${look.pitch}`);
  assert.ok(Math.abs(look.width - (210 * 96) / 25.4) < 1 && Math.abs(look.height - (297 * 96) / 25.4) < 1, 'an A4 sheet on screen');

  // every line of every sheet stays inside the type area (156 × 225 mm), above the page number
  const overflows = await app.page.evaluate(() =>
    [...document.querySelectorAll('.sheet')].flatMap((sheet, i) => {
      const area = sheet.querySelector('.type-area').getBoundingClientRect();
      const folio = sheet.querySelector('.folio').getBoundingClientRect();
      return [...sheet.querySelectorAll('.type-area > .line')]
        .filter((l) => l.getBoundingClientRect().bottom > Math.min(area.bottom, folio.top) + 0.5)
        .map((l) => `page ${i + 1}: “${l.textContent.slice(0, 12)}” ends ${(l.getBoundingClientRect().bottom - area.bottom).toFixed(0)} px below the type area`);
    }));
  assert.deepEqual(overflows, [], 'no line runs past the type area');

  await app.page.evaluate(() => window.scrollTo(0, 0));
  await app.page.screenshot({ path: join(ARTIFACTS, 'bulletin.png'), fullPage: false });

  // print: Chromium's own PDF of the page, as "打印 / 存为 PDF" makes it
  const pdfFile = join(ARTIFACTS, 'bulletin-sample.pdf');
  const pdf = await app.page.pdf({ preferCSSPageSize: true, printBackground: true });
  await writeFile(pdfFile, pdf);
  const info = execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' });
  const pdfPages = Number(info.match(/^Pages:\s+(\d+)/m)[1]);
  assert.equal(pdfPages, pages, 'one PDF page per sheet');
  assert.match(info, /^Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/m, 'A4 portrait');
  const p1 = pdfPageText(pdfFile, 1);
  assert.ok(squeeze(p1).includes(HEADER), 'PDF page 1 has the header');
  assert.ok(squeeze(p1).includes('巡察反馈意见集中整改进展情况的通报'), 'PDF page 1 has the title');
  assert.match(p1, /—\s*1\s*—/, 'PDF page 1 is numbered');
  assert.doesNotMatch(p1, /整改台账|导出|打印 \/ 存为 PDF/, 'no app chrome in print');
  const p2 = pdfPageText(pdfFile, 2);
  assert.match(p2, /—\s*2\s*—/, 'PDF page 2 is numbered');
  const last = pdfPageText(pdfFile, pdfPages);
  assert.match(last, new RegExp(`—\\s*${pdfPages}\\s*—`), 'the last page is numbered');
  assert.ok(squeeze(last).includes('2022年6月30日'), 'the last page ends with the 成文日期');
  // the signature never stands alone there: the text's last lines share its page (GB/T 9704)
  const lastLines = last.split('\n').map((l) => l.trim()).filter((l) => l && !/^—\s*\d+\s*—$/.test(l));
  assert.ok(lastLines.length >= 4, `the last page holds text before the signature and date: ${JSON.stringify(lastLines)}`);
  // the signature block measured in the PDF (GB/T 9704-2012, 7.3.5.2, no seal): the
  // 发文机关署名 two characters in from the right edge of the type area, the 成文日期 on the next
  // line starting two characters right of the signature's first character
  const bbox = execFileSync('pdftotext', ['-bbox-layout', '-f', String(pdfPages), '-l', String(pdfPages), pdfFile, '-'], { encoding: 'utf8' });
  const lines = [...bbox.matchAll(/<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g)].map(([, x0, x1, words]) => ({
    x0: Number(x0),
    x1: Number(x1),
    text: [...words.matchAll(/>([^<]*)<\/word>/g)].map((w) => w[1]).join(''),
  }));
  const at = lines.findIndex((l) => l.text.includes('2022年6月30日'));
  const [signature, date] = [lines[at - 1], lines[at]];
  const char = (signature.x1 - signature.x0) / [...signature.text].length;
  const typeAreaRight = 595.28 - (26 / 25.4) * 72;
  assert.ok(Math.abs(typeAreaRight - signature.x1 - 2 * char) < 3, `the signature ends two characters in: ${JSON.stringify({ signature, typeAreaRight, char })}`);
  assert.ok(Math.abs(date.x0 - signature.x0 - 2 * char) < 3, `the date starts two characters right of the signature: ${JSON.stringify({ signature, date, char })}`);
  await writeFile(join(ARTIFACTS, 'bulletin-sample.pages.txt'), `${pdfPages}\n`);
}));

test('the bulletin follows the ledger: a reopened problem, a confirmed rule, the counting basis', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { start, checklist, header, rules } = app;
  const bulletin = new BulletinPage(app.page, header);
  await start.openExample();
  await expectCount(checklist.problemToggles, 20, 'the example');

  const editor = await checklist.problem(2).open();
  await editor.setStatus('整改中');
  await editor.set('整改时限', '2022-09-30');
  await editor.collapse();

  await bulletin.open();
  await expectText(bulletin.counts, /^反馈问题 16 个，已整改完毕 15 个，建章立制 5 项/, 'one category reopened');
  const text = squeeze(await bulletin.preview.innerText());
  assert.ok(text.includes('已整改完毕事项15个'), 'the opening counts 15');
  assert.ok(text.includes('整改情况：整改中，整改时限为9月30日。由工业园纪委约谈'), 'problem 2 says honestly that it is open');

  await bulletin.basisSelect.selectOption({ label: '按具体问题计数' });
  await expectText(bulletin.counts, /^具体问题 20 个，已整改完毕 19 个/, 'counted by problem');
  await until(async () => squeeze(await bulletin.preview.innerText()).includes('存在的问题20个'), 'the opening to count problems');

  await rules.open();
  const titles = await rules.titles();
  const plan = titles.findIndex((t) => t.endsWith('整改工作方案'));
  assert.ok(plan >= 0, 'the 整改工作方案 is listed');
  await expectText(rules.row(plan), /待确认/, 'a work plan waits for confirmation');
  await rules.row(plan).getByRole('button', { name: /^确认《/ }).click();
  await expectText(rules.row(plan), /已确认/, 'confirmed');

  await bulletin.open();
  await expectText(bulletin.counts, /建章立制 6 项（另有 4 项待确认/, 'the confirmed rule counts');
  await bulletin.field('统计截至日期').fill('2022-07-15');
  await bulletin.field('统计截至日期').press('Tab');
  await until(async () => squeeze(await bulletin.preview.innerText()).includes('截至7月15日'), 'the new as-of date in the opening');

  // the counts survive a reload: they are the ledger's, not the view's
  await app.waitForSave();
  await app.reload();
  await bulletin.open();
  await expectText(bulletin.counts, /^具体问题 20 个，已整改完毕 19 个，建章立制 6 项/, 'after reload');
}));

test('pasted text with page-break noise imports; junk is kept and reported; a wrong file is refused in Chinese', scenario(env, async ({ laptop, tmpFile }) => {
  const app = await laptop();
  const importer = new BulletinImportPage(app.page);
  const sample = await readFile(SAMPLE, 'utf8');
  // what a paste from a PDF viewer looks like: CRLF, half-width marks, a stray line
  const noisy = sample
    .replace(/\n/g, '\r\n')
    .replace(/（([一二三四五六七八九十]+)）/g, '($1)')
    .replace(/原因分析：/g, '原因分析:')
    .replace('三、转作风抓落实', '第 7 页 共 12 页\r\n\r\n三、转作风抓落实');
  await importer.open();
  await importer.paste(noisy);
  await expectText(importer.result, /反馈问题（类别）16 个，具体问题 20 个/, 'the noisy text is recognised');
  // each new text replaces what the last one gave: junk leaves nothing to create, the
  // bulletin pasted again is read again
  await importer.paste('这不是通报');
  await expectText(importer.alert, /\S/, 'a message for the junk');
  assert.equal(await importer.createButton.isDisabled(), true, 'junk cannot be created');
  await importer.paste(noisy);
  await expectText(importer.result, /反馈问题（类别）16 个，具体问题 20 个/, 'the bulletin is read again');
  await until(async () => !(await importer.createButton.isDisabled()), '创建台账 for the text as it is now');
  await importer.createButton.click();
  await expectCount(app.checklist.problemToggles, 20, 'problems of the pasted ledger');

  // a .rectify file or a binary is not a bulletin text: a message, and nothing is created
  await app.ledgers.open();
  const before = await app.ledgers.names();
  await importer.open();
  const binary = await tmpFile('通报.txt', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff, 0xfe, 0, 0]));
  await importer.fileInput.setInputFiles(binary);
  await app.notices.errorText(/无法读取/);
  assert.equal(await importer.createButton.isDisabled(), true, 'nothing to create');
  await importer.paste('<script>alert(1)</script> 这不是通报');
  await expectText(importer.alert, /\S/, 'a message for text that is not a bulletin');
  assert.equal(await importer.createButton.isDisabled(), true);
  await app.ledgers.open();
  assert.deepEqual(await app.ledgers.names(), before, 'no ledger was created');
}));

test('figures the text states that the ledger counts otherwise: said until chosen; 保留原文统计 is kept over a reload', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const importer = new BulletinImportPage(app.page);
  const bulletin = new BulletinPage(app.page, app.header);
  // the text says 2 done where its own problems say 4
  const text = (await readFile(join(FIXTURES, 'bulletins', 'corpus', '01-xuncha-three-levels.txt'), 'utf8'))
    .replace('已完成整改4个', '已完成整改2个');
  await importer.open();
  await importer.paste(text);
  await expectText(importer.result, /具体问题 5 个/, 'the text read');
  await until(async () => !(await importer.createButton.isDisabled()), '创建台账');
  await importer.createButton.click();
  await expectCount(app.checklist.problemToggles, 5, 'the ledger made');

  await bulletin.open();
  await expectText(bulletin.figuresDiffer, /已完成/, 'the difference is said');
  await bulletin.statedFiguresSelect.selectOption({ label: '保留原文统计' });
  await expectVisible(bulletin.figuresDiffer, false, 'said no more once chosen');
  await expectCount(bulletin.statedKept.filter({ hasText: '已完成整改2个' }), 1, 'the sentence kept whole, marked 原文统计');
  assert.ok(squeeze(await bulletin.preview.innerText()).includes('已完成整改2个，正在整改1个'), 'the bulletin prints the stated figures whole');

  await app.waitForSave();
  await app.reload();
  await bulletin.open();
  await until(async () => (await bulletin.statedFiguresSelect.inputValue()) === 'keep', 'the choice kept over a reload');
  await expectVisible(bulletin.figuresDiffer, false, 'still chosen after the reload');
  await expectCount(bulletin.statedKept.filter({ hasText: '已完成整改2个' }), 1, 'still kept whole');
}));

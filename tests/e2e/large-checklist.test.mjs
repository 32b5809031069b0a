// A checklist longer than a screen: the first rows are drawn at once and the rest follow, so
// every row can be reached, opened, edited and revealed from 进度; text typed into a problem
// shows at once in a search, in its row and in 通报, before the ledger is read again.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { scenario, useBrowser } from './support/harness.mjs';
import { BulletinImportPage, BulletinPage } from './support/bulletin-pages.mjs';
import { ProgressPage } from './support/progress-page.mjs';
import { expectCount, expectText, until } from './support/until.mjs';

const env = useBrowser();
const CATEGORIES = 3;
const PER_CATEGORY = 50;
const TOTAL = CATEGORIES * PER_CATEGORY;
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A bulletin in the sample's shape with `CATEGORIES` × `PER_CATEGORY` problems. */
function bulletinText() {
  const lines = ['中共测试委员会文件', '', '中共测试委员会关于巡察反馈意见整改进展情况的通报', ''];
  lines.push('二、强化政治担当，狠抓整改落实', '');
  let n = 0;
  for (let c = 0; c < CATEGORIES; c++) {
    lines.push(`（${NUMERALS[c]}）针对第${c + 1}类事项落实不到位的问题。`, '');
    for (let p = 0; p < PER_CATEGORY; p++) {
      n += 1;
      lines.push(`${n}.第${n}项问题：制度执行不严格，台账记录不完整。`, '');
      lines.push(`原因分析：第${n}项问题的原因是思想认识不到位。`, '');
      lines.push(`整改情况：正在整改。第${n}项问题已制定整改措施，逐项推进。`, '');
    }
  }
  return lines.join('\n');
}

/** Whether the element is on screen (inside the window's height). */
const onScreen = (locator) =>
  locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  });

test('a 150-problem ledger: every row is drawn and reachable; typed text shows at once in a search, its row and 通报', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { checklist, header } = app;
  const importer = new BulletinImportPage(app.page);
  await importer.open();
  await importer.paste(bulletinText());
  await expectText(importer.result, new RegExp(`具体问题 ${TOTAL} 个`), 'what was recognised');
  await importer.createButton.click();

  // the first rows come at once, the rest follow: all of them, numbered in order
  await expectCount(checklist.problemToggles, TOTAL, 'every problem drawn');
  const numbers = (await checklist.problemTitles()).map((t) => Number(t.match(/^(\d+)\./)?.[1]));
  assert.deepEqual(numbers, Array.from({ length: TOTAL }, (_, i) => i + 1), `problems numbered 1..${TOTAL} in order`);

  // the last problem: opened (scrolled to as a click does) and typed into
  const last = checklist.problem(TOTAL);
  let editor = await last.open();
  await editor.write('整改措施', '建立月度核查机制（末项）');
  // each text sits in a form of its own: on every keystroke Chrome's autofill reads the form of
  // the field typed in, and outside any form that is every button of the checklist
  for (const label of ['问题表现', '原因分析', '整改措施', '整改情况', '佐证材料']) {
    const alone = await editor.field(label).evaluate((el) => el.form?.elements.length === 1);
    assert.equal(alone, true, `${label} alone in a form of its own`);
  }
  const ownForm = await editor.field('责任人').evaluate((el) =>
    el.form != null && [...el.form.elements].every((e) => e.closest('[role=group]') === el.closest('[role=group]')));
  assert.equal(ownForm, true, "责任人 in a form of the editor's own fields");
  // … which Enter does not submit: the page, the open editor and the value stay
  await editor.field('责任人').fill('王五');
  await editor.field('责任人').press('Enter');
  await app.page.waitForTimeout(300);
  assert.equal(await editor.field('责任人').inputValue(), '王五', 'Enter in 责任人 keeps the page');
  // a search finds the text typed a moment ago …
  await checklist.search.fill('月度核查机制');
  await expectText(checklist.counts, new RegExp(`^显示 1 个问题（共 ${TOTAL} 个）`), 'the search finds the typed text');
  // Enter in the search box keeps the page and the search (the filters are a form, below)
  await checklist.search.press('Enter');
  await app.page.waitForTimeout(300);
  assert.equal(await checklist.search.inputValue(), '月度核查机制', 'the search kept after Enter');
  await expectText(checklist.counts, new RegExp(`^显示 1 个问题（共 ${TOTAL} 个）`), 'still one problem after Enter');
  const searchAlone = await checklist.search.evaluate((el) => el.form?.elements.length);
  assert.equal(searchAlone, 5, 'the search and the four filters (销号 among them) in a form of their own');
  assert.deepEqual(await checklist.problemTitles(), [`${TOTAL}.第${TOTAL}项问题：制度执行不严格，台账记录不完整。`]);
  // … and follows further typing: with the words gone, the problem no longer matches
  await editor.write('整改措施', '建立季度核查机制（末项）');
  await expectText(checklist.counts, new RegExp(`^显示 0 个问题（共 ${TOTAL} 个）`), 'the search follows the typing');
  await checklist.search.fill('');
  await expectCount(checklist.problemToggles, TOTAL, 'every problem shown again');

  // a description typed shows in its row, and in 通报 opened straight after
  editor = await last.open();
  await editor.write('问题表现', '末项问题：核查记录缺失');
  await until(async () => /末项问题：核查记录缺失/.test(await last.summary()), 'the row to show the new description');
  const bulletin = new BulletinPage(app.page, header);
  await bulletin.open();
  await until(async () => (await bulletin.preview.innerText()).replace(/\s+/g, '').includes('末项问题：核查记录缺失'), 'the bulletin to show it');

  // 进度's red row for problem 140 reveals it in a checklist that is drawn again from the top
  await header.show('台账');
  editor = await checklist.problem(140).open();
  await editor.set('整改时限', '2020-01-31');
  await editor.setStatus('整改中');
  await editor.collapse();
  await app.page.evaluate(() => window.scrollTo(0, 0));
  const progress = new ProgressPage(app.page, header);
  await progress.open();
  await expectCount(progress.warningRows, 1, 'one red row');
  await progress.openWarning(/^第140项问题/);
  const row = checklist.problem(140);
  await until(async () => (await row.toggle.getAttribute('aria-expanded')) === 'true', 'problem 140 to be open');
  await until(async () => row.toggle.evaluate((b) => b === document.activeElement), 'focus on problem 140');
  assert.equal(await onScreen(row.toggle), true, 'problem 140 scrolled into view');

  // everything typed is kept across a reload
  await app.waitForSave();
  await app.page.reload();
  await expectCount(checklist.problemToggles, TOTAL, 'every problem after the reload');
  editor = await checklist.problem(TOTAL).open();
  assert.equal(await editor.field('整改措施').inputValue(), '建立季度核查机制（末项）');
  assert.equal(await editor.field('问题表现').inputValue(), '末项问题：核查记录缺失');
}));

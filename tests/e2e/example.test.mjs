// 打开示例台账: the example ledger (a 2022 inspection follow-up bulletin) opens with its
// 16 categories and 20 numbered problems, all 长期坚持.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { ARTIFACTS, scenario, useBrowser } from './support/harness.mjs';
import { BulletinPage } from './support/bulletin-pages.mjs';
import { expectCount, expectText, expectValue, until } from './support/until.mjs';

const env = useBrowser();

const CHINESE = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六'];

test('打开示例台账 shows 16 categories and 20 problems numbered 1..20, all 长期坚持', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { start, checklist, header, notices } = app;

  await start.openExample();
  await notices.infoText(/已打开示例台账/);
  await expectText(checklist.title, /\S/, 'the ledger title');
  const title = await checklist.title.innerText();
  assert.equal(await header.currentLedger(), title.trim(), '当前台账 names the open example');

  await expectCount(checklist.categories, 16, 'category sections');
  const headings = await checklist.categoryHeadings();
  assert.deepEqual(
    headings.map((h) => h.match(/^（(.+?)）/)?.[1]),
    CHINESE,
    'categories numbered （一）…（十六）',
  );
  assert.equal(headings[0], '（一）针对党委和行政班子会议仍然混合召开的问题');
  assert.equal(headings[15], '（十六）针对饭堂支出无发票入账的问题');

  await expectCount(checklist.problemToggles, 20, 'numbered problems');
  const titles = await checklist.problemTitles();
  assert.deepEqual(
    titles.map((t) => Number(t.match(/^(\d+)\./)?.[1])),
    Array.from({ length: 20 }, (_, i) => i + 1),
    'problems numbered 1..20 in order',
  );
  assert.match(titles[0], /^1\.工业园党委领导核心弱化/);
  assert.match(titles[19], /^20\.2021年8月22日至26日凭证支出/);
  // numbering runs on across categories: the second category holds problems 2 and 3
  const second = checklist.category('针对党的组织生活依旧流于形式的问题');
  await expectCount(second.problemToggles, 2, 'problems in the second category');
  assert.deepEqual(
    (await second.problemToggles.allInnerTexts()).map((t) => t.match(/^\s*(\d+)\./)?.[1]),
    ['2', '3'],
  );

  await expectText(
    checklist.counts,
    '显示 20 个问题（共 20 个）：未启动 0，整改中 0，已完成 0，长期坚持 20；红灯 0，黄灯 0，绿灯 20',
    'counts line',
  );
  // (textContent: rows out of view are not laid out, so they have no innerText until scrolled to)
  const badges = await Promise.all(Array.from({ length: 20 }, (_, i) => checklist.problem(i + 1).status.textContent()));
  assert.deepEqual([...new Set(badges.map((b) => b.trim()))], ['长期坚持'], 'every status badge');

  const editor = await checklist.problem(1).open();
  await expectValue(editor.field('问题表现'), /^工业园党委领导核心弱化，长期以班子会议代替党委会议讨论重大决策事项。$/, '问题表现 of problem 1');
  await expectValue(editor.field('原因分析'), /^一是工业园党委议事规则/, '原因分析 of problem 1');
  await expectValue(editor.select('整改状态'), 'ongoing', '整改状态 of problem 1');
  await editor.collapse();

  await app.page.evaluate(() => window.scrollTo(0, 0));
  await app.page.screenshot({ path: join(ARTIFACTS, 'example.png'), fullPage: true });
}));

test('the example survives a reload and lists its rules under 建章立制', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { start, checklist, rules } = app;
  await start.openExample();
  await expectCount(checklist.problemToggles, 20, 'numbered problems');
  await app.waitForSave();
  await app.reload();
  await expectCount(checklist.categories, 16, 'category sections after reload');
  await expectCount(checklist.problemToggles, 20, 'numbered problems after reload');
  await expectText(checklist.counts, /^显示 20 个问题（共 20 个）/, 'counts after reload');

  await rules.open();
  await expectCount(rules.rows, 10, 'rules of the example');
  const titles = await rules.titles();
  const i = titles.indexOf('中共广州花都（清新）产业转移工业园委员会议事规则');
  assert.ok(i >= 0, `the 议事规则 among the rules: ${titles.join(' / ')}`);
  await expectText(rules.row(i).getByRole('cell').nth(4), '问题 1、17', 'problems the 议事规则 answers');
  await expectValue(rules.row(i).getByLabel(/^第\d+项的类型$/), 'revised', 'the 议事规则 is 修订');
}));

test('on a phone-sized window a problem keeps its text and opens, and the views keep their names on one line', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  await app.page.setViewportSize({ width: 390, height: 800 });
  await app.start.openExample();
  await expectCount(app.checklist.problemToggles, 20, 'problems of the example');
  // the problem's text has the row's width (it had none: the status and people took it all)
  const toggle = app.checklist.problemToggles.first();
  const box = await toggle.boundingBox();
  assert.ok(box && box.width > 250, `problem 1's text is ${box?.width} px wide`);
  const editor = await app.checklist.problem(1).open();
  await expectValue(editor.field('问题表现'), /领导核心弱化/, 'problem 1 opens');
  // each view's name stays on one line (they stacked a character a line), and the page does
  // not scroll sideways
  const tabs = app.page.getByRole('tablist').getByRole('tab');
  const heights = await tabs.evaluateAll((all) => all.map((t) => t.getBoundingClientRect().height));
  assert.ok(heights.length >= 8 && new Set(heights.map(Math.round)).size === 1, `tab heights ${heights}`);
  assert.ok(heights[0] < 48, `a tab is one line high: ${heights[0]} px`);
  // the top bar scrolls away with the page, leaving the window to the checklist
  await app.page.mouse.wheel(0, 1500);
  await until(async () => {
    const covered = await app.page.getByRole('banner').evaluate((bar) => Math.max(0, bar.getBoundingClientRect().bottom));
    assert.ok(covered < 800 / 4, `the top bar covers ${covered} px after scrolling`);
  }, 'the top bar to scroll away');
  // 通报's A4 pages are shown whole, scaled to the window; printed they keep their size
  const bulletin = new BulletinPage(app.page, app.header);
  await bulletin.open();
  const sheet = bulletin.sheet(1);
  await sheet.waitFor();
  const shown = await sheet.evaluate((el) => el.getBoundingClientRect().width);
  assert.ok(shown > 300 && shown <= 390, `an A4 page is ${shown} px wide in a 390 px window`);
  await app.page.emulateMedia({ media: 'print' });
  const printed = await sheet.evaluate((el) => el.getBoundingClientRect().width);
  await app.page.emulateMedia({ media: 'screen' });
  assert.ok(Math.abs(printed - 793.7) < 1, `a printed A4 page is ${printed} px (210 mm) wide`);
  // nor on any view: the tables (建章立制, 修改记录, 台账管理) scroll sideways inside their view
  for (const name of await tabs.allInnerTexts()) {
    await app.page.getByRole('tablist').getByRole('tab', { name: name.trim(), exact: true }).click();
    await until(async () => {
      const [scrollWidth, width] = await app.page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
      assert.equal(scrollWidth, width, `${name.trim()}: nothing sticks out sideways`);
    }, `${name.trim()} within the window`);
  }
}));

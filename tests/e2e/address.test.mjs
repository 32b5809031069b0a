// The address: the view, the open ledger and problem, and the checklist's filters are in the
// part of the URL after #, so a reload keeps them, the browser's back and forward move
// between views, and a link opens what it names (or says clearly why it cannot).

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { scenario, useBrowser } from './support/harness.mjs';
import { expectCount, expectText, expectValue, until } from './support/until.mjs';

const env = useBrowser();

/** The tab selected in the header. */
async function selectedTab(app) {
  const tab = app.header.banner.getByRole('tab', { selected: true });
  return (await tab.textContent({ timeout: 5000 })).trim();
}

const expectTab = (app, name, what) =>
  until(async () => (await selectedTab(app)) === name, `${what}: ${name} selected`);

/** Open `url` in `app`'s page as a new page load (not a same-page hash change). */
async function load(app, url) {
  await app.page.goto('about:blank');
  await app.page.goto(url);
  await app.ready();
}

test('a reload keeps the view, the filters and the open problem; back and forward move between views', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { checklist, header, page } = app;
  await app.start.openExample();
  await expectCount(checklist.problemToggles, 20, 'the example');
  await app.waitForSave();

  await header.show('进度');
  await app.reload();
  await expectTab(app, '进度', 'after a reload');

  await header.show('台账');
  await checklist.filter({ status: '长期坚持', text: '会议' });
  const shown = await checklist.countsText();
  await (await checklist.problem(3).open()).group.waitFor();
  await until(async () => /p=3/.test(page.url()), `the open problem in the address: ${page.url()}`);
  await app.reload();
  await expectTab(app, '台账', 'after a reload');
  await expectValue(checklist.search, '会议', 'the search kept');
  assert.equal(await checklist.statusFilter.inputValue(), 'ongoing', 'the status filter kept');
  await expectText(checklist.counts, shown, 'the same problems shown');
  await until(async () => (await checklist.problem(3).toggle.getAttribute('aria-expanded')) === 'true', 'problem 3 open again');

  await header.show('通报');
  await header.show('周报告');
  await page.goBack();
  await expectTab(app, '通报', 'back');
  await page.goBack();
  await expectTab(app, '台账', 'back again');
  await expectValue(checklist.search, '会议', 'the filter as it was');
  await page.goForward();
  await expectTab(app, '通报', 'forward');
  assert.match(page.url(), /^http:\/\/127\.0\.0\.1:\d+\/.*#\/bulletin\?l=/, 'still the app');
}));

test('a link opens the view and problem it names; a ledger or problem that is not here is said clearly', scenario(env, async ({ laptop }) => {
  const app = await laptop('mine');
  await app.start.openExample();
  await app.waitForSave();
  await app.header.show('周报告');
  const report = app.page.url();
  assert.match(report, /#\/report\?l=[0-9a-f-]{36}$/, `the 周报告 address: ${report}`);
  const id = report.match(/l=([0-9a-f-]+)/)[1];

  // another tab of this browser: the link opens that view, then a problem with a filter
  const other = await app.newTab('mine-2');
  await load(other, report);
  await expectTab(other, '周报告', 'the link to 周报告');
  await load(other, `${app.url}#/checklist?l=${id}&p=5&light=green`);
  await expectTab(other, '台账', 'the link to 第5项');
  assert.equal(await other.checklist.lightFilter.inputValue(), 'green', 'the light filter from the link');
  await until(async () => (await other.checklist.problem(5).toggle.getAttribute('aria-expanded')) === 'true', 'problem 5 open');
  // the address edited by hand: no reload, the page follows
  await other.page.evaluate(() => { location.hash = '#/progress'; });
  await expectTab(other, '进度', 'an edited address');

  // a problem number the ledger does not have
  await load(other, `${app.url}#/checklist?l=${id}&p=99`);
  const missing = await other.notices.errorText(/第99项/);
  assert.match(missing, /^链接中的第99项不存在：这个台账共有20项问题。/, missing);

  // nonsense after the # is the default view, not an error
  await load(other, `${app.url}#/%E0%A4%zz/?p=-1&status=%%%`);
  await expectTab(other, '台账', 'a nonsense address');
  await expectCount(other.checklist.problemToggles, 20, 'every problem shown');

  // a colleague's browser, which has no such ledger
  const colleague = await laptop('colleague');
  await load(colleague, report);
  const said = await colleague.notices.errorText(/不在这个浏览器中/);
  assert.match(said, /^链接指向的台账（编号 [0-9a-f]{8}…）不在这个浏览器中。请向发链接的同事要这个台账的文件（\.rectify），点“导入”后再打开链接。/, said);
  await expectTab(colleague, '台账管理', 'the ledgers here');
  // a link without a ledger opens its view in a fresh browser too
  await load(colleague, `${app.url}#/help`);
  await expectTab(colleague, '帮助', 'the link to 帮助');
}));

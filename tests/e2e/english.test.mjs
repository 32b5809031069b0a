// English, everywhere: with the UI switched to English, every view and dialog, and the error
// paths the other tests cover (a bad ledger file, a wrong Excel file, full storage, the
// warnings of a bulletin import), show no Chinese character and no full-width punctuation in
// the page's own words. The ledger typed here is English, so any Chinese left on the page is
// a UI word; what is Chinese by design is left out of the scan: the bulletin preview and the
// weekly report (official documents), the history's change messages (written into the
// ledger), and content quoted in a message (“…”: a file's name, a cell, a bulletin's text).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { FIXTURES, fillStorage, scenario, useBrowser } from './support/harness.mjs';
import { expectCount, until } from './support/until.mjs';

const env = useBrowser();

/** Han characters, CJK punctuation (、。《》「」…) and the full-width forms (，：（）…). */
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** Where Chinese is content, not the UI's words. */
const CONTENT = [
  '.sheets', // the bulletin as it prints
  '.report-text', // the weekly report's text
  '.history-table td:nth-child(3)', // a change's message, as written into the ledger
  '.xlsx-columns td:nth-child(2)', // a workbook's headers as written
  '.xlsx-problems tbody', // the problems read from a workbook
  '.outline .quoted', // the outline of a bulletin text: its own headings and passages
  '[lang="zh-CN"]', // the language switch's 中文, which names itself
].join(', ');

/**
 * The visible text of the page's own words, one entry per text node (and the placeholders of
 * empty fields, the options of selects), without the content above and without what is
 * quoted in “…”. A passage the bulletin reader kept (`.leftovers li`'s own text) is content;
 * where it was kept (`.kept-in`) is not.
 */
const uiTexts = (page) =>
  page.evaluate((content) => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(content) || parent.closest('script, style, template')) continue;
      if (parent.matches('.leftovers li')) continue;
      const inSelect = parent.closest('select');
      if (!inSelect && !parent.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      if (inSelect && !inSelect.checkVisibility()) continue;
      const text = node.textContent.trim();
      if (text) out.push(text);
    }
    for (const field of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
      if (!field.value && field.checkVisibility()) out.push(field.placeholder);
    }
    return out;
  }, CONTENT);

/** Text without what it quotes in “…” (quotes may nest: content quoting content). */
const unquoted = (text) => {
  for (let before = null; before !== text; ) {
    before = text;
    text = text.replace(/“[^“”]*”/g, '<q>');
  }
  return text;
};

/** Fail when a word of the page's UI is Chinese. */
async function expectEnglish(page, where) {
  const texts = await uiTexts(page);
  assert.ok(texts.length > 0, `${where}: some text is shown`);
  const chinese = texts.filter((t) => CJK.test(unquoted(t)));
  assert.deepEqual(chinese, [], `${where}: Chinese in the English UI`);
}


const removeJunk = (page) =>
  page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('junk:')) localStorage.removeItem(k);
  });

/** Before the app: IndexedDB refused, so a full localStorage ends in the Not saved alert
 * (with IndexedDB there, the ledger would move there instead: storage-faults.test.mjs). */
function indexedDbBlocked() {
  Object.defineProperty(window, 'indexedDB', {
    configurable: true,
    get() {
      throw new DOMException('Access is denied for this document.', 'SecurityError');
    },
  });
}

test('the English UI shows no Chinese in any view, dialog, error or import warning', scenario(env, async ({ laptop, tmpFile }) => {
  const app = await laptop('en', { initScript: indexedDbBlocked });
  const { page } = app;
  const banner = page.getByRole('banner');
  const importFile = (f) => banner.getByLabel('Import a ledger file', { exact: true }).setInputFiles(f);
  const main = page.getByRole('main');
  const closeButton = page.getByRole('button', { name: 'Close the message', exact: true });
  const errorNotice = page.getByRole('alert').filter({ has: closeButton });
  const closeNotice = async () => {
    if (await closeButton.count()) await closeButton.click();
    await until(async () => (await closeButton.count()) === 0, 'the notice to close');
  };
  const show = async (tab) => {
    await banner.getByRole('tab', { name: tab, exact: true }).click();
    await until(async () => (await banner.getByRole('tab', { name: tab, exact: true }).getAttribute('aria-selected')) === 'true', `the tab ${tab}`);
  };

  await banner.getByRole('button', { name: 'English', exact: true }).click();
  await until(async () => (await page.evaluate(() => document.documentElement.lang)) === 'en', '<html lang> to be en');
  await expectEnglish(page, 'the start screen');

  // an English ledger: whatever Chinese shows from here on is the UI's
  await main.getByLabel("New ledger's name", { exact: true }).fill('Audit follow-up');
  await main.getByRole('button', { name: 'New ledger', exact: true }).click();
  await banner.getByLabel('My name', { exact: true }).fill('Alice');
  await banner.getByLabel('My name', { exact: true }).press('Tab');
  await closeNotice();
  await main.getByLabel('New category name', { exact: true }).fill('Meetings');
  await main.getByRole('button', { name: 'Add category', exact: true }).click();
  await main.getByRole('button', { name: 'Add problem', exact: true }).first().click();
  const editor = main.getByRole('group', { name: 'Problem details', exact: true });
  await editor.getByLabel('Problem', { exact: true }).fill('Minutes are not kept');
  await editor.getByLabel('Owner', { exact: true }).fill('Bob');
  await editor.getByLabel('Owner', { exact: true }).press('Tab');
  await editor.getByLabel('Deadline', { exact: true }).fill('2020-01-31');
  await editor.getByLabel('Deadline', { exact: true }).press('Tab');
  await expectEnglish(page, 'the checklist with a problem open');

  // every view (修改记录: the test below)
  for (const tab of ['Progress', 'Rules', 'Bulletin', 'Ledger info', 'Weekly report', 'Ledgers', 'Checklist']) {
    await show(tab);
    await expectEnglish(page, `the view ${tab}`);
  }
  // a value a field refuses: the refusal
  await show('Ledger info');
  await main.getByLabel('Days of yellow warning', { exact: true }).fill('999');
  await main.getByLabel('Days of yellow warning', { exact: true }).press('Tab');
  await until(async () => (await errorNotice.count()) > 0, 'the refusal of 999 days');
  await expectEnglish(page, 'a refused value');
  await closeNotice();

  // the import dialog: this ledger's file, imported while another ledger is open
  const [exported] = await Promise.all([
    page.waitForEvent('download', { timeout: 15000 }),
    banner.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const bytes = await readFile(await exported.path());
  const file = await tmpFile('audit.rectify', bytes);
  await expectEnglish(page, 'the notice after an export');
  await closeNotice();
  await show('Ledgers');
  await main.getByLabel("New ledger's name", { exact: true }).fill('Second ledger');
  await main.getByRole('button', { name: 'New ledger', exact: true }).click();
  await closeNotice();
  await importFile(file);
  const dialog = page.getByRole('dialog', { name: 'Import another ledger', exact: true });
  await expectCount(dialog, 1, 'the import dialog');
  await expectEnglish(page, 'the import dialog');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expectEnglish(page, 'the import cancelled');
  await closeNotice();
  await banner.getByLabel(/^\s*Current ledger/).selectOption({ label: 'Audit follow-up' });

  // bad ledger files (bad-files.test.mjs): random bytes, an empty file, a cut file, a crafted one
  const cases = [
    ['random.rectify', randomBytes(4096)],
    ['empty.rectify', Buffer.alloc(0)],
    ['half.rectify', bytes.subarray(0, Math.floor(bytes.length / 2))],
    ['crafted.rectify', await readFile(join(FIXTURES, 'crafted-automerge-panic.rectify'))],
  ];
  for (const [name, content] of cases) {
    await importFile(await tmpFile(name, content));
    await until(async () => (await errorNotice.count()) > 0, `the refusal of ${name}`, { timeout: 60000 });
    await expectEnglish(page, `the refusal of ${name}`);
    await closeNotice();
  }

  // a wrong Excel file, and a picture named .xlsx (xlsx.test.mjs)
  await show('Ledgers');
  const pickXlsx = (f) => main.getByLabel('Import from Excel', { exact: true }).setInputFiles(f);
  for (const f of [
    await tmpFile('wrong.xlsx', randomBytes(256)),
    { name: 'picture.xlsx', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') },
    { name: 'empty.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.alloc(0) },
  ]) {
    await pickXlsx(f);
    await until(async () => (await errorNotice.count()) > 0, 'the Excel refusal', { timeout: 60000 });
    await expectEnglish(page, `the Excel refusal of ${f.name ?? f}`);
    await closeNotice();
  }

  // an Excel workbook this app exported: its preview
  await show('Ledgers');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60000 }),
    main.getByRole('button', { name: 'Export Excel', exact: true }).click(),
  ]);
  const workbook = await tmpFile('audit.xlsx', await readFile(await download.path()));
  await closeNotice();
  await pickXlsx(workbook);
  await until(async () => (await main.locator('.xlsx-import').count()) > 0, 'the Excel preview', { timeout: 60000 });
  await expectEnglish(page, 'the Excel preview');
  await main.getByRole('button', { name: 'Back', exact: true }).first().click().catch(() => {});

  // 从通报导入 with numbering that skips: its warnings and the passages it kept
  const sample = await readFile(join(FIXTURES, 'bulletin-2022-06-30.txt'), 'utf8');
  const skipping = sample.replace(/^2\./m, '4.');
  await show('Ledgers');
  await main.getByRole('button', { name: 'Import from a bulletin', exact: true }).click();
  await main.getByLabel('Bulletin text', { exact: true }).fill(skipping);
  await until(async () => (await main.locator('.recognised .warnings li').count()) > 0, 'the warnings of the bulletin import', { timeout: 60000 });
  await expectEnglish(page, 'the bulletin import preview with warnings');
  await main.getByLabel('Bulletin text', { exact: true }).fill('nothing like a bulletin');
  await until(async () => (await main.getByRole('alert').count()) > 0, 'the refusal of a text', { timeout: 60000 });
  await expectEnglish(page, 'the refusal of a text that is not a bulletin');
  await main.getByRole('button', { name: 'Back', exact: true }).click();

  // full storage (storage.test.mjs): the 未保存 alert
  await show('Checklist');
  assert.ok((await fillStorage(page)).full, 'localStorage filled');
  await main.getByRole('button', { name: /^\s*1\./ }).first().click().catch(() => {});
  const owner = main.getByRole('group', { name: 'Problem details', exact: true }).getByLabel('Owner', { exact: true });
  await owner.fill('Carol');
  await owner.press('Tab');
  await expectCount(page.getByRole('alert').filter({ hasText: /Not saved:/ }), 1, 'the Not saved alert');
  await expectEnglish(page, 'the Not saved alert');
  await removeJunk(page);
  await expectCount(page.getByRole('dialog'), 0, 'no dialog left open');
}));

// 修改记录: places (No. 1 · Owner), what each change did and unsigned authors are typed by the
// core (document/naming.rs, change_note.rs) and said by src/i18n/history.rs.
test('the History view shows no Chinese in the English UI', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { page } = app;
  const banner = page.getByRole('banner');
  const main = page.getByRole('main');
  await banner.getByRole('button', { name: 'English', exact: true }).click();
  await until(async () => (await page.evaluate(() => document.documentElement.lang)) === 'en', '<html lang> to be en');
  await main.getByLabel("New ledger's name", { exact: true }).fill('Audit follow-up');
  await main.getByRole('button', { name: 'New ledger', exact: true }).click();
  await main.getByLabel('New category name', { exact: true }).fill('Meetings');
  await main.getByRole('button', { name: 'Add category', exact: true }).click();
  await banner.getByRole('tab', { name: 'History', exact: true }).click();
  await until(async () => (await main.locator('.history-table tbody tr').count()) > 0, 'the history rows');
  await expectEnglish(page, 'the view History');
}));

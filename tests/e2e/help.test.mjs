// 帮助 / Help: the user guide inside the app, before any ledger exists and with one open,
// in both languages; it is the same docs/guide.md the repository holds.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { ROOT } from './support/server.mjs';
import { scenario, useBrowser } from './support/harness.mjs';
import { expectCount } from './support/until.mjs';

const env = useBrowser();

/** The guide's `## ` headings, as written in docs/guide.md. */
async function guideSections() {
  const text = await readFile(join(ROOT, 'docs', 'guide.md'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.startsWith('## '))
    .map((l) => l.slice(3).trim());
}

test('a new user opens 帮助 and reads the guide; it stays there with a ledger open and in English', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { page, header, start } = app;
  const sections = await guideSections();
  assert.ok(sections.length >= 8, `the guide has its sections: ${sections}`);

  // before any ledger: the tab is there, and every section of the guide is shown
  await header.show('帮助');
  const main = page.getByRole('main');
  const guide = main.getByRole('region', { name: '帮助' });
  await guide.getByRole('heading', { name: '整改台账 使用说明', level: 2 }).waitFor();
  for (const name of sections) {
    await guide.getByRole('heading', { name, exact: true, level: 3 }).waitFor();
  }
  // bold runs are drawn as bold, not as asterisks
  assert.ok((await guide.locator('strong').count()) > 5, 'bold runs');
  assert.equal((await guide.innerText()).includes('**'), false, 'no Markdown markers shown');

  // with a ledger open, 帮助 is one of the views
  await header.show('台账管理');
  await start.openExample();
  await header.show('帮助');
  await guide.getByRole('heading', { name: sections[0], exact: true, level: 3 }).waitFor();

  // in English the tab and its note are English; the guide itself is Chinese
  await header.banner.getByRole('button', { name: 'English', exact: true }).click();
  await header.show('Help');
  const helpEn = main.getByRole('region', { name: 'Help' });
  await expectCount(helpEn.getByRole('heading', { name: sections[0], exact: true, level: 3 }), 1, 'the guide in English mode');
  assert.match(await helpEn.locator('.hint').innerText(), /written in Chinese/);
}));

// 从通报导入 of a text in another shape than the sample (three numbering levels under the
// sections): the preview shows the outline it inferred, the count check, each problem's status
// with the sentence it was read from; a person changes a level's role and the outline follows.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { FIXTURES, scenario, useBrowser } from './support/harness.mjs';
import { BulletinImportPage } from './support/bulletin-pages.mjs';
import { expectCount, expectText, expectValue } from './support/until.mjs';

const env = useBrowser();
const THREE_LEVELS = join(FIXTURES, 'bulletins', 'corpus', '01-xuncha-three-levels.txt');

test('从通报导入 shows the inferred outline, the count check, and re-reads when a role is changed', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const importer = new BulletinImportPage(app.page);

  await importer.open();
  await importer.pickFile(THREE_LEVELS);
  await expectText(importer.result, /具体问题 5 个/, 'the five (1)/(2) items are the problems');
  await expectText(importer.result, /通报写明 5 个具体问题，识别出 5 个/, 'the count check agrees');
  const problems = importer.outline.getByRole('treeitem', { level: 3 });
  await expectCount(problems, 5, 'five problems in the outline');
  // (基本完成 reads as 整改中, flagged 基本完成 as units report it: no longer a doubt to check)
  await expectText(problems.nth(4), /整改中（依据：“[^”]*基本完成，持续推进”）/, 'the status and its evidence');
  assert.doesNotMatch(await problems.nth(4).innerText(), /请核对/, 'not flagged to check');
  await expectValue(importer.roleOf('(1)'), 'problem', 'the (1) level is the problems');

  // the person says the 1. level is the problems and (1) parts of them
  await importer.roleOf('1.').selectOption({ label: '问题' });
  await importer.roleOf('(1)').selectOption({ label: '问题的一部分' });
  await expectCount(problems, 3, 'three problems once 1. is the problem level');
  const check = importer.result.getByText(/通报写明 5 个具体问题，识别出 3 个/);
  await expectText(check, /识别出 3 个/, 'the count check now differs');
  const colour = await check.evaluate((el) => getComputedStyle(el).color);
  if (colour !== 'rgb(176, 0, 32)') throw new Error(`the differing count check is ${colour}, not red`);

  // an edit that leaves the levels as they were keeps the person's choices
  const text = await importer.textArea.inputValue();
  await importer.paste(text.replace('派车手续不完备', '派车手续不完整'));
  await expectText(importer.outline, /派车手续不完整/, 'the edited text is read');
  await expectValue(importer.roleOf('1.'), 'problem', 'the 1. level is still the problems');
  await expectValue(importer.roleOf('(1)'), 'part', 'the (1) level is still parts of them');
  await expectCount(problems, 3, 'still three problems after the edit');
}));

test('the outline prints each problem\'s number once, not the text\'s own beside it', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const importer = new BulletinImportPage(app.page);
  await importer.open();
  await importer.pickFile(THREE_LEVELS);
  const problems = importer.outline.getByRole('treeitem', { level: 3 });
  await expectCount(problems, 5, 'five problems in the outline');
  await expectText(problems.nth(0), /^1\. 关于“耕地保护责任落实不到位”问题的整改/, 'problem 1 under its number alone');
  await expectText(problems.nth(2), /^3\. 关于“执行‘三重一大’制度不严格”/, 'problem 3 under its number alone');
}));

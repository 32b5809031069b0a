// Two laptops (two browser contexts, each with its own localStorage) keep the same ledger
// by sending each other exported .rectify files: nothing is lost, the merge says how many
// changes came from whom, and importing the same file twice changes nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { scenario, useBrowser } from './support/harness.mjs';
import { expectCount, expectText, expectValue, expectVisible, until } from './support/until.mjs';

const env = useBrowser();

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The stored copy of every ledger in this browser profile (key → value). */
const storedLedgers = (app) =>
  app.page.evaluate(() =>
    Object.fromEntries(
      Object.keys(localStorage)
        .filter((k) => k.startsWith('rectify:ledger:'))
        .map((k) => [k, localStorage.getItem(k)]),
    ),
  );

/** Export the open ledger into a temporary file; checks the download's name. */
async function exportTo(app, tmpFile) {
  const title = (await app.checklist.title.innerText()).trim();
  const day = today();
  const { fileName, bytes } = await app.header.export();
  assert.ok(
    [`${title}-${day}.rectify`, `${title}-${today()}.rectify`].includes(fileName),
    `the download is named <ledger name>-<date>.rectify, got ${fileName}`,
  );
  assert.ok(bytes.length > 100, 'the export has content');
  assert.equal(bytes.subarray(0, 15).toString('latin1'), 'RECTIFY-LEDGER\n', 'the file starts with its magic line');
  await app.notices.infoText(new RegExp(`已导出：${fileName.replace(/[()（）.]/g, '.')}`));
  return { path: await tmpFile(fileName, bytes), fileName, bytes, title };
}

/** Open problem `n` and read its 责任人 and 佐证材料. */
async function fieldsOf(app, n) {
  const editor = await app.checklist.problem(n).open();
  return {
    owner: await editor.field('责任人').inputValue({ timeout: 2000 }),
    evidence: await editor.field('佐证材料').inputValue({ timeout: 2000 }),
  };
}

/** Laptop A opens the example and sends it; laptop B opens the file as a new ledger. */
async function shareExample(laptop, tmpFile) {
  const a = await laptop('A');
  await a.start.openExample();
  await expectCount(a.checklist.problemToggles, 20, 'A: problems of the example');
  await a.header.setMyName('张三');
  await expectValue(a.header.myName, '张三', 'A: 我的名字');
  const first = await exportTo(a, tmpFile);

  const b = await laptop('B');
  await b.start.heading.waitFor();
  await b.header.importFile(first.path);
  await expectVisible(b.notices.importDialog, true, 'B: the import dialog');
  await expectText(b.notices.importDialog, new RegExp(`另一本台账“${first.title.replace(/[()（）]/g, '.')}”`), 'B: the dialog names the ledger');
  await b.notices.importDialogButton('作为新台账打开').click();
  await expectVisible(b.notices.importDialog, false, 'B: the dialog closes');
  await b.notices.infoText(/已作为新台账打开/);
  await expectText(b.checklist.title, first.title, 'B: the shared ledger is open');
  await expectCount(b.checklist.problemToggles, 20, 'B: problems of the shared ledger');
  await b.header.setMyName('李四');
  return { a, b, first };
}

test('two laptops exchange exports: both edits arrive on both, and the merge names its author', scenario(env, async ({ laptop, tmpFile }) => {
  const { a, b } = await shareExample(laptop, tmpFile);

  // offline, each edits a different problem
  const ea = await a.checklist.problem(1).open();
  await ea.set('责任人', '甲');
  const eb = await b.checklist.problem(2).open();
  await eb.set('责任人', '乙');
  await eb.write('佐证材料', '党委会议纪要（2024年第5次）');
  await a.waitForSave();
  await b.waitForSave();

  const fromA = await exportTo(a, tmpFile);
  const fromB = await exportTo(b, tmpFile);
  await a.notices.dismiss();
  await b.notices.dismiss();

  await a.header.importFile(fromB.path);
  const toA = await a.notices.infoText(/已合并/);
  assert.match(toA, new RegExp(`^已合并“${fromB.fileName.replace(/[()（）.]/g, '.')}”：[1-9]\\d* 项修改，来自 李四。`), `A's merge message: ${toA}`);
  await b.header.importFile(fromA.path);
  const toB = await b.notices.infoText(/已合并/);
  assert.match(toB, /^已合并“.*”：[1-9]\d* 项修改，来自 张三。/, `B's merge message: ${toB}`);
  await expectVisible(a.notices.importDialog, false, 'no dialog when the file is the same ledger');

  for (const app of [a, b]) {
    await until(async () => {
      assert.deepEqual(await fieldsOf(app, 1), { owner: '甲', evidence: '' });
      assert.deepEqual(await fieldsOf(app, 2), { owner: '乙', evidence: '党委会议纪要（2024年第5次）' });
    }, `${app.name}: both edits`);
    await expectText(app.checklist.counts, /^显示 20 个问题（共 20 个）/, `${app.name}: counts`);
    await app.waitForSave();
    await app.reload();
    await until(async () => {
      assert.deepEqual(await fieldsOf(app, 1), { owner: '甲', evidence: '' });
      assert.deepEqual(await fieldsOf(app, 2), { owner: '乙', evidence: '党委会议纪要（2024年第5次）' });
    }, `${app.name}: both edits after reload`);
  }
}));

test('a problem A edited and B deleted: the merge says so, and 查看回收站 shows it with A\'s words', scenario(env, async ({ laptop, tmpFile }) => {
  const { a, b } = await shareExample(laptop, tmpFile);
  const ea = await a.checklist.problem(3).open();
  await ea.write('原因分析', '甲补充的原因分析');
  const eb = await b.checklist.problem(3).open();
  const title = await b.checklist.problem(3).summary();
  await eb.delete();
  await expectCount(b.checklist.problemToggles, 19, 'B: problem 3 deleted');
  await a.waitForSave();
  await b.waitForSave();
  const fromB = await exportTo(b, tmpFile);
  await a.notices.dismiss();

  await a.header.importFile(fromB.path);
  const message = await a.notices.infoText(/已合并/);
  assert.match(message, /对方删除了你修改过的 1 个问题（“.+”）：已移入回收站，你的修改都在，可在回收站恢复。/, `the merge names it: ${message}`);
  await a.page.getByRole('status').getByRole('button', { name: '查看回收站', exact: true }).click();
  const trash = a.page.locator('details.trash');
  await until(async () => (await trash.evaluate((d) => d.open)) === true, 'the bin open');
  assert.ok(title.length > 0);
  await expectText(trash, /恢复/, 'the problem in the bin, with its restore button');
}));

test('a text both laptops edited keeps both sides\' words, and the merge notice names it without breaking a label', scenario(env, async ({ laptop, tmpFile }) => {
  const { a, b } = await shareExample(laptop, tmpFile);

  // offline, both add to problem 1's 原因分析: A at its end, B at its start
  const ea = await a.checklist.problem(1).open();
  const original = await ea.field('原因分析').inputValue({ timeout: 2000 });
  assert.ok(original.length > 20, 'the example has a cause to add to');
  await ea.write('原因分析', `${original}（甲补充）`);
  const eb = await b.checklist.problem(1).open();
  await eb.write('原因分析', `（乙补充）${original}`);
  await a.waitForSave();
  await b.waitForSave();
  const fromB = await exportTo(b, tmpFile);
  await a.notices.dismiss();

  await a.header.importFile(fromB.path);
  const message = await a.notices.infoText(/已合并/);
  assert.match(message, /来自 李四。以下文字双方都改过，已逐字合并、双方的字都保留，请阅读核对：第1项 · 原因分析。/, `the merge names the text: ${message}`);
  await until(async () => {
    const editor = await a.checklist.problem(1).open();
    assert.equal(await editor.field('原因分析').inputValue({ timeout: 2000 }), `（乙补充）${original}（甲补充）`);
  }, 'A: both additions in the merged text');

  // At every width, no line of the notice ends inside 第1项 (nor inside 原因分析): the line's end
  // sweeps through the label as the window narrows.
  const splitAt = [];
  for (let width = 360; width <= 900; width += 4) {
    await a.page.setViewportSize({ width, height: 800 });
    const lines = await a.notices.info.evaluate((notice) => {
      const linesOf = (word) => {
        const walker = document.createTreeWalker(notice, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.data.indexOf(word);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + word.length);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        }
        return 0;
      };
      return { label: linesOf('第1项'), field: linesOf('原因分析。') };
    });
    assert.ok(lines.label === 1 && lines.field >= 1, `the notice has the label at ${width} px`);
    if (lines.field > 1) splitAt.push(width);
  }
  assert.deepEqual(splitAt, [], `原因分析 broken across lines at widths ${splitAt}`);
}));

test('importing the same file again says there is nothing new and changes nothing', scenario(env, async ({ laptop, tmpFile }) => {
  const { a, b } = await shareExample(laptop, tmpFile);
  const eb = await b.checklist.problem(2).open();
  await eb.set('责任人', '乙');
  await b.waitForSave();
  const fromB = await exportTo(b, tmpFile);

  await a.header.importFile(fromB.path);
  await a.notices.infoText(/^已合并.*：[1-9]\d* 项修改，来自 李四。/);
  await a.waitForSave();
  await a.notices.dismiss();
  // (the text content: rows out of view are not laid out, so what innerText gives depends on
  // where the page is scrolled and what a notice pushed down)
  const before = { text: await a.checklist.main.textContent(), stored: await storedLedgers(a) };

  await a.header.importFile(fromB.path);
  // (正在检查文件…… shows while the Web Worker reads the file, then the answer)
  const again = await a.notices.infoText(/^(?!正在检查文件)\S/);
  assert.match(again, /没有新的修改/, `the second import's message: ${again}`);
  assert.match(again, /台账未变/);
  await a.waitForSave();
  assert.equal(await a.checklist.main.textContent(), before.text, 'the checklist is unchanged');
  assert.deepEqual(await storedLedgers(a), before.stored, 'the stored ledger is unchanged');

  // the very first file is old news for B, too
  await b.notices.dismiss();
  const beforeB = await b.checklist.main.textContent();
  await b.header.importFile(fromB.path);
  assert.match(await b.notices.infoText(/^(?!正在检查文件)\S/), /没有新的修改/);
  assert.equal(await b.checklist.main.textContent(), beforeB, "B's checklist is unchanged");
  assert.equal((await fieldsOf(a, 2)).owner, '乙');
}));

test('opening 导入 starts the Web Worker while the file is picked, and that worker checks it', scenario(env, async ({ laptop, tmpFile }) => {
  const a = await laptop('A');
  await a.start.openExample();
  await expectCount(a.checklist.problemToggles, 20, 'A: problems of the example');
  const first = await exportTo(a, tmpFile);

  const b = await laptop('B');
  await b.start.heading.waitFor();
  assert.equal(b.page.workers().length, 0, 'no Web Worker before a file is asked for');
  const chooser = await b.header.openImportPicker();
  await until(async () => assert.equal(b.page.workers().length, 1), 'the Web Worker to start as the picker opens');
  await chooser.setFiles(first.path);
  await expectVisible(b.notices.importDialog, true, 'B: the import dialog');
  assert.equal(b.page.workers().length, 1, 'the file was checked by the worker started for it');
  await b.notices.importDialogButton('作为新台账打开').click();
  await b.notices.infoText(/已作为新台账打开/);
  await expectCount(b.checklist.problemToggles, 20, 'B: problems of the imported ledger');
}));

test('a file of another ledger kept in this browser asks to switch and merge (or cancel)', scenario(env, async ({ laptop, tmpFile }) => {
  const { a, b } = await shareExample(laptop, tmpFile);
  const ea = await a.checklist.problem(3).open();
  await ea.set('责任人', '丙');
  await a.waitForSave();
  const fromA = await exportTo(a, tmpFile);

  // B is working on another ledger when A's file arrives
  await b.ledgers.open();
  await b.ledgers.createLedger('另一本台账');
  await expectText(b.checklist.title, '另一本台账', 'B: the other ledger is open');
  await b.waitForSave();

  await b.header.importFile(fromA.path);
  const accept = `切换到“${fromA.title}”并合并`;
  await expectVisible(b.notices.importDialogButton(accept), true, `B: the ${accept} button`);
  await b.notices.importDialogButton('取消').click();
  await expectVisible(b.notices.importDialog, false, 'B: the dialog closes on 取消');
  await b.notices.infoText(/已取消导入，台账未变/);
  await expectText(b.checklist.title, '另一本台账', 'B: still on the other ledger');
  await expectCount(b.checklist.problemToggles, 0, 'B: the other ledger is untouched');

  // the dialog is modal: its primary button has focus and Escape cancels it
  await b.header.importFile(fromA.path);
  await until(async () => (await b.page.evaluate(() => document.activeElement?.textContent)) === accept, 'focus on the primary button');
  await b.page.keyboard.press('Escape');
  await expectVisible(b.notices.importDialog, false, 'B: Escape closes the dialog');
  await expectText(b.checklist.title, '另一本台账', 'B: still on the other ledger after Escape');

  await b.header.importFile(fromA.path);
  await b.notices.importDialogButton(accept).click();
  await b.notices.infoText(new RegExp(`已切换到“.*”并合并 [1-9]\\d* 项修改`));
  await expectText(b.checklist.title, fromA.title, 'B: switched to the shared ledger');
  await until(async () => assert.equal((await fieldsOf(b, 3)).owner, '丙'), "B: A's edit merged");
  assert.equal(await b.header.currentLedger(), fromA.title);
  await b.waitForSave();
  await b.header.switchTo('另一本台账');
  await expectCount(b.checklist.problemToggles, 0, 'B: the other ledger is still empty');
}));

test('a deletion on one laptop meets an edit on the other: nothing is lost', scenario(env, async ({ laptop, tmpFile }) => {
  const { a, b } = await shareExample(laptop, tmpFile);
  const LAST = '针对饭堂支出无发票入账的问题';

  // A deletes problem 3 and the last category (with problem 20) ...
  const asked = await (await a.checklist.problem(3).open()).delete({ accept: true });
  assert.match(asked, /确定删除这个问题吗/);
  await a.checklist.category(LAST).delete({ accept: true });
  await expectCount(a.checklist.problemToggles, 18, 'A: problems after deleting');
  // ... while B edits problem 3 and adds a problem to that last category
  await (await b.checklist.problem(3).open()).set('责任人', '丁');
  const added = await b.checklist.category(LAST).addProblem();
  await added.write('问题表现', '食堂采购未签订合同');
  await a.waitForSave();
  await b.waitForSave();

  const fromA = await exportTo(a, tmpFile);
  const fromB = await exportTo(b, tmpFile);
  await a.header.importFile(fromB.path);
  await a.notices.infoText(/已合并.*来自 李四/);
  await b.header.importFile(fromA.path);
  await b.notices.infoText(/已合并.*来自 张三/);

  for (const app of [a, b]) {
    const { checklist } = app;
    await expectCount(checklist.categories, 15, `${app.name}: categories after the merge`);
    await expectText(checklist.trash, /^回收站（\d+ 个已删除的问题）$/, `${app.name}: the trash`);
    // B's new problem had its category deleted by A: shown under 未归类的问题, not dropped
    const orphans = checklist.main.getByRole('heading', { name: '未归类的问题', level: 3 });
    await expectVisible(orphans, true, `${app.name}: 未归类的问题`);
    await until(async () => assert.ok((await checklist.problemTitles()).some((t) => t.includes('食堂采购未签订合同'))), `${app.name}: B's new problem is shown`);
  }

  // the deleted problem 3 kept B's edit: restore it on A and look
  await a.checklist.trash.click();
  const trashed = a.checklist.main.getByRole('listitem').filter({ hasText: '“三会一课”依然不严不实' });
  await trashed.getByRole('button', { name: '恢复', exact: true }).click();
  await until(async () => assert.match((await a.checklist.problemTitles())[2] ?? '', /^3\.“三会一课”依然不严不实/), 'A: problem 3 restored');
  await expectValue((await a.checklist.problem(3).open()).field('责任人'), '丁', "A: the restored problem has B's edit");
}));

test('a status set differently on two laptops is shown as a conflict, settled on one, and settled on the other after the next exchange', scenario(env, async ({ laptop, tmpFile }) => {
  const { a, b } = await shareExample(laptop, tmpFile);

  const ea = await a.checklist.problem(1).open();
  await ea.setStatus('整改中');
  const eb = await b.checklist.problem(1).open();
  await eb.setStatus('已完成');
  // and both retitle the bulletin
  await a.info.open();
  await a.info.set('通报标题', '甲拟的标题');
  await b.info.open();
  await b.info.set('通报标题', '乙拟的标题');
  await a.header.show('台账');
  await b.header.show('台账');
  await a.waitForSave();
  await b.waitForSave();
  const fromA = await exportTo(a, tmpFile);
  await b.header.importFile(fromA.path);
  await b.notices.infoText(/已合并/);

  // B is told, sees both values with who wrote them, and picks 整改中
  const bar = b.page.getByRole('status').filter({ hasText: '处字段出现不同的值' });
  await expectText(bar, /合并后有 2 处字段出现不同的值/, 'B: the conflict bar');
  // the title's conflict is shown and settled where the title is edited
  await b.info.open();
  const titleCard = b.page.getByRole('group', { name: '冲突：台账信息 · 通报标题' });
  await expectText(titleCard, /“甲拟的标题”\s*张三[\s\S]*“乙拟的标题”\s*李四|“乙拟的标题”\s*李四[\s\S]*“甲拟的标题”\s*张三/, 'B: both titles with their authors');
  await titleCard.getByRole('button', { name: '采用“乙拟的标题”' }).click();
  await expectCount(titleCard, 0, 'B: the title is settled');
  await b.header.show('台账');
  await expectText(bar, /合并后有 1 处字段出现不同的值/, 'B: one left');
  await expectText(b.checklist.problem(1).article, /有冲突/, 'B: problem 1 is marked');
  await bar.getByRole('button', { name: '去处理冲突' }).click();
  const card = b.page.getByRole('group', { name: '冲突：第1项 · 整改状态' });
  await expectText(card, /“整改中”\s*张三/, 'B: 张三 wrote 整改中');
  await expectText(card, /“已完成”\s*李四/, 'B: 李四 wrote 已完成');
  await card.getByRole('button', { name: '采用“整改中”' }).click();
  await expectText(b.page.getByRole('heading', { name: /^待处理的冲突/ }), '待处理的冲突（0）', 'B: settled');
  // the history says who changed what
  const rows = b.page.getByRole('table').getByRole('row');
  await expectText(rows.nth(1), /李四\s*处理冲突/, 'B: the newest change is the settling');
  await expectText(b.page.getByRole('table'), /张三[\s\S]*状态改为整改中[\s\S]*第1项 · 整改状态/, 'B: 张三 set 整改中 on problem 1');
  await b.waitForSave();

  // A gets B's file: no conflict there either, and the status is the settled one
  await b.header.show('台账');
  const fromB = await exportTo(b, tmpFile);
  await a.header.importFile(fromB.path);
  await a.notices.infoText(/已合并/);
  await a.header.show('修改记录');
  await expectText(a.page.getByRole('heading', { name: /^待处理的冲突/ }), '待处理的冲突（0）', 'A: nothing to settle');
  await a.header.show('台账');
  await expectText(a.checklist.problem(1).status, '整改中', 'A: the settled status');
}));

test('the ledger as it stood on a past date is shown read-only, with its bulletin', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  await app.start.openExample();
  await expectCount(app.checklist.problemToggles, 20, 'the example');
  await app.header.show('修改记录');
  // the example was made today: the day before, the ledger did not exist
  const yesterday = new Date(Date.now() - 86400000);
  const pad = (n) => String(n).padStart(2, '0');
  const ymd = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  await app.page.getByLabel('日期', { exact: true }).fill(ymd(yesterday));
  await app.page.getByRole('button', { name: '查看这一天的台账' }).click();
  await app.notices.errorText(/还没有这本台账的任何记录/);
  await app.page.getByLabel('日期', { exact: true }).fill(ymd(new Date()));
  await app.page.getByRole('button', { name: '查看这一天的台账' }).click();
  const banner = app.page.getByRole('status').filter({ hasText: '结束时的台账（只读' });
  await expectText(banner, new RegExp(`正在查看 ${ymd(new Date())} 结束时的台账`), 'the past-view banner');
  await expectCount(app.checklist.problemToggles, 20, 'the ledger of today');
  await expectCount(app.notices.error.filter({ hasText: '还没有这本台账的任何记录' }), 0, 'the red notice of the day before, gone');
  // read-only: the fields cannot be typed in, and the bulletin is that day's
  const editor = await app.checklist.problem(1).open();
  assert.equal(await editor.field('责任人').getAttribute('readonly'), '', 'fields are read-only');
  await app.header.show('通报');
  await expectText(app.page.getByLabel('通报中的统计数', { exact: true }), /^反馈问题 16 个，已整改完毕 16 个/, 'the bulletin of that day');
  await banner.getByRole('button', { name: '回到当前台账' }).click();
  await expectCount(banner, 0, 'back to the present');
}));

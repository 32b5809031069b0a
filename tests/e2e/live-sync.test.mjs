// 联网同步 through automerge-repo's own sync server (npm, started here on a free port): two
// laptops open one ledger by its share link and see each other's edits as they are made;
// offline edits converge on reconnect; a server restarted mid-session is found again; a
// JavaScript automerge-repo peer reads the ledger and writes a progress entry the app shows;
// a server holding something else under the ledger's id is refused with nothing lost.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { BulletinPage } from './support/bulletin-pages.mjs';
import { scenario, useBrowser } from './support/harness.mjs';
import { closePeer, jsPeer, Automerge } from './support/js-peer.mjs';
import { syncServer } from './support/sync-server.mjs';
import { expectCount, expectText, sleep, until } from './support/until.mjs';

const env = useBrowser();
let server;
before(async () => {
  server = await syncServer();
});
after(async () => {
  await server?.close();
});

/** 台账管理's 联网同步 panel of `app`. */
function panel(app) {
  return app.page.getByRole('region', { name: '联网同步' });
}

const status = (app) => panel(app).getByRole('status');

/** Connect the open ledger to the test's server; returns its share link. */
async function connect(app) {
  await app.ledgers.open();
  await panel(app).getByLabel('服务器地址').fill(server.url);
  await panel(app).getByRole('button', { name: '连接', exact: true }).click();
  await expectText(status(app), /已连接/, `${app.name}: connected`);
  return panel(app).getByLabel('共享链接').inputValue();
}

/** Join a ledger by its share link in 台账管理. */
async function join(app, link) {
  await app.ledgers.open();
  await panel(app).getByLabel('通过链接加入').fill(link);
  await panel(app).getByRole('button', { name: '加入', exact: true }).click();
}

/** The text of field `label` of problem `n`, as the checklist's editor shows it. */
async function fieldOf(app, n, label) {
  await app.header.show('台账');
  const editor = await app.checklist.problem(n).open();
  return editor.field(label).inputValue();
}

async function expectField(app, n, label, expected, what) {
  await app.header.show('台账');
  const editor = await app.checklist.problem(n).open();
  let last = '';
  try {
    await until(async () => expected.test((last = await editor.field(label).inputValue())), `${app.name}: ${what}`);
  } catch (e) {
    throw new Error(`${e.message}\n  ${label} shows: ${JSON.stringify(last.slice(0, 120))}…`);
  }
}

/** A opens the example, connects it; B joins by the link. */
async function shareLive(laptop) {
  const a = await laptop('A');
  await a.start.openExample();
  await a.header.setMyName('张三');
  const link = await connect(a);
  assert.match(link, /#\/sync\?server=ws.*&doc=automerge%3A/, 'the share link carries the server and the document');
  await expectText(panel(a), /持有此链接/, 'A: the link is said to be a capability');

  const b = await laptop('B');
  await b.header.setMyName('李四');
  await join(b, link);
  await b.notices.infoText(/已从服务器获取/);
  await b.header.show('台账');
  await expectCount(b.checklist.problemToggles, 20, 'B: the ledger came whole');
  await b.ledgers.open();
  await expectText(status(b), /已连接/, 'B: connected');
  await a.header.show('台账');
  await b.header.show('台账');
  return { a, b, link };
}

test('two laptops by one share link: edits go both ways as they are made, and both edits to one text are kept', scenario(env, async ({ laptop }) => {
  const { a, b } = await shareLive(laptop);

  const ea = await a.checklist.problem(1).open();
  await ea.write('整改措施', '甲：修订会议制度');
  await expectField(b, 1, '整改措施', /甲：修订会议制度/, 'A’s measures arrive');

  const eb = await b.checklist.problem(2).open();
  await eb.write('原因分析', '乙：学习不深入');
  await expectField(a, 2, '原因分析', /乙：学习不深入/, 'B’s cause arrives');

  // both type into one text, A at its start, B at its end, while they cannot reach each
  // other (typing into a field as a colleague's edit to the same field arrives is a known
  // race: RELIABILITY.md §7)
  await b.context.setOffline(true);
  const a3 = (await a.checklist.problem(3).open()).field('问题表现');
  const b3 = (await b.checklist.problem(3).open()).field('问题表现');
  await a3.focus();
  await a3.press('Control+Home');
  await a3.pressSequentially('【甲】');
  await b3.focus();
  await b3.press('Control+End');
  await b3.pressSequentially('【乙】');
  await a.waitForSave();
  await b.waitForSave();
  await b.context.setOffline(false);
  await expectField(a, 3, '问题表现', /^【甲】[\s\S]*【乙】$/, 'both words, on A');
  await expectField(b, 3, '问题表现', /^【甲】[\s\S]*【乙】$/, 'both words, on B');

  // survives a reload: the stored copy has the merged edits, and the ledger syncs again
  await b.reload();
  await expectField(b, 1, '整改措施', /甲：修订会议制度/, 'kept over a reload');
  await b.ledgers.open();
  await expectText(status(b), /已连接/, 'B: connected again after the reload');
}));

test('offline edits are kept and converge when the laptop is back; a restarted server is found again', scenario(env, async ({ laptop }) => {
  const { a, b } = await shareLive(laptop);

  await a.context.setOffline(true);
  const ea = await a.checklist.problem(4).open();
  await ea.write('整改情况', '甲离线时填写');
  const eb = await b.checklist.problem(5).open();
  await eb.write('整改情况', '乙在线填写');
  await sleep(1500);
  assert.doesNotMatch(await fieldOf(b, 4, '整改情况'), /甲离线时填写/, 'nothing reaches B while A is offline');
  await a.context.setOffline(false);
  await expectField(b, 4, '整改情况', /甲离线时填写/, 'A’s offline edit arrives');
  await expectField(a, 5, '整改情况', /乙在线填写/, 'B’s edit reaches A');
  // the same checklist and the same bulletin on both
  assert.deepEqual(await a.checklist.problemTitles(), await b.checklist.problemTitles(), 'one checklist');
  const bulletinOf = async (app) => {
    const bulletin = new BulletinPage(app.page, app.header);
    await bulletin.open();
    return (await bulletin.preview.textContent()).replace(/\s+/g, '');
  };
  const bulletinA = await bulletinOf(a);
  assert.ok(bulletinA.includes('甲离线时填写') && bulletinA.includes('乙在线填写'), 'the bulletin has both');
  assert.equal(bulletinA, await bulletinOf(b), 'one bulletin text');
  await a.header.show('台账');
  await b.header.show('台账');

  await server.stop();
  await a.ledgers.open();
  await expectText(status(a), /离线，将在联网后自动同步/, 'A: offline while the server is down');
  await a.header.show('台账');
  const a6 = await a.checklist.problem(6).open();
  await a6.write('整改措施', '服务器重启期间的修改');
  await server.start();
  await expectField(b, 6, '整改措施', /服务器重启期间的修改/, 'the edit made while the server was down');
  await a.ledgers.open();
  await expectText(status(a), /已连接/, 'A: connected again');
}));

test('files and links meet: a link opened where the ledger came by file merges into it; a file imported by a connected laptop reaches the others', scenario(env, async ({ laptop, tmpFile }) => {
  const a = await laptop('A');
  await a.start.openExample();
  await a.header.setMyName('张三');
  // B and C got the ledger by file first, as before there was a server
  const first = await a.header.export();
  const file = await tmpFile(first.fileName, first.bytes);
  const fromFile = async (name) => {
    const x = await laptop(name);
    await x.header.importFile(file);
    await x.notices.importDialogButton('作为新台账打开').click();
    await expectCount(x.checklist.problemToggles, 20, `${name}: the ledger from the file`);
    return x;
  };
  const b = await fromFile('B');
  const c = await fromFile('C');
  await c.header.setMyName('王五');
  const link = await connect(a);

  // B opens the link itself (the address, as from a chat message): no second copy
  await b.page.goto(link);
  await b.ready();
  await b.ledgers.open();
  await expectText(status(b), /已连接/, 'B: connected by the link');
  assert.equal((await b.ledgers.names()).length, 1, 'B still has one ledger');

  // C, offline from the server, edits and mails a file; A imports it; B sees C's edit
  const c7 = await c.checklist.problem(7).open();
  await c7.write('原因分析', '丙：责任落实不到位');
  await c.waitForSave();
  const cFile = await c.header.export();
  await a.header.importFile(await tmpFile(cFile.fileName, cFile.bytes));
  await a.notices.infoText(/合并/);
  await expectField(b, 7, '原因分析', /丙：责任落实不到位/, 'C’s edit, by A’s import and the server');
}));

test('a JavaScript automerge-repo peer reads the ledger and writes a progress entry the app shows', scenario(env, async ({ laptop }) => {
  const a = await laptop('A');
  await a.start.openExample();
  await a.header.setMyName('张三');
  const link = await connect(a);
  const automergeUrl = decodeURIComponent(link.split('doc=')[1]);

  const peer = jsPeer(server.url);
  try {
    const handle = await peer.find(automergeUrl);
    const doc = handle.doc();
    const live = Object.entries(doc.problems).filter(([, p]) => !p.deleted);
    assert.equal(live.length, 20, 'the JS peer reads the 20 problems');
    // 第1项 as the app shows it, found by its text
    const shown = await fieldOf(a, 1, '问题表现');
    const [id] = live.find(([, p]) => String(p.description) === shown) ?? [];
    assert.ok(id, 'the JS peer finds 第1项 by its text');
    handle.change((d) => {
      d.problems[id].log['js-peer-entry'] = {
        date: new Automerge.ImmutableString('2026-12-08'),
        author: new Automerge.ImmutableString('王五'),
        text: '由外部程序写入的进展',
      };
    });
    await a.header.show('台账');
    const editor = await a.checklist.problem(1).open();
    await expectText(editor.progressLog, /由外部程序写入的进展/, 'A shows the JS peer’s progress entry');

    // and what A writes reaches the JS peer
    await editor.write('整改措施', '应用内写入');
    await until(() => String(handle.doc().problems[id].measures).includes('应用内写入'), 'the JS peer sees A’s edit');
  } finally {
    await closePeer(peer);
  }
}));

test('a server holding another document under the ledger’s id is refused: connection closed, the ledger unchanged', scenario(env, async ({ laptop }) => {
  const a = await laptop('A');
  await a.start.openExample();
  const link = await connect(a);
  const automergeUrl = decodeURIComponent(link.split('doc=')[1]);
  const documentId = automergeUrl.replace('automerge:', '');
  await panel(a).getByRole('button', { name: '断开', exact: true }).click();
  const description = await fieldOf(a, 1, '问题表现');

  // someone puts a shopping list on the server under this ledger's id
  const peer = jsPeer(server.url);
  try {
    let foreign = Automerge.from({ title: '购物清单', ledger_id: 'someone-else' });
    const handle = peer.import(Automerge.save(foreign), { docId: documentId });
    handle.change((d) => {
      d.title = '购物清单（改）';
    });
    await sleep(1000);
    await a.ledgers.open();
    await panel(a).getByLabel('服务器地址').fill(server.url);
    await panel(a).getByRole('button', { name: '连接', exact: true }).click();
    await a.notices.errorText(/联网同步已停止：服务器上这个编号下是另一本台账|联网同步已停止：服务器上的文档不是台账/);
    await expectText(status(a), /无法连接/, 'A: the state says why');
    assert.equal(await fieldOf(a, 1, '问题表现'), description, 'the ledger is unchanged');
    await a.reload();
    assert.equal(await fieldOf(a, 1, '问题表现'), description, 'and stays so over a reload');
  } finally {
    await closePeer(peer);
  }
}));

test('a share link that is not one, and a server address that is not ws://, are said plainly', scenario(env, async ({ laptop }) => {
  const a = await laptop('A');
  await a.start.openExample();
  await join(a, 'https://example.org/#/sync?doc=automerge:notavalidid');
  await a.notices.errorText(/这不是有效的共享链接/);
  await a.ledgers.open();
  await panel(a).getByLabel('服务器地址').fill('http://127.0.0.1:1');
  await panel(a).getByRole('button', { name: '连接', exact: true }).click();
  await a.notices.errorText(/不是可用的服务器地址（应以 ws:\/\/ 或 wss:\/\/ 开头/);
  await a.header.show('台账');
  await expectCount(a.checklist.problemToggles, 20, 'the ledger is as it was');
}));

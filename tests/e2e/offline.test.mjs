// The hosted build (dist/) as an installable offline web app: the manifest and its icons,
// the service worker registering and caching the whole build, working with the network off
// after one visit, and a new version picked up on the next visit with the user told.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { FIXTURES, scenario, useBrowser } from './support/harness.mjs';
import { BulletinImportPage } from './support/bulletin-pages.mjs';
import { cacheNames, controlledByServiceWorker, nextVersionOf, pngSize } from './support/offline.mjs';
import { DIST, startServer } from './support/server.mjs';
import { expectText, expectVisible, until } from './support/until.mjs';

const env = useBrowser();

test('the manifest is linked, parses, and its icons are there; the service worker registers and caches the build', scenario(env, async ({ laptop }) => {
  const app = await laptop();
  const { page } = app;
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  assert.equal(href, 'manifest.webmanifest', 'a relative link, so a sub-path works');
  const manifestUrl = new URL(href, page.url()).href;
  const response = await page.request.get(manifestUrl);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-type'], /application\/manifest\+json/);
  const manifest = JSON.parse(await response.text());
  assert.equal(manifest.name, '整改台账');
  assert.ok(manifest.short_name, 'short_name');
  assert.equal(manifest.start_url, '.');
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.lang, 'zh-CN');
  assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/i);
  const sizes = {};
  for (const icon of manifest.icons) {
    const res = await page.request.get(new URL(icon.src, manifestUrl).href);
    assert.equal(res.status(), 200, `${icon.src} is served`);
    assert.equal(res.headers()['content-type'].split(';')[0], icon.type, `${icon.src} type`);
    if (icon.type === 'image/png') {
      const { width, height } = pngSize(await res.body());
      assert.equal(`${width}x${height}`, icon.sizes, `${icon.src} is as large as it says`);
    }
    sizes[icon.sizes] = icon.type;
  }
  assert.deepEqual(sizes, { any: 'image/svg+xml', '192x192': 'image/png', '512x512': 'image/png' });

  const script = await controlledByServiceWorker(page);
  assert.equal(script, new URL('sw.js', page.url()).href);
  const version = await page.locator('meta[name="rectify-version"]').getAttribute('content');
  assert.match(version, /^[0-9a-f]{16}$/);
  assert.deepEqual(await cacheNames(page), [`rectify ${new URL('./', page.url()).href} ${version}`]);
  const cached = await page.evaluate(async () => {
    const [name] = await caches.keys();
    return (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
  });
  for (const kind of [/^\/$/, /\.wasm$/, /^\/rectify-app-.*\.js$/, /\.css$/, /\/manifest\.webmanifest$/, /\/icon-512\.png$/]) {
    assert.ok(cached.some((p) => kind.test(p)), `${kind} is cached: ${cached.join(' ')}`);
  }
}));

test('after one visit the app loads and works with the network off', scenario(env, async ({ laptop }) => {
  const app = await laptop('offline-laptop');
  const { page, context, start, checklist, header } = app;
  await controlledByServiceWorker(page);

  await context.setOffline(true);
  const reachable = await page.evaluate(() => fetch(`not-in-the-build-${Date.now()}.txt`).then(() => true, () => false));
  assert.equal(reachable, false, 'the network is really off');

  await app.reload();
  await start.heading.waitFor();
  await start.createLedger('离线台账');
  await expectText(checklist.title, '离线台账', 'ledger created offline');
  const category = await checklist.addCategory('针对离线工作的问题');
  const editor = await category.addProblem();
  await editor.write('问题表现', '断网也能编辑');
  await editor.set('责任人', '王五');
  await editor.collapse();
  await app.waitForSave();

  await app.reload();
  await expectText(checklist.title, '离线台账', 'title after an offline reload');
  await expectText(checklist.problem(1).toggle, /^1\.\s*断网也能编辑$/, 'the problem after an offline reload');
  assert.deepEqual(await header.ledgerNames(), ['离线台账']);

  // 从通报导入 reads the text in the Web Worker, whose files the service worker keeps
  const importer = new BulletinImportPage(page);
  await app.ledgers.open();
  await importer.open();
  await importer.pickFile(join(FIXTURES, 'bulletin-2022-06-30.txt'));
  await expectText(importer.result, /反馈问题（类别）16 个，具体问题 20 个/, 'a bulletin read offline');
  await context.setOffline(false);
}));

test('a new version is picked up on the next visit, and the user is told', scenario(env, async ({ laptop, tmpFile }) => {
  // serve build A from an address of its own, then "deploy" build B at the same address
  const server = await startServer(DIST);
  const tmp = (await tmpFile('marker', '')).replace(/marker$/, '');
  const next = await nextVersionOf(DIST, tmp);
  const saved = env.url;
  env.url = server.url;
  try {
    const app = await laptop('returning-visitor');
    const { page, start, checklist, notices } = app;
    await controlledByServiceWorker(page);
    await start.createLedger('更新前的台账');
    await expectText(checklist.title, '更新前的台账', 'ledger before the update');
    await app.waitForSave();

    server.setRoot(next.dir);
    await app.reload();
    // the page came from the old version's cache; the new worker installs, takes over, and says so
    const banner = page.getByRole('status', { name: '新版本' });
    await expectText(banner, /新版本已下载，刷新后生效/, 'the update banner');
    // the page switches to the new worker as it activates; the old cache goes right after
    await until(
      async () => assert.deepEqual(await cacheNames(page), [`rectify ${server.url} ${next.newVersion}`]),
      'only the new version’s cache',
    );

    await banner.getByRole('button', { name: '立即刷新', exact: true }).click();
    await app.ready();
    await notices.infoText(new RegExp(`已更新到新版本（${next.newVersion}）`));
    assert.equal(await page.locator('meta[name="rectify-version"]').getAttribute('content'), next.newVersion);
    await expectText(checklist.title, '更新前的台账', 'the ledger survives the update');
    await expectVisible(banner, false, 'no update banner once the new version runs');

    // and the same version again is not news
    await notices.dismiss();
    await app.reload();
    await expectText(checklist.title, '更新前的台账', 'ledger after another reload');
    await until(async () => (await notices.info.count()) === 0, 'no update notice for the same version');
  } finally {
    env.url = saved;
    await server.close();
  }
}));

test('under a sub-path (…/rectify/) the worker’s scope is that folder and the app works offline there', scenario(env, async ({ laptop, tmpFile }) => {
  const site = (await tmpFile('index.html', '<!doctype html><title>内网首页</title>')).replace(/index\.html$/, '');
  await cp(DIST, join(site, 'rectify'), { recursive: true });
  await writeFile(join(site, 'other.html'), '<!doctype html><title>other</title>');
  const server = await startServer(site);
  const saved = env.url;
  env.url = `${server.url}rectify/`;
  try {
    const app = await laptop('intranet');
    const { page, context, start, checklist } = app;
    const script = await controlledByServiceWorker(page);
    assert.equal(script, `${server.url}rectify/sw.js`);
    assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope), `${server.url}rectify/`);
    await context.setOffline(true);
    await app.reload();
    await start.createLedger('子路径台账');
    await expectText(checklist.title, '子路径台账', 'ledger created offline under the sub-path');
    // pages outside the scope are not the worker's business
    const other = await page.evaluate((u) => fetch(u).then(() => 'served', () => 'offline'), `${server.url}other.html`);
    assert.equal(other, 'offline');
    await context.setOffline(false);
  } finally {
    env.url = saved;
    await server.close();
  }
}));

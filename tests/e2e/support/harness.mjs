// Shared set-up for the browser tests: one static server and one Chromium per test file,
// a fresh browser context (own localStorage, downloads accepted) per "laptop", polling
// assertions, temporary files, and screenshots of every open page when a test fails.

import { before, after } from 'node:test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { ROOT, requireBuiltApp, startServer } from './server.mjs';
import { App } from './pages.mjs';

export const ARTIFACTS = join(ROOT, 'tests', 'e2e', 'artifacts');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export { TIMEOUT, sleep, until } from './until.mjs';

/**
 * Register the file-wide hooks: start the static server and Chromium before the tests,
 * close both after. Returns an object whose fields are filled in by `before`.
 */
export function useBrowser() {
  const env = { url: null, browser: null, server: null, tmp: null };
  before(async () => {
    requireBuiltApp();
    await mkdir(ARTIFACTS, { recursive: true });
    env.tmp = await mkdtemp(join(tmpdir(), 'rectify-e2e-'));
    env.server = await startServer();
    env.url = env.server.url;
    env.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: LAUNCH_ARGS,
    });
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
    if (env.tmp) await rm(env.tmp, { recursive: true, force: true });
  });
  return env;
}

const slug = (s) =>
  s
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

/**
 * Wrap a test body. The body gets `{ laptop, tmpFile }`:
 * - `laptop(name, { initScript })` opens a fresh browser context (its own localStorage, like
 *   another computer) with one page on the app and returns its `App` page object; an
 *   `initScript` function runs in each of its pages before the app;
 *   `app.newTab()` opens a second page in the same context.
 * - `tmpFile(name, bytes)` writes a file into a temporary folder and returns its path.
 * When the body fails, every open page is screenshotted into tests/e2e/artifacts/; in any
 * case the contexts are closed. Uncaught page errors (a wasm panic) fail the test.
 */
export function scenario(env, body) {
  return async (t) => {
    const contexts = [];
    const apps = [];
    let n = 0;
    const laptop = async (name = `laptop${contexts.length + 1}`, { initScript } = {}) => {
      const context = await env.browser.newContext({
        acceptDownloads: true,
        viewport: { width: 1280, height: 900 },
        locale: 'zh-CN',
      });
      contexts.push(context);
      // runs in every page of the context before the app (e.g. to make storage throw)
      if (initScript) await context.addInitScript(initScript);
      const app = await App.open(context, env.url, name, apps);
      return app;
    };
    const tmpFile = async (name, bytes) => {
      const dir = join(env.tmp, String(++n));
      await mkdir(dir, { recursive: true });
      const path = join(dir, name);
      await writeFile(path, bytes);
      return path;
    };
    try {
      await body({ laptop, tmpFile });
      for (const a of apps) {
        for (const e of a.consoleErrors) t.diagnostic(`${a.name} console.error: ${e}`);
      }
      const errors = apps.flatMap((a) => a.pageErrors.map((e) => `${a.name}: ${e}`));
      if (errors.length) throw new Error(`uncaught errors in the page:\n${errors.join('\n')}`);
    } catch (error) {
      for (const [i, app] of apps.entries()) {
        if (app.page.isClosed()) continue;
        const file = join(ARTIFACTS, `FAILED-${slug(t.name)}-${i + 1}-${app.name}.png`);
        await app.page.screenshot({ path: file, fullPage: true }).catch(() => {});
      }
      throw error;
    } finally {
      for (const c of contexts) await c.close().catch(() => {});
    }
  };
}

/** Fill this origin's localStorage with junk (keys outside rectify:) until setItem throws:
 * how many items it took, and whether a two-character item is then refused. */
export const fillStorage = (page) =>
  page.evaluate(() => {
    let n = 0;
    let size = 512 * 1024;
    while (size >= 1) {
      try {
        localStorage.setItem(`junk:${n}`, 'x'.repeat(size));
        n++;
      } catch {
        size = Math.floor(size / 2);
      }
    }
    try {
      localStorage.setItem('junk:probe', 'xx');
      return { n, full: false };
    } catch {
      return { n, full: true };
    }
  });

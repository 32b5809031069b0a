// Helpers for the "opens anywhere" tests: the one-file build opened from disk (no server),
// the service worker of the hosted build, and a second version of the build to deploy.

import { before, after } from 'node:test';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

import { ARTIFACTS, CHROMIUM, LAUNCH_ARGS } from './harness.mjs';
import { ROOT } from './server.mjs';
import { until } from './until.mjs';

/** The one-file build (scripts/single-file.mjs); E2E_SINGLE=/path tests another. */
export const SINGLE = process.env.E2E_SINGLE
  ? resolve(process.env.E2E_SINGLE)
  : join(ROOT, 'dist-single', 'rectify.html');

export function requireSingleFile(path = SINGLE) {
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: build it with \`trunk build --release && node scripts/single-file.mjs\` ` +
        '(scripts/test.sh does both)',
    );
  }
}

/**
 * Like `useBrowser()` but with no server at all: Chromium only, and `env.url` is the
 * one-file build's file:// URL. Works with `scenario(env, …)`.
 */
export function useBrowserWithoutServer(path = SINGLE) {
  const env = { url: null, browser: null, tmp: null };
  before(async () => {
    requireSingleFile(path);
    await mkdir(ARTIFACTS, { recursive: true });
    env.tmp = await mkdtemp(join(tmpdir(), 'rectify-e2e-file-'));
    env.url = pathToFileURL(path).href;
    env.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
  });
  after(async () => {
    await env.browser?.close();
    if (env.tmp) await rm(env.tmp, { recursive: true, force: true });
  });
  return env;
}

/** Wait until a service worker controls the page; resolves to its script URL. */
export function controlledByServiceWorker(page) {
  return until(
    () => page.evaluate(() => navigator.serviceWorker?.controller?.scriptURL ?? false),
    'a service worker to control the page',
    { timeout: 30000 },
  );
}

/** The service worker's version (the `rectify <scope> <version>` cache names) in this page's origin. */
export function cacheNames(page) {
  return page.evaluate(() => caches.keys());
}

/**
 * Copy the build in `dist` to a fresh folder under `tmp` as a "new version": the version in
 * sw.js and index.html becomes `<old>-next` (what a new build does). Resolves to
 * { dir, oldVersion, newVersion }.
 */
export async function nextVersionOf(dist, tmp) {
  const dir = join(tmp, 'next-version');
  await cp(dist, dir, { recursive: true });
  const sw = await readFile(join(dir, 'sw.js'), 'utf8');
  const found = sw.match(/const VERSION = "([0-9a-f]+)";/);
  if (!found) throw new Error('dist/sw.js has no processed VERSION: was scripts/pwa.mjs run?');
  const [, oldVersion] = found;
  const newVersion = `${oldVersion}-next`;
  await writeFile(join(dir, 'sw.js'), sw.replace(found[0], `const VERSION = "${newVersion}";`));
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const meta = `<meta name="rectify-version" content="${oldVersion}">`;
  if (!html.includes(meta)) throw new Error(`dist/index.html lacks ${meta}`);
  await writeFile(join(dir, 'index.html'), html.replace(meta, `<meta name="rectify-version" content="${newVersion}">`));
  return { dir, oldVersion, newVersion };
}

/** Width and height of a PNG (from its IHDR chunk). */
export function pngSize(bytes) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!Buffer.from(bytes.subarray(0, 8)).equals(signature)) throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

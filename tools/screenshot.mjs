// docs/screenshot.png: the release build (dist/) with the example ledger open, as the README
// shows it. Run after `trunk build --release`: node tools/screenshot.mjs
import { chromium } from 'playwright-core';
import { join } from 'node:path';

import { ROOT, requireBuiltApp, startServer } from '../tests/e2e/support/server.mjs';
import { CHROMIUM, LAUNCH_ARGS } from '../tests/e2e/support/harness.mjs';

requireBuiltApp();
const server = await startServer();
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.url);
  await page.getByRole('button', { name: '打开示例台账', exact: true }).click();
  await page.getByRole('main').getByRole('heading', { level: 3 }).first().waitFor();
  await page.waitForTimeout(1000);
  await page.screenshot({ path: join(ROOT, 'docs', 'screenshot.png') });
} finally {
  await browser.close();
  await server.close();
}

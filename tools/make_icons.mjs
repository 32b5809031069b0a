// Renders public/favicon.svg to the PNG app icons the web app manifest lists
// (public/icon-192.png, public/icon-512.png), with Debian's Chromium via playwright-core.
// Run once after changing the SVG, and commit the PNGs:  node tools/make_icons.mjs
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const svg = await readFile(join(ROOT, 'public', 'favicon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const img = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">${img}</body></html>`,
    );
    const path = join(ROOT, 'public', `icon-${size}.png`);
    await page.locator('svg').screenshot({ path, omitBackground: true });
    await page.close();
    console.log(`wrote ${path}`);
  }
} finally {
  await browser.close();
}

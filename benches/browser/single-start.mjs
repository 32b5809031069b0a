// Start-up of one-file builds from disk (file://, no server), side by side: for each file given,
// `runs` fresh contexts opened in turns, each timed inside the page from navigation start to
// the app mounted (the banner's heading in the DOM) and to the start page's buttons painted.
// Medians; timings are reported, never asserted.
//
// Usage: node benches/browser/single-start.mjs [runs, default 9] file.html [file.html …]

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

import { CHROMIUM, LAUNCH_ARGS } from '../../tests/e2e/support/harness.mjs';

const args = process.argv.slice(2);
const runs = /^\d+$/.test(args[0] ?? '') ? Number(args.shift()) : 9;
const files = args.map((f) => resolve(f));
if (!files.length) {
  console.error('usage: node benches/browser/single-start.mjs [runs] file.html [file.html …]');
  process.exit(2);
}

function probe() {
  const t = (window.__start = { mounted: null, painted: null });
  new MutationObserver(() => {
    if (t.mounted == null && document.querySelector('header h1') && document.querySelector('main button')) {
      t.mounted = performance.now();
      requestAnimationFrame(() => setTimeout(() => (t.painted = performance.now()), 0));
    }
  }).observe(document, { subtree: true, childList: true });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
const times = files.map(() => ({ mounted: [], painted: [] }));
try {
  for (let i = 0; i < runs; i++) {
    for (const [k, file] of files.entries()) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      await context.addInitScript(probe);
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href);
      await page.waitForFunction(() => window.__start?.painted != null, null, { timeout: 120_000, polling: 50 });
      const t = await page.evaluate(() => window.__start);
      times[k].mounted.push(t.mounted);
      times[k].painted.push(t.painted);
      await context.close();
    }
  }
} finally {
  await browser.close();
}
for (const [k, file] of files.entries()) {
  const r = (x) => Math.round(x);
  console.log(`${file}: mounted ${r(median(times[k].mounted))} ms, painted ${r(median(times[k].painted))} ms (medians of ${runs}; all painted: ${times[k].painted.map(r).join(', ')})`);
}

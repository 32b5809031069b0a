// The top bar (banner): one row on a 1280 px screen, kept at the top while the ledger scrolls;
// on a short window it scrolls away with the page, leaving the room to the ledger.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { scenario, useBrowser } from './support/harness.mjs';
import { expectCount } from './support/until.mjs';

const env = useBrowser();

/** The banner's box, and the tops and bottoms of the controls in it. */
async function banner(app) {
  const bar = app.page.getByRole('banner');
  const box = await bar.boundingBox();
  const controls = await bar.locator('button, select, input:not([type=file]), h1').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { what: e.textContent.trim() || e.getAttribute('aria-label') || e.tagName, top: r.top, bottom: r.bottom };
    }),
  );
  return { box, controls };
}

test('the top bar is one row at 1280 × 900 and stays; on a short window it scrolls away', scenario(env, async ({ laptop }) => {
  const app = await laptop('screen');
  await app.start.openExample();
  await expectCount(app.checklist.problemToggles, 20, 'the example problems');
  const { box, controls } = await banner(app);
  // one row: every control's middle is in the same band, and the bar is that band's height
  const middles = controls.map((c) => (c.top + c.bottom) / 2);
  const tall = Math.max(...controls.map((c) => c.bottom)) - Math.min(...controls.map((c) => c.top));
  assert.ok(tall <= 64, `the controls span ${Math.round(tall)} px: ${JSON.stringify(controls.map((c) => [c.what, Math.round(c.top)]))}`);
  assert.ok(box.height <= 80, `the top bar is ${Math.round(box.height)} px high at 1280 × 900 (two rows were 147 px)`);
  assert.ok(Math.max(...middles) - Math.min(...middles) < 40, 'its controls in one row');
  // it stays at the top while the checklist scrolls
  await app.page.mouse.wheel(0, 1500);
  await app.page.waitForFunction(() => scrollY > 1000);
  assert.equal(Math.round((await app.page.getByRole('banner').boundingBox()).y), 0, 'kept at the top');

  // a short window (a laptop with a docked panel, a zoomed page): it goes with the page
  await app.page.setViewportSize({ width: 1280, height: 560 });
  await app.page.evaluate(() => scrollTo(0, 0));
  await app.page.mouse.wheel(0, 1500);
  await app.page.waitForFunction(() => scrollY > 1000);
  const scrolled = await app.page.getByRole('banner').boundingBox();
  assert.ok(scrolled.y + scrolled.height <= 0, `scrolled away on a 560 px window (its bottom at ${Math.round(scrolled.y + scrolled.height)} px)`);
}));

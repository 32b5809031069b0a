// Polling helpers: node:test has no web-first `expect`, so tests poll for what they await.

/** Default time a polled condition may take (the debug build's wasm is ~18 MB). */
export const TIMEOUT = Number(process.env.E2E_TIMEOUT ?? 15000);

export const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Poll `fn` until it neither throws nor returns `false`; resolve to its last value.
 * On timeout, fail with `what` and the last error or value, so a failure says what was
 * awaited and what was seen instead.
 */
export async function until(fn, what, { timeout = TIMEOUT, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value !== false) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() > deadline) {
      const seen = last.error
        ? last.error.message
        : `the condition was still false`;
      const err = new Error(`timed out after ${timeout} ms waiting for: ${what}\n  last: ${seen}`);
      if (last.error) err.cause = last.error;
      throw err;
    }
    await sleep(interval);
  }
}

const norm = (s) => s.replace(/\s+/g, ' ').trim();

/** The visible text of every element the locator matches, joined; does not wait. */
export async function textOf(locator) {
  return norm((await locator.allInnerTexts()).join('\n'));
}

function check(actual, expected, what) {
  const ok = expected instanceof RegExp ? expected.test(actual) : actual === expected;
  if (!ok) {
    throw new Error(`${what}: expected ${expected instanceof RegExp ? expected : JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
  return actual;
}

/** Wait until the locator's text equals `expected` (whitespace normalised) or matches a RegExp. */
export function expectText(locator, expected, what = String(locator)) {
  return until(async () => check(await textOf(locator), expected, what), `${what} to read ${expected}`);
}

/** Wait until the locator matches exactly `n` elements. */
export function expectCount(locator, n, what = String(locator)) {
  return until(async () => check(String(await locator.count()), String(n), `${what} count`), `${n} × ${what}`);
}

/** Wait until a form control's value equals `expected` (or matches a RegExp). */
export function expectValue(locator, expected, what = String(locator)) {
  return until(
    async () => check(await locator.inputValue({ timeout: 1000 }), expected, what),
    `${what} to have value ${expected}`,
  );
}

/** Wait until the locator is visible (or, with `false`, hidden or gone). */
export function expectVisible(locator, visible = true, what = String(locator)) {
  return until(async () => (await locator.isVisible()) === visible, `${what} to be ${visible ? 'visible' : 'hidden'}`);
}

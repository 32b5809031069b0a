// The one-file build's bytes-as-text (scripts/pack-bytes.mjs): every byte value, every pair of
// neighbours (the escapes look one byte ahead), random arrays and real gzip output go through
// `packText` and back through `unpackBytes`, the decoder the page and the worker run, both as
// the text of a <script type="text/plain"> (the page's wasm, the guide) and inside a
// String.raw`…` template (the worker's wasm):
// - in Node, with the file read as the WHATWG windows-1252 index below says a browser reads
//   it (Node's own TextDecoder reads 0x80–0x9F as Latin-1, which must fail);
// - in Chromium, from file://, in a page declared windows-1252 and in a worker started from a
//   blob: URL of a <script type="text/plain">, as the one file starts its worker (SHA-256 of
//   what each got back compared).

import { test } from 'node:test';
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

import { CHROMIUM, LAUNCH_ARGS } from './support/harness.mjs';
import { UNPACK_SOURCE, packText } from '../../scripts/pack-bytes.mjs';

// The Encoding Standard's index-windows-1252 for 0x80–0x9F; every other byte is its own code point.
const W1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
function readAsBrowser(bytes) {
  const codes = Array.from(bytes, (b) => (b >= 0x80 && b < 0xa0 ? W1252_HIGH[b - 0x80] : b));
  let text = '';
  for (let i = 0; i < codes.length; i += 4096) text += String.fromCharCode(...codes.slice(i, i + 4096));
  return text;
}
class BrowserTextDecoder {
  constructor(label) {
    assert.equal(label, 'windows-1252');
  }
  decode(bytes) {
    return readAsBrowser(bytes);
  }
}

/** A seeded xorshift, so a failure can be replayed. */
function randomBytes(length, seed) {
  let x = seed >>> 0 || 1;
  return Uint8Array.from({ length }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x & 0xff;
  });
}

const CASES = {
  empty: new Uint8Array(0),
  'every byte value': Uint8Array.from({ length: 256 }, (_, b) => b),
  'every byte value, descending': Uint8Array.from({ length: 256 }, (_, b) => 255 - b),
  // every ordered pair of bytes side by side: NUL before a digit, "<" before "/" or "!", …
  'every pair of neighbours': Uint8Array.from({ length: 2 * 65536 }, (_, i) => (i % 2 ? i >> 1 : i >> 9) & 0xff),
  'runs of the escaped bytes': Buffer.concat([Buffer.of(0, 0, 0, 0x30), Buffer.from('<</<!--</script>``${$${\\\\\\l\\0\n\n\r\r\r\n<')]),
  'ends on NUL': Uint8Array.of(0x31, 0),
  'ends on <': Uint8Array.of(0x2f, 0x3c),
  'ends on a backslash': Uint8Array.of(0x5c),
  'ends on $': Uint8Array.of(0x24),
  'random, 1 byte': randomBytes(1, 7),
  'random, 1,000 bytes': randomBytes(1000, 30),
  'random, 300,000 bytes': randomBytes(300_000, 2026),
  'gzip of text': gzipSync(Buffer.from('整改台账 Rectify '.repeat(2000))),
};

/** The text of a <script type="text/plain"> holding the packed bytes, read as a browser reads the file. */
function elementText(fileBytes) {
  const text = readAsBrowser(fileBytes);
  // what the HTML parser would change or end the script at
  assert.doesNotMatch(text, /[\0\r]|<[/!]/, 'no NUL, CR, "</" or "<!" inside the script');
  return text;
}

/** What JavaScript makes of String.raw`…` around the packed bytes, in a file read as a browser reads it. */
function templateText(fileBytes) {
  const text = elementText(fileBytes);
  const unescaped = [...text.matchAll(/\\[^]|`|\$\{/g)].filter(([m]) => m[0] !== '\\');
  assert.deepEqual(unescaped, [], 'no end of the template, no ${ in it');
  return vm.runInNewContext(`'use strict'; String.raw\`${text}\``);
}

function decoderWith(TextDecoder) {
  return vm.runInNewContext(`${UNPACK_SOURCE}; unpackBytes`, { TextDecoder, Int16Array, Uint8Array, Error });
}

test('every byte packs and unpacks to itself, as a browser reads the windows-1252 file', () => {
  const unpackBytes = decoderWith(BrowserTextDecoder);
  for (const [name, bytes] of Object.entries(CASES)) {
    const packed = packText(bytes);
    assert.deepEqual(unpackBytes(elementText(packed)), new Uint8Array(bytes), `${name}, in an element`);
    assert.deepEqual(unpackBytes(templateText(packed)), new Uint8Array(bytes), `${name}, in a template`);
  }
  const random = CASES['random, 300,000 bytes'];
  const cost = packText(random).length / random.length;
  assert.ok(cost < 1.02, `about 1.016 bytes of file a random byte (${cost.toFixed(4)})`);
});

test('a decoder with the wrong table fails: Node reads 0x80–0x9F as Latin-1, not windows-1252', () => {
  const wrong = decoderWith(TextDecoder);
  assert.throws(() => wrong(elementText(packText(CASES['every byte value']))), /U\+20ac is not a windows-1252 character/);
});

test('text read in another encoding is refused, naming the cause', () => {
  const unpackBytes = decoderWith(BrowserTextDecoder);
  assert.throws(() => unpackBytes('ok\ufffd'), /U\+fffd is not a windows-1252 character: this file was read in another encoding/);
  assert.throws(() => unpackBytes('ok\\'), /a broken escape/);
  assert.throws(() => unpackBytes('\\x'), /a broken escape/);
});

test('in Chromium from file://, the page (elements) and a blob: worker (templates) get every byte back', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rectify-bytes-'));
  const names = Object.keys(CASES);
  const packed = names.map((name) => packText(CASES[name]));
  const ascii = (text) => Buffer.from(text, 'latin1');
  const digests = `const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const digests = (texts) => Promise.all(texts.map(async (text) => hex(new Uint8Array(await crypto.subtle.digest('SHA-256', unpackBytes(text))))));\n`;
  const file = join(dir, 'bytes.html');
  await writeFile(
    file,
    Buffer.concat([
      ascii('<!doctype html><meta charset="windows-1252"><title>bytes</title>\n'),
      ...packed.flatMap((p) => [ascii('<script type="text/plain" class="packed">'), p, ascii('</script>\n')]),
      ascii(`<script type="text/plain" id="worker">\n${UNPACK_SOURCE}\n${digests}digests([`),
      ...packed.flatMap((p) => [ascii('String.raw`'), p, ascii('`,')]),
      ascii(`]).then(postMessage);\n</script>\n<script type="module">\n${UNPACK_SOURCE}\n${digests}
window.fromPage = await digests([...document.querySelectorAll('.packed')].map((e) => e.textContent));
const source = document.getElementById('worker').textContent;
const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
window.fromWorker = new Promise((resolve, reject) => { worker.onmessage = (e) => resolve(e.data); worker.onerror = (e) => reject(e.message); });
</script>\n`),
    ]),
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => window.fromPage != null);
    assert.equal(await page.evaluate(() => document.characterSet), 'windows-1252');
    const fromPage = await page.evaluate(() => window.fromPage);
    const fromWorker = await page.evaluate(() => window.fromWorker);
    for (const [i, name] of names.entries()) {
      const expected = createHash('sha256').update(CASES[name]).digest('hex');
      assert.equal(fromPage[i], expected, `page: ${name}`);
      assert.equal(fromWorker[i], expected, `worker: ${name}`);
    }
  } finally {
    await browser.close();
    await rm(dir, { recursive: true });
  }
});

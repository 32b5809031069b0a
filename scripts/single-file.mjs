// Makes the one-file build: dist-single/rectify.html, the whole app in one HTML file that
// works when opened from disk (file://), from a USB stick or an e-mail attachment, with no
// server. Trunk runs it after every release build (scripts/post-build.sh, on its staging
// folder); by hand, after any `trunk build`:
//   node scripts/single-file.mjs [dist folder, default dist/] [output, default dist-single/rectify.html]
//
// From Trunk's dist/index.html it
// - inlines the stylesheets as <style>, the favicon as a data: URL;
// - drops the <link rel="modulepreload"/"preload"> of the glue and the wasm, the manifest and
//   the apple-touch-icon (side files a file:// page cannot fetch), and marks the page
//   <meta name="rectify-build" content="single-file"> (the app then never registers the
//   service worker);
// - replaces Trunk's loader (`import init, * as bindings from './rectify-app-….js'; … init({
//   module_or_path: './…_bg.wasm' })`) by one inline <script type="module"> holding
//   wasm-bindgen's JS glue (its `export`s and `import.meta` removed) and
//   `__wbg_init({ module_or_path: … })`: inline module scripts run from file://, only module
//   imports and fetches of other files are refused there;
// - puts the page's wasm, gzip-compressed (Zopfli), at the top of <body> in
//   <script type="text/plain" id="rectify-wasm">, followed by a classic script that unpacks it
//   (DecompressionStream, into a Response the wasm compiles from as it streams) while the rest
//   of the file is parsed; the worker's glue and wasm go into the worker's source, only text
//   until the worker first starts; the guide into <script type="text/markdown">;
// - declares the file windows-1252 and puts those bytes in as they are (scripts/pack-bytes.mjs:
//   8 bits a byte, base64 holds 6); everything else is made ASCII (character references in
//   the HTML, escapes in the CSS).
// Fails (exit 1) when Trunk's or wasm-bindgen's output does not have the shape this expects,
// so a changed toolchain never yields a silently broken file.

import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';

import { UNPACK_SOURCE, packText } from './pack-bytes.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DIST = resolve(process.argv[2] ?? join(ROOT, 'dist'));
const OUT = resolve(process.argv[3] ?? join(ROOT, 'dist-single', 'rectify.html'));

function fail(message) {
  console.error(`scripts/single-file.mjs: ${message}`);
  console.error('  (Trunk or wasm-bindgen output changed shape? Update scripts/single-file.mjs.)');
  process.exit(1);
}

/** Replace exactly one match of `pattern` (a global RegExp) in `text`, or fail. */
function replaceOne(text, pattern, replacement, what) {
  const matches = [...text.matchAll(pattern)];
  if (matches.length !== 1) fail(`expected one ${what} in ${DIST}/index.html, found ${matches.length}`);
  return text.replace(pattern, replacement);
}

const html0 = await readFile(join(DIST, 'index.html'), 'utf8').catch(() =>
  fail(`${DIST}/index.html is missing: run \`trunk build --release\` first`),
);
const files = await readdir(DIST);
const local = (href) => {
  const name = decodeURIComponent(href.replace(/^\.\//, '').split(/[?#]/)[0]);
  if (name.includes('/') || !files.includes(name)) fail(`${href} is not a file in ${DIST}`);
  return join(DIST, name);
};
const attr = (tag, name) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];

// Bytes that go into the file as they are: a placeholder (NUL-delimited, as no text part holds
// NUL) stands for each packed text until the file is written.
const packs = [];
const packed = (bytes) => `\0${packs.push(packText(bytes)) - 1}\0`;
const NON_ASCII = /[^\0-\x7f]/gu;
const isAscii = (text) => !/[^\0-\x7f]/.test(text);
const hex = (c) => c.codePointAt(0).toString(16);

// Zopfli's gzip (below), in a thread of its own.
let zopfliPath;
try {
  zopfliPath = createRequire(import.meta.url).resolve('@gfx/zopfli');
} catch {
  fail('npm package @gfx/zopfli is missing: run scripts/setup.sh (npm ci)');
}
function zopfliGzip(bytes, what) {
  return new Promise((resolve, reject) => {
    const thread = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
      require(workerData.zopfliPath).gzip(workerData.bytes, { numiterations: 1 }, (error, out) => {
        if (error) throw error;
        parentPort.postMessage(out);
      });`,
      { eval: true, workerData: { zopfliPath, bytes } },
    );
    thread.once('message', (out) => resolve(Buffer.from(out)));
    thread.once('error', reject);
  }).then((gzip) => {
    if (!gunzipSync(gzip).equals(bytes)) fail(`Zopfli's gzip of ${what} does not unpack to it`);
    return gzip;
  });
}

// Trunk's loader: the glue module and the wasm it initialises.
const loaderPattern =
  /<script type="module"[^>]*>\s*import init, \* as bindings from '([^']+\.js)';\s*const wasm = await init\(\{ module_or_path: '([^']+\.wasm)' \}\);[\s\S]*?<\/script>/g;
const loader = [...html0.matchAll(loaderPattern)];
if (loader.length !== 1) fail(`expected one Trunk loader <script type="module">import init, * as bindings from '….js'; … init({ module_or_path: '….wasm' }) … in index.html, found ${loader.length}`);
const [, glueHref, wasmHref] = loader[0];
if (!loader[0][0].includes('TrunkApplicationStarted')) fail('the Trunk loader no longer dispatches TrunkApplicationStarted');

let glue = await readFile(local(glueHref), 'utf8');
const wasm = await readFile(local(wasmHref));
if (wasm.subarray(0, 4).toString('latin1') !== '\0asm') fail(`${wasmHref} is not a WebAssembly module`);
const wasmGzip = zopfliGzip(wasm, wasmHref);

// The glue: a wasm-bindgen `--target web` module with no imports of its own.
const exportList = /^export \{ initSync, __wbg_init as default \};\s*$/m;
if (!exportList.test(glue)) fail(`${glueHref} lacks wasm-bindgen's "export { initSync, __wbg_init as default };"`);
if (!/^async function __wbg_init\(module_or_path\) \{/m.test(glue)) fail(`${glueHref} lacks "async function __wbg_init(module_or_path)"`);
if (/^\s*import\s|\bimport\s*\(/m.test(glue)) fail(`${glueHref} imports other modules (snippets?): inline them first`);
glue = glue
  .replace(exportList, '')
  .replace(/^export (function|class|const|let|async function) /gm, '$1 ')
  .replaceAll('import.meta.url', 'document.baseURI');
if (/^export\s/m.test(glue)) fail(`${glueHref} has an export this script does not know: ${glue.match(/^export\s.*$/m)[0]}`);
if (/import\.meta/.test(glue)) fail(`${glueHref} still uses import.meta`);
if (!isAscii(glue)) fail(`${glueHref} holds non-ASCII text, which this windows-1252 file cannot carry as is`);
glue = glue.replaceAll('</script', '<\\/script');

// The wasm goes in gzip-compressed, its bytes as they are (scripts/pack-bytes.mjs): about 38%
// of the raw wasm. The gzip is Zopfli's (npm @gfx/zopfli, in wasm; one iteration): a stream
// every gunzip reads, 4.3% smaller than zlib's level 9, at 5–25 s a module on a small machine,
// so the two modules compress side by side in threads. `inflate` (in the page and in the
// worker) takes the bytes back and unpacks them with the browser's own DecompressionStream, as
// a Response the wasm compiles from as it streams; gzip's CRC-32 makes any wrong byte fail
// the start rather than run.
const inflate = `${UNPACK_SOURCE}
function inflate(text) {
  const wasm = new Blob([unpackBytes(text)]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(wasm, { headers: { 'Content-Type': 'application/wasm' } });
}`;

// The page's wasm: <script type="text/plain" id="rectify-wasm"> at the top of <body>, then a
// classic script, run as soon as it is parsed, that starts compiling it (off the main thread)
// while the parser still reads the rest of the file, the worker's half. Not in a JS string:
// JavaScript would parse a megabyte of it before the page's script could run.
const wasmStart = `<script>
${inflate}
if (document.characterSet === 'windows-1252') {
  const packed = document.getElementById('rectify-wasm');
  window.rectifyWasm = WebAssembly.compileStreaming(inflate(packed.textContent));
  packed.remove();
}
</script>`;

// The user guide (docs/guide.md, copied to dist/guide.md), which the 帮助 view fetches when
// hosted: here <script type="text/markdown" id="rectify-guide">, read by src/platform/mod.rs's
// guide_text(), its packed UTF-8 replaced by its text before the app starts.
if (!files.includes('guide.md')) fail(`guide.md is missing from ${DIST} (the copy-file link in public/index.html)`);
const guide = await readFile(join(DIST, 'guide.md'));

// Read in another encoding (a web server's charset header overrides the file's own), the bytes
// are lost: the page says so rather than fail silently.
const wrongEncoding = JSON.stringify(
  '整改台账无法启动：这个文件被当作 CHARSET 编码读取了。请直接从磁盘打开它（双击文件），不要经网站服务器打开。' +
    ' Rectify cannot start: this file was read as CHARSET. Open it straight from disk (double-click it), not through a web server.',
).replace(NON_ASCII, (c) => `\\u${hex(c).padStart(4, '0')}`);
const start = `
// ---- the app's wasm, compiling since the classic script after <script id="rectify-wasm"> ----
if (document.characterSet !== 'windows-1252') {
  document.body.textContent = ${wrongEncoding}.replaceAll('CHARSET', document.characterSet);
  throw new Error('the one-file build was read as ' + document.characterSet + ', not windows-1252');
}
if (!window.rectifyWasm) throw new Error("the page's wasm did not start (the error above)");
const guide = document.getElementById('rectify-guide');
guide.textContent = new TextDecoder().decode(unpackBytes(guide.textContent));
const wasm_instance = await __wbg_init({ module_or_path: window.rectifyWasm });
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: wasm_instance } }));
`;

// The Web Worker (Excel, Word, the trial load of picked files): Trunk's no-modules glue
// `rectify-worker.js` (it defines `wasm_bindgen`) and `rectify-worker_bg.wasm`, put in the page
// as the source of a blob: worker, <script type="text/plain" id="rectify-worker-source">, which
// src/platform/worker.rs starts on first use; its wasm in a String.raw`…` template, parsed by
// JavaScript only in the worker.
const WORKER_JS = 'rectify-worker.js';
const WORKER_WASM = 'rectify-worker_bg.wasm';
if (!files.includes(WORKER_JS) || !files.includes(WORKER_WASM)) fail(`${WORKER_JS} or ${WORKER_WASM} is missing from ${DIST} (the rectify-worker link in public/index.html)`);
let workerGlue = await readFile(join(DIST, WORKER_JS), 'utf8');
const workerWasm = await readFile(join(DIST, WORKER_WASM));
if (workerWasm.subarray(0, 4).toString('latin1') !== '\0asm') fail(`${WORKER_WASM} is not a WebAssembly module`);
const workerGzip = zopfliGzip(workerWasm, WORKER_WASM);
if (!/\bwasm_bindgen\b/.test(workerGlue) || /^\s*(import|export)\s/m.test(workerGlue)) fail(`${WORKER_JS} is not wasm-bindgen's no-modules glue (a global wasm_bindgen, no import/export)`);
if (!isAscii(workerGlue)) fail(`${WORKER_JS} holds non-ASCII text, which this windows-1252 file cannot carry as is`);
workerGlue = workerGlue.replaceAll('</script', '<\\/script');

const body = `
<script type="text/plain" id="rectify-wasm">${packed(await wasmGzip)}</script>
${wasmStart}`;
const tail = `<script type="text/plain" id="rectify-worker-source">
${workerGlue}
${inflate}
wasm_bindgen({ module_or_path: inflate(String.raw\`${packed(await workerGzip)}\`) });
</script>
<script type="text/markdown" id="rectify-guide">${packed(guide)}</script>
`;

// Trunk's page, its Chinese (title, description, <noscript>) as character references.
if (/<(script|style)\b[^>]*>[^<]*[^\0-\x7f]/i.test(html0)) fail('index.html has non-ASCII text in a <script> or <style>');
let html = html0.replace(NON_ASCII, (c) => `&#x${hex(c)};`);
html = replaceOne(html, /<body>/g, (m) => `${m}${body}`, '<body>');
html = replaceOne(html, /<\/body>/g, () => `${tail}</body>`, '</body>');
html = replaceOne(html, loaderPattern, () => `<script type="module">\n${glue}\n${start}</script>`, 'Trunk loader script');

// Preloads of the glue and the wasm: nothing to fetch any more.
html = replaceOne(html, /<link rel="modulepreload"[^>]*>\s*/g, '', '<link rel="modulepreload">');
html = replaceOne(html, /<link rel="preload"[^>]*\.wasm"[^>]*>\s*/g, '', '<link rel="preload" …wasm>');

// Stylesheets inline (Trunk emits one hashed <link rel="stylesheet"> per css asset).
let sheets = 0;
const sheetTags = [...html.matchAll(/<link rel="stylesheet"[^>]*>/g)];
for (const [tag] of sheetTags) {
  const href = attr(tag, 'href');
  if (!href) fail(`a stylesheet link without href: ${tag}`);
  const css = await readFile(local(href), 'utf8');
  if (/<\/style/i.test(css)) fail(`${href} contains "</style"`);
  // CSS escapes for the font names and comments in Chinese (the space ends the escape)
  const ascii = css.replace(NON_ASCII, (c) => `\\${hex(c)} `);
  html = html.replace(tag, () => `<style>\n${ascii}\n</style>`);
  sheets++;
}
if (sheets === 0) fail('no <link rel="stylesheet"> in index.html');

// The favicon as a data: URL; the PWA links (manifest, touch icon) go: they need a server.
const icon = [...html.matchAll(/<link rel="icon"[^>]*>/g)];
if (icon.length !== 1) fail(`expected one <link rel="icon">, found ${icon.length}`);
const iconHref = attr(icon[0][0], 'href');
const svg = await readFile(local(iconHref));
html = html.replace(icon[0][0], () => `<link rel="icon" href="data:image/svg+xml;base64,${svg.toString('base64')}" type="image/svg+xml">`);
html = replaceOne(html, /<link rel="manifest"[^>]*>\s*/g, '', '<link rel="manifest">');
html = replaceOne(html, /<link rel="apple-touch-icon"[^>]*>\s*/g, '', '<link rel="apple-touch-icon">');

// The file's encoding (scripts/pack-bytes.mjs); mark the build (the app never registers a
// service worker in it).
html = replaceOne(html, /<meta charset="?utf-8"?\s*\/?>/gi, () => '<meta charset="windows-1252">\n  <meta name="rectify-build" content="single-file">', '<meta charset="utf-8">');
if (html.indexOf('<meta charset="windows-1252">') > 900) fail('<meta charset> is not within the first 1,024 bytes, where browsers look for it');

// Nothing may still point at a side file.
const refs = [...html.matchAll(/<(?:link|script|img|source)\b[^>]*\s(?:href|src)="([^"]*)"/g)]
  .map((m) => m[1])
  .filter((u) => !u.startsWith('data:') && !u.startsWith('#'));
if (refs.length) fail(`the file still refers to other files: ${refs.join(', ')}`);
if (/<script[^>]*\ssrc=/.test(html)) fail('an external <script src> is left');

// The text is ASCII, the packed texts are bytes.
const pieces = html.split(/\0(\d+)\0/);
const file = Buffer.concat(
  pieces.map((piece, i) => {
    if (i % 2) return packs[Number(piece)];
    if (/[^\x01-\x7f]/.test(piece)) fail(`non-ASCII text left outside the packed bytes: ${piece.match(/.{0,40}[^\x01-\x7f]/)[0]}`);
    return Buffer.from(piece, 'latin1');
  }),
);
if (pieces.length !== 2 * packs.length + 1) fail('a packed text went missing');

await mkdir(dirname(OUT), { recursive: true });
await writeFile(OUT, file);
console.log(
  `scripts/single-file.mjs: wrote ${OUT} (${file.length} bytes; wasm ${wasm.length} bytes, worker wasm ${workerWasm.length} bytes, both gzip, as bytes in windows-1252; ${sheets} stylesheets inlined)`,
);

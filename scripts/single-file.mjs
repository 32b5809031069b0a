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
//   wasm-bindgen's JS glue (its `export`s and `import.meta` removed) followed by the wasm,
//   gzip-compressed as base64, started with `__wbg_init({ module_or_path: inflate(…) })`
//   (DecompressionStream unpacks it into a Response the wasm compiles from as it streams):
//   inline module scripts run from file://, only module imports and fetches of other files
//   are refused there. The worker's wasm goes the same way into the worker's source, which
//   is only text until the worker first starts.
// Fails (exit 1) when Trunk's or wasm-bindgen's output does not have the shape this expects,
// so a changed toolchain never yields a silently broken file.

import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';

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
glue = glue.replaceAll('</script', '<\\/script');

// The wasm goes in gzip-compressed, as base64 (the file is text): about 40% of the raw wasm
// as base64 would be. `inflate` (in the page and in the worker) decodes it and unpacks it with
// the browser's own DecompressionStream, as a Response the wasm compiles from as it streams.
const packed = (bytes) => gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).toString('base64');
const inflate = `function inflate(base64) {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  const wasm = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(wasm, { headers: { 'Content-Type': 'application/wasm' } });
}`;
const start = `
// ---- the wasm, embedded (gzip, base64), started without fetching anything ----
${inflate}
const wasm_instance = await __wbg_init({ module_or_path: inflate("${packed(wasm)}") });
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: wasm_instance } }));
`;

// The Web Worker (Excel, Word, the trial load of picked files): Trunk's no-modules glue
// `rectify-worker.js` (it defines `wasm_bindgen`) and `rectify-worker_bg.wasm`, put in the page
// as the source of a blob: worker, <script type="text/plain" id="rectify-worker-source">, which
// src/platform/worker.rs starts on first use.
const WORKER_JS = 'rectify-worker.js';
const WORKER_WASM = 'rectify-worker_bg.wasm';
if (!files.includes(WORKER_JS) || !files.includes(WORKER_WASM)) fail(`${WORKER_JS} or ${WORKER_WASM} is missing from ${DIST} (the rectify-worker link in public/index.html)`);
let workerGlue = await readFile(join(DIST, WORKER_JS), 'utf8');
const workerWasm = await readFile(join(DIST, WORKER_WASM));
if (workerWasm.subarray(0, 4).toString('latin1') !== '\0asm') fail(`${WORKER_WASM} is not a WebAssembly module`);
if (!/\bwasm_bindgen\b/.test(workerGlue) || /^\s*(import|export)\s/m.test(workerGlue)) fail(`${WORKER_JS} is not wasm-bindgen's no-modules glue (a global wasm_bindgen, no import/export)`);
workerGlue = workerGlue.replaceAll('</script', '<\\/script');
const workerSource = `<script type="text/plain" id="rectify-worker-source">
${workerGlue}
${inflate}
wasm_bindgen({ module_or_path: inflate("${packed(workerWasm)}") });
</script>`;

// The user guide (docs/guide.md, copied to dist/guide.md), which the 帮助 view fetches when
// hosted: inline as <script type="text/markdown" id="rectify-guide">, read by
// src/platform/mod.rs's guide_text(). Its text goes in verbatim, so it may not close or
// comment out the script.
if (!files.includes('guide.md')) fail(`guide.md is missing from ${DIST} (the copy-file link in public/index.html)`);
const guide = await readFile(join(DIST, 'guide.md'), 'utf8');
if (/<\/script|<!--/i.test(guide)) fail('docs/guide.md holds "</script" or "<!--", which cannot go inline');
const guideSource = `<script type="text/markdown" id="rectify-guide">\n${guide}</script>`;

let html = html0;
html = replaceOne(html, /<\/body>/g, () => `${workerSource}\n${guideSource}\n</body>`, '</body>');
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
  html = html.replace(tag, () => `<style>\n${css}\n</style>`);
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

// Mark the build (the app never registers a service worker in it).
html = replaceOne(html, /<meta charset="?utf-8"?\s*\/?>/gi, (m) => `${m}\n  <meta name="rectify-build" content="single-file">`, '<meta charset="utf-8">');

// Nothing may still point at a side file.
const refs = [...html.matchAll(/<(?:link|script|img|source)\b[^>]*\s(?:href|src)="([^"]*)"/g)]
  .map((m) => m[1])
  .filter((u) => !u.startsWith('data:') && !u.startsWith('#'));
if (refs.length) fail(`the file still refers to other files: ${refs.join(', ')}`);
if (/<script[^>]*\ssrc=/.test(html)) fail('an external <script src> is left');

await mkdir(dirname(OUT), { recursive: true });
await writeFile(OUT, html);
console.log(
  `scripts/single-file.mjs: wrote ${OUT} (${Buffer.byteLength(html)} bytes; wasm ${wasm.length} bytes, worker wasm ${workerWasm.length} bytes, both gzip + base64; ${sheets} stylesheets inlined)`,
);

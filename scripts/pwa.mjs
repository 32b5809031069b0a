// Trunk post_build hook (Trunk.toml): turns the built app into an offline web app.
// - Lists every file of the build (index.html, the hashed .js/.wasm/.css, icons, manifest),
//   except sw.js itself.
// - VERSION = the first 16 hex digits of a SHA-256 over those files' names and bytes and the
//   sw.js template: a new build gets a new version exactly when something changed.
// - Writes VERSION and the list into sw.js (see public/sw.js), and VERSION into index.html as
//   <meta name="rectify-version">, which the app compares with the version this browser ran
//   last ("已更新到新版本").
// Runs in Trunk's staging directory ($TRUNK_STAGING_DIR), or on a folder given as argument:
//   node scripts/pwa.mjs dist
// Fails loudly (exit 1) when the build does not have the expected shape.

import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) fail('usage: node scripts/pwa.mjs <built app folder> (or run as a Trunk hook)');

function fail(message) {
  console.error(`scripts/pwa.mjs: ${message}`);
  process.exit(1);
}

async function filesUnder(root, folder = root) {
  const out = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(root, path)));
    else if (entry.isFile()) out.push(relative(root, path).split(sep).join('/'));
  }
  return out.sort();
}

const files = await filesUnder(dir);
for (const needed of ['index.html', 'sw.js', 'manifest.webmanifest', 'favicon.svg', 'icon-192.png', 'icon-512.png']) {
  if (!files.includes(needed)) fail(`${needed} is missing from ${dir}: check the copy-file links in public/index.html`);
}
for (const kind of ['.js', '.wasm', '.css']) {
  if (!files.some((f) => f !== 'sw.js' && f.endsWith(kind))) fail(`no ${kind} file in ${dir}: did Trunk's output change?`);
}

const template = await readFile(join(dir, 'sw.js'), 'utf8');
const VERSION_SLOT = "'__RECTIFY_VERSION__'";
const ASSETS_SLOT = '[/* __RECTIFY_ASSETS__ */]';
if (!template.includes(VERSION_SLOT) || !template.includes(ASSETS_SLOT)) {
  fail(`sw.js in ${dir} lacks ${VERSION_SLOT} or ${ASSETS_SLOT} (already processed, or the template changed)`);
}

const cached = files.filter((f) => f !== 'sw.js');
const hash = createHash('sha256');
hash.update(template);
for (const f of cached) {
  hash.update(`\0${f}\0`);
  hash.update(await readFile(join(dir, f)));
}
const version = hash.digest('hex').slice(0, 16);

// The page is cached under the scope URL ('./'), which is what a visitor opens.
const assets = ['./', ...cached.filter((f) => f !== 'index.html')];
await writeFile(
  join(dir, 'sw.js'),
  template.replace(VERSION_SLOT, JSON.stringify(version)).replace(ASSETS_SLOT, JSON.stringify(assets, null, 2)),
);

const indexPath = join(dir, 'index.html');
const html = await readFile(indexPath, 'utf8');
if (html.includes('name="rectify-version"')) fail(`${indexPath} already has a rectify-version`);
const charset = /<meta charset="?utf-8"?\s*\/?>/i;
if (!charset.test(html)) fail(`no <meta charset="utf-8"> in ${indexPath} to put the version after`);
await writeFile(indexPath, html.replace(charset, (m) => `${m}\n  <meta name="rectify-version" content="${version}">`));

console.log(`scripts/pwa.mjs: sw.js caches ${assets.length} files as version ${version}`);

// A tiny static file server for the built app in dist/, on 127.0.0.1 and a random port.
// The browser tests start it in a `before` hook and close it in `after`.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
// E2E_DIST=/path serves another build (e.g. a release build made with --dist elsewhere)
export const DIST = process.env.E2E_DIST ? resolve(process.env.E2E_DIST) : join(ROOT, 'dist');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Throws a clear message when the app has not been built. */
export function requireBuiltApp(dist = DIST) {
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(
      `${join(dist, 'index.html')} is missing: the browser tests serve the built app from ${dist}. ` +
        `Run \`trunk build\` first: cd ${ROOT} && PATH=$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH ` +
        'TRUNK_SKIP_VERSION_CHECK=true trunk build   (or `trunk build --release`)',
    );
  }
}

/**
 * Serve `dist` on 127.0.0.1:0. Resolves to { url, port, close(), setRoot(dir) }; `url` ends
 * with '/'. `setRoot` serves another folder from the same address (a new version deployed).
 * `mounts`, [[prefix, folder], …] checked in order, serve other folders under path prefixes
 * on the same origin (the browser benchmarks' baseline page and ledgers). `port` serves on that
 * port instead of a random one (`scripts/serve-dist.mjs`).
 */
export async function startServer(dist = DIST, { mounts = [], port: wanted = 0 } = {}) {
  requireBuiltApp(dist);
  let root = resolve(dist);
  const mounted = mounts.map(([prefix, dir]) => [prefix, resolve(dir)]);
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      let path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      if (path.endsWith('/')) path += 'index.html';
      const [prefix, base] = mounted.find(([p]) => path.startsWith(p)) ?? ['', root];
      const file = normalize(join(base, path.slice(prefix.length)));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403).end();
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`not found: ${path}`);
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(e));
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(wanted, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    setRoot: (dir) => {
      requireBuiltApp(dir);
      root = resolve(dir);
    },
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

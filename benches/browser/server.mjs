// The browser benchmarks' static server: the browser tests' own server
// (tests/e2e/support/server.mjs) with the built app at /, and on the same origin the JSON
// baseline page (/__bench/…, from this folder) and the synthetic ledgers (/__bench/data/…).

import { fileURLToPath } from 'node:url';

import { startServer as serve } from '../../tests/e2e/support/server.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** Serve `dist` at / and `data` at /__bench/data/ on 127.0.0.1:0; resolves to { url, close() }. */
export function startServer(dist, data) {
  return serve(dist, {
    mounts: [
      ['/__bench/data/', data],
      ['/__bench/', HERE],
    ],
  });
}

// automerge-repo's own sync server (npm @automerge/automerge-repo-sync-server, as
// scripts/sync-server.sh runs it) on a free port with a temporary data folder, for the live
// sync tests; stop() and start() again keep the folder (a restart), wipe() empties it.

import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ROOT } from './server.mjs';

const SERVER = join(ROOT, 'node_modules', '@automerge', 'automerge-repo-sync-server', 'src', 'index.js');

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

export async function syncServer() {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'rectify-sync-'));
  let child = null;
  const server = {
    port,
    dataDir,
    url: `ws://127.0.0.1:${port}`,
    /** the server process's id while it runs (the live-sync benchmark reads its memory) */
    get pid() {
      return child?.pid ?? null;
    },
    async start() {
      child = spawn(process.execPath, [SERVER], {
        env: { ...process.env, PORT: String(port), DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let said = '';
      await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the sync server did not start: ${said}`)), 20000);
        const hear = (chunk) => {
          said += chunk;
          if (said.includes('Listening on port')) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', hear);
        child.stderr.on('data', hear);
        child.once('exit', (code) => reject(new Error(`the sync server exited (${code}): ${said}`)));
      });
    },
    async stop() {
      if (!child) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      child = null;
    },
    async close() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

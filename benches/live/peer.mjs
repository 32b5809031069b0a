// One Node peer of the live-sync benchmark (benches/live/live.mjs), in its own worker thread:
// @automerge/automerge-repo 2.x with its WebSocket client (tests/e2e/support/js-peer.mjs's
// peer), counting the bytes of the WebSocket frames it receives and sends. The main thread
// asks it to seed the server with the ledger, join by URL, type a marker into a problem's
// text, or type on a schedule; it reports each awaited marker's arrival (the handle's
// `change` event whose document holds it) with an epoch time in ms (timeOrigin + now).

import { parentPort } from 'node:worker_threads';
import { Repo } from '@automerge/automerge-repo';
import { WebSocketClientAdapter } from '@automerge/automerge-repo-network-websocket';
import * as Automerge from '@automerge/automerge';

const now = () => performance.timeOrigin + performance.now();

/** The adapter, counting frame payload bytes both ways. */
class CountingAdapter extends WebSocketClientAdapter {
  bytesIn = 0;
  bytesOut = 0;
  receiveMessage(bytes) {
    this.bytesIn += bytes.byteLength;
    super.receiveMessage(bytes);
  }
  send(message) {
    const socket = this.socket;
    if (socket && !socket.__counted) {
      const send = socket.send.bind(socket);
      socket.send = (data, ...rest) => {
        this.bytesOut += data.byteLength ?? data.length;
        return send(data, ...rest);
      };
      socket.__counted = true;
    }
    super.send(message);
  }
}

let repo = null;
let adapter = null;
let handle = null;
/** markers awaited: marker → [problem id, field] */
const awaited = new Map();

function connect(server) {
  adapter = new CountingAdapter(server);
  repo = new Repo({ network: [adapter], sharePolicy: async () => true });
}

function watch() {
  handle.on('change', ({ doc }) => {
    if (!awaited.size) return;
    const t = now();
    for (const [marker, [id, field]] of awaited) {
      if (String(doc.problems?.[id]?.[field] ?? '').includes(marker)) {
        awaited.delete(marker);
        parentPort.postMessage({ arrived: marker, t });
      }
    }
  });
}

/** Where a marker goes in `text`: its middle, moved before a marker it would split. */
function middle(text) {
  const at = Math.floor(text.length / 2);
  const open = text.lastIndexOf('[', at - 1);
  return open >= 0 && text.indexOf(']', open) >= at ? open : at;
}

/** A short text inserted into problem `id`'s `field` at its middle. */
function type(id, field, marker) {
  const t = now();
  handle.change((d) => {
    Automerge.splice(d, ['problems', id, field], middle(String(d.problems[id][field] ?? '')), 0, marker);
  });
  return t;
}

const handlers = {
  async seed({ server, bytes, docId }) {
    connect(server);
    await adapter.whenReady();
    handle = repo.import(new Uint8Array(bytes), { docId });
    watch();
    return { url: handle.url };
  },
  async join({ server, url }) {
    connect(server);
    await adapter.whenReady();
    const t0 = now();
    handle = await repo.find(url);
    const ms = now() - t0;
    watch();
    const live = Object.values(handle.doc().problems).filter((p) => !p.deleted).length;
    return { ms, bytesIn: adapter.bytesIn, bytesOut: adapter.bytesOut, problems: live };
  },
  /** The problem whose description, cause and measures are these (the page's open one). */
  find({ description }) {
    const ids = Object.entries(handle.doc().problems)
      .filter(([, p]) => !p.deleted && String(p.description) === description)
      .map(([id]) => id);
    return { ids };
  },
  allIds() {
    const ids = Object.entries(handle.doc().problems)
      .filter(([, p]) => !p.deleted)
      .map(([id]) => id);
    return { ids };
  },
  await({ marker, id, field }) {
    awaited.set(marker, [id, field]);
    // it may be here already
    if (String(handle.doc().problems[id][field]).includes(marker)) {
      awaited.delete(marker);
      parentPort.postMessage({ arrived: marker, t: now() });
    }
    return {};
  },
  type({ id, field, marker }) {
    return { t: type(id, field, marker) };
  },
  /** Type `edits` markers at `at[i]` (epoch ms) into problems `ids[i]`; resolves when done. */
  async stream({ at, ids, field, markers }) {
    const sent = [];
    for (let i = 0; i < at.length; i++) {
      const wait = at[i] - now();
      if (wait > 0) await new Promise((ok) => setTimeout(ok, wait));
      sent.push(type(ids[i], field, markers[i]));
    }
    return { sent };
  },
  /** Which of `markers` problem `id`'s `field` holds now. */
  holds({ id, field, markers }) {
    const text = String(handle.doc().problems[id][field] ?? '');
    return { held: markers.filter((m) => text.includes(m)) };
  },
  bytes() {
    return { bytesIn: adapter.bytesIn, bytesOut: adapter.bytesOut };
  },
  async close() {
    await repo?.shutdown?.();
    return {};
  },
};

// the client adapter throws a socket's errors (a reset when the server closes); the benchmark
// counts what arrives, so note them and go on
process.on('uncaughtException', (e) => parentPort.postMessage({ note: String(e?.message ?? e) }));

parentPort.on('message', async ({ id, cmd, args }) => {
  try {
    const result = await handlers[cmd](args ?? {});
    parentPort.postMessage({ id, result });
  } catch (e) {
    parentPort.postMessage({ id, error: String(e?.stack ?? e) });
  }
});

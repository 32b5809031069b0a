// Peer CRDTs on the same ledger and history: @automerge/automerge (JS over its wasm core) and
// Yjs, both in Node, replaying the synthetic script that the app's core replays
// (src/synthetic.rs). Prints medians; writes target/bench/peers.json for scripts/bench.sh.
//
//   node benches/peers/peers.mjs target/bench/script-2000.json [samples]
//
// Both mirror the app's document: problems keyed by id, long texts as collaborative text,
// short fields as plain values, 进展记录 as a map of entries; one change (or transaction) per
// edit; laptops exchange everything every `sync_every` edits.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as A from '@automerge/automerge';
import * as Y from 'yjs';

const [scriptPath, samplesArg] = process.argv.slice(2);
const script = JSON.parse(readFileSync(scriptPath, 'utf8'));
const SAMPLES = Number(samplesArg ?? 15);
const TEXTS = ['description', 'cause', 'measures', 'progress', 'evidence'];
const Plain = A.ImmutableString ?? A.RawString; // a string that is a value, not a text

function median(setup, run) {
  const times = [];
  for (let i = 0; i < SAMPLES; i++) {
    const input = setup();
    const t = performance.now();
    run(input);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const place = (len, permille) => Math.floor((len * permille) / 1000);
const ids = script.ledger.problems.map((p) => p.id);
const nthId = (n) => ids[n % ids.length];

// ---- @automerge/automerge -------------------------------------------------------------------
const am = {
  base() {
    return A.change(A.init(), (d) => {
      d.schema = 1;
      d.meta = {};
      for (const [k, v] of Object.entries(script.ledger.meta)) d.meta[k] = typeof v === 'string' ? v : new Plain(String(v));
      d.sections = { ...script.ledger.sections };
      d.categories = {};
      for (const c of script.ledger.categories) d.categories[c.id] = { title: new Plain(c.title), order: new Plain(c.order), deleted: false };
      d.problems = {};
      for (const p of script.ledger.problems) {
        const o = { category_id: new Plain(p.category_id), order: new Plain(p.order), deleted: false, log: {}, departments: {} };
        for (const f of TEXTS) o[f] = p[f];
        for (const f of ['lead', 'owner', 'status']) o[f] = new Plain(String(p[f]));
        o.deadline = new Plain(p.deadline ?? '');
        o.completed_on = new Plain(p.completed_on ?? '');
        for (const dep of p.departments) o.departments[dep] = true;
        d.problems[p.id] = o;
      }
      d.rules = {};
      d.people = {};
    });
  },
  clone: (doc) => A.clone(doc),
  apply(doc, step, i) {
    const e = step.edit;
    const id = nthId(e.problem);
    return A.change(doc, { time: i }, (d) => {
      const p = d.problems[id];
      if (e.op === 'type') A.splice(d, ['problems', id, e.field], place(p[e.field].length, e.at_permille), 0, e.insert);
      else if (e.op === 'delete') {
        const len = p[e.field].length;
        const at = place(len, e.at_permille);
        A.splice(d, ['problems', id, e.field], at, Math.min(e.len, len - at));
      } else if (e.op === 'set') p[e.field] = new Plain(e.value);
      else p.log[`${i}-${step.person}`] = { date: new Plain(e.date), author: new Plain(e.author), text: e.text };
    });
  },
  merge: (a, b) => A.merge(a, b),
  save: (doc) => A.save(doc),
  load: (bytes) => A.load(bytes),
  read: (doc) => A.toJS(doc),
  changes: (doc) => A.getAllChanges(doc).length,
};

// ---- Yjs ------------------------------------------------------------------------------------
const yjs = {
  base() {
    const doc = new Y.Doc();
    doc.transact(() => {
      const meta = doc.getMap('meta');
      for (const [k, v] of Object.entries(script.ledger.meta)) meta.set(k, String(v));
      const problems = doc.getMap('problems');
      const categories = doc.getMap('categories');
      for (const c of script.ledger.categories) categories.set(c.id, new Y.Map(Object.entries({ title: c.title, order: c.order, deleted: false })));
      for (const p of script.ledger.problems) {
        const o = new Y.Map();
        problems.set(p.id, o);
        o.set('category_id', p.category_id);
        o.set('order', p.order);
        o.set('deleted', false);
        for (const f of TEXTS) o.set(f, new Y.Text(p[f]));
        for (const f of ['lead', 'owner', 'status']) o.set(f, String(p[f]));
        o.set('deadline', p.deadline ?? '');
        o.set('completed_on', p.completed_on ?? '');
        o.set('departments', new Y.Map(p.departments.map((d) => [d, true])));
        o.set('log', new Y.Map());
      }
    });
    return doc;
  },
  clone(doc) {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    return copy;
  },
  apply(doc, step, i) {
    const e = step.edit;
    const p = doc.getMap('problems').get(nthId(e.problem));
    doc.transact(() => {
      if (e.op === 'type') {
        const t = p.get(e.field);
        t.insert(place(t.length, e.at_permille), e.insert);
      } else if (e.op === 'delete') {
        const t = p.get(e.field);
        const at = place(t.length, e.at_permille);
        t.delete(at, Math.min(e.len, t.length - at));
      } else if (e.op === 'set') p.set(e.field, e.value);
      else p.get('log').set(`${i}-${step.person}`, new Y.Map(Object.entries({ date: e.date, author: e.author, text: new Y.Text(e.text) })));
    });
    return doc;
  },
  merge(a, b) {
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    return a;
  },
  save: (doc) => Y.encodeStateAsUpdate(doc),
  load(bytes) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, bytes);
    return doc;
  },
  read: (doc) => ({ meta: doc.getMap('meta').toJSON(), problems: doc.getMap('problems').toJSON() }),
  changes: () => null,
};

function build(crdt) {
  let laptops = Array.from({ length: script.people }, () => crdt.clone(crdt.base()));
  const base = laptops[0];
  laptops = laptops.map((_, k) => (k === 0 ? base : crdt.clone(base)));
  let i = 0;
  for (let start = 0; start < script.steps.length; start += script.sync_every) {
    for (const step of script.steps.slice(start, start + script.sync_every)) {
      const k = step.person % laptops.length;
      laptops[k] = crdt.apply(laptops[k], step, i++);
    }
    for (let k = 1; k < laptops.length; k++) laptops[0] = crdt.merge(laptops[0], laptops[k]);
    for (let k = 1; k < laptops.length; k++) laptops[k] = crdt.merge(laptops[k], laptops[0]);
  }
  return laptops[0];
}

function measure(name, crdt) {
  const t = performance.now();
  const doc = build(crdt);
  const buildMs = performance.now() - t;
  const bytes = crdt.save(doc);
  const fork = (from) => {
    let f = crdt.clone(doc);
    const steps = [];
    for (let k = 0; k < 1000; k++) steps.push(script.steps[(from + k) % script.steps.length]);
    steps.forEach((s, k) => { f = crdt.apply(f, s, 1e9 + from + k); });
    return f;
  };
  const a = fork(0);
  const b = fork(1000);
  const row = {
    peer: name,
    problems: ids.length,
    changes: crdt.changes(doc),
    build_s: buildMs / 1000,
    bytes: bytes.length,
    load_ms: median(() => null, () => crdt.load(bytes)),
    load_read_ms: median(() => null, () => crdt.read(crdt.load(bytes))),
    save_ms: median(() => crdt.clone(doc), (d) => crdt.save(d)),
    merge_ms: median(() => [crdt.clone(a), b], ([x, y]) => crdt.merge(x, y)),
  };
  console.error(`${name}: built in ${row.build_s.toFixed(1)} s`);
  return row;
}

const rows = [measure('@automerge/automerge 3', am), measure('yjs 13', yjs)];
const json = Buffer.byteLength(JSON.stringify(script.ledger));
for (const r of rows) {
  console.log(`${r.peer.padEnd(24)} N=${r.problems} changes=${r.changes ?? '-'} size ${r.bytes} B (${(r.bytes / json).toFixed(2)}× JSON) ` +
    `load ${r.load_ms.toFixed(2)} ms, load+read ${r.load_read_ms.toFixed(2)} ms, save ${r.save_ms.toFixed(2)} ms, merge ${r.merge_ms.toFixed(2)} ms`);
}
const out = `${dirname(scriptPath)}/peers-${ids.length}.json`;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ rows, json_bytes: json }, null, 1));

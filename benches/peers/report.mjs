// Side by side: the app's core (target/bench/core.json, from benches/core.rs) and the peer
// CRDTs (target/bench/peers-N.json, from peers.mjs), same ledger and history, same run.
//   node benches/peers/report.mjs target/bench
import { readFileSync, existsSync } from 'node:fs';

const dir = process.argv[2] ?? 'target/bench';
const core = JSON.parse(readFileSync(`${dir}/core.json`, 'utf8'));
const rowOf = (n, prefix) => core.rows.find((r) => r.problems === n && r.what.startsWith(prefix));
const fmt = (x) => (x == null ? '-' : x < 10 ? x.toFixed(2) : x.toFixed(0));

console.log('\n| N | changes | who | file or update, B (× JSON) | load + read, ms | save, ms | merge 2×1,000 changes, ms |');
console.log('| ---: | ---: | --- | ---: | ---: | ---: | ---: |');
for (const s of core.sizes) {
  const n = s.problems;
  const load = rowOf(n, 'load');
  const save = rowOf(n, 'save');
  const merge = rowOf(n, 'merge');
  const json = s.json_bytes;
  console.log(`| ${n} | ${s.changes} | serde_json (the floor) | ${json} (1.00) | ${fmt(load.json_ms)} | ${fmt(save.json_ms)} | – |`);
  console.log(`| ${n} | ${s.changes} | Rectify core (native) | ${s.file_bytes} (${(s.file_bytes / json).toFixed(2)}) | ${fmt(load.rectify_ms)} | ${fmt(save.rectify_ms)} | ${fmt(merge.rectify_ms)} |`);
  const peers = `${dir}/peers-${n}.json`;
  if (!existsSync(peers)) continue;
  for (const p of JSON.parse(readFileSync(peers, 'utf8')).rows) {
    console.log(`| ${n} | ${p.changes ?? '–'} | ${p.peer} (Node) | ${p.bytes} (${(p.bytes / json).toFixed(2)}) | ${fmt(p.load_read_ms)} | ${fmt(p.save_ms)} | ${fmt(p.merge_ms)} |`);
  }
}

#!/usr/bin/env node
// Cold start of `pve-chainguard check` next to the cold start of loading ts-morph, measured
// in the same run: each sample is a fresh node process (warm disk cache, cold V8). The ratio
// says how much of check's time is ts-morph's own load. The same check with the sources run
// through tsx (PVE_CHAINGUARD_TSX=1, no bundle, no code cache) is measured alongside.
// Usage: node bench/check-coldstart.mjs [runs=5]
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const runs = Number(process.argv[2] ?? 5);

function wall(args, cwd, env = {}) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bin = resolve(root, 'packages/cli/bin/pve-chainguard.mjs');
// the launcher builds its bundle (and code cache) on the first start after a change: not timed
wall([bin, '--help'], root);
wall([bin, 'check'], root);
const check = [];
const tsx = [];
const tsMorph = [];
for (let i = 0; i < runs; i++) {
  // Interleave them so that machine noise hits all alike.
  check.push(wall([bin, 'check'], root));
  tsx.push(wall([bin, 'check'], root, { PVE_CHAINGUARD_TSX: '1' }));
  tsMorph.push(wall(['-e', "require('ts-morph')"], resolve(root, 'packages/perlgen')));
}
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`runs: ${runs} (median; min–max)`);
console.log(`check (cold):                 ${fmt(median(check))}  (${fmt(Math.min(...check))}–${fmt(Math.max(...check))})`);
console.log(`check (sources through tsx):  ${fmt(median(tsx))}  (${fmt(Math.min(...tsx))}–${fmt(Math.max(...tsx))})`);
console.log(`node -e "require('ts-morph')": ${fmt(median(tsMorph))}  (${fmt(Math.min(...tsMorph))}–${fmt(Math.max(...tsMorph))})`);
console.log(`ratio check / ts-morph load:  ${(median(check) / median(tsMorph)).toFixed(2)} (through tsx: ${(median(tsx) / median(tsMorph)).toFixed(2)})`);

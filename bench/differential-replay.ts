/**
 * Node's side of the differential alone, without Perl competing for the CPU: records the
 * driver's answer lines once, then replays them from a stand-in "interpreter" that answers
 * each case line with the recorded line at once. Everything node does per case runs as in
 * the real run (case building, the case line, reading and expanding the answer, the model
 * with its invariants, the comparison); only the waiting for Perl is gone.
 *
 *   pnpm exec tsx bench/differential-replay.ts [--runs N] [--seed S] [--passes P] [--answers FILE]
 *
 * Needs root to record (the harness chroots); --answers reuses a recording (same runs and
 * seed, so compare two checkouts on one file). One harness process, so answers come in one
 * fixed order. Prints node's CPU ms/case for each pass and the median; the crypt memo is
 * cleared before each pass.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HarnessPool } from '../packages/testkit/src/differential/HarnessPool.ts';
import { runDifferential } from '../packages/testkit/src/differential/runDifferential.ts';
import { locatePluginModule, target } from '../packages/testkit/src/differential/targets.ts';
import { canRunPerlHarness } from '../packages/testkit/src/perl/PerlHarness.ts';
import { clearSha512CryptMemo } from '../packages/core/src/util/sha512Crypt.ts';
import { option } from './option.ts';

const runs = Number(option('runs', '2000'));
const seed = Number(option('seed', '20261129'));
const passes = Number(option('passes', '3'));
const scratch = mkdtempSync(join(tmpdir(), 'pvecg-replay-'));
const answers = option('answers', join(scratch, 'answers.jsonl'));

/** An executable standing in for `perl`: called as `<it> driver.pl`. */
function stand_in(name: string, script: string): string {
  const path = join(scratch, name);
  writeFileSync(path, `#!/bin/bash\n${script}\n`);
  chmodSync(path, 0o700);
  return path;
}

const recorder = stand_in('record', `perl "$@" | tee ${JSON.stringify(answers)}`);
// one recorded line per case line, written as soon as the case line arrives
const replayer = stand_in('replay', `exec perl -e 'open my $f, "<", shift or die; $| = 1; while (<STDIN>) { print scalar <$f> }' ${JSON.stringify(answers)}`);

function cpuMs(): number {
  const usage = process.resourceUsage();
  return (usage.userCPUTime + usage.systemCPUTime) / 1000;
}

async function pass(perl: string): Promise<{ cpu: number; failed: number }> {
  const t = target('Chainguard');
  const module = locatePluginModule(t.name);
  if (!module) throw new Error('no Perl module for Chainguard');
  const pool = new HarnessPool(1, { perl });
  clearSha512CryptMemo(); // a pass hashes as a fresh run does, not from the last pass's memo
  const start = cpuMs();
  const report = await runDifferential({ target: t, perl: pool, pluginDir: module.pluginDir, seed, numRuns: runs, maxFailures: Number.POSITIVE_INFINITY, shrink: false });
  const cpu = cpuMs() - start;
  await pool.close();
  return { cpu: cpu / runs, failed: report.failed.length };
}

async function main(): Promise<number> {
  if (!existsSync(answers)) {
    if (!canRunPerlHarness()) {
      console.error('bench/differential-replay.ts: recording needs root (the harness chroots)');
      return 2;
    }
    const recorded = await pass(recorder);
    console.log(`recorded ${runs} answers (seed ${seed}) to ${answers}: ${recorded.failed} failed`);
  }
  const cpus: number[] = [];
  for (let i = 0; i < passes; i++) {
    const { cpu, failed } = await pass(replayer);
    cpus.push(cpu);
    console.log(`pass ${i + 1}: node CPU ms/case ${cpu.toFixed(3)} (${failed} failed)`);
  }
  const median = [...cpus].sort((a, b) => a - b)[Math.floor(cpus.length / 2)]!;
  console.log(`median node CPU ms/case ${median.toFixed(3)} over ${passes} passes of ${runs} cases`);
  return 0;
}

try {
  process.exitCode = await main();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

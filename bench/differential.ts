/**
 * Speed of the differential property test, measured in one run:
 *   1. the model alone over N generated cases (cases/s, ms/case),
 *   2. the Perl harness alone over the same cases (pool of --jobs processes, ms/case),
 *   3. the whole differential (model + Perl + comparison + invariants, cases/s),
 * and the ratio Perl/model. Default N = 10,000.
 *
 *   pnpm exec tsx bench/differential.ts [--runs N] [--seed S] [--plugin NAME] [--jobs J]
 *
 * Needs root (the harness chroots). CPU seconds are printed next to wall seconds: on a
 * shared machine the wall clock also measures the neighbours.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { clearSha512CryptMemo } from '../packages/core/src/util/sha512Crypt.ts';
import { caseVector } from '../packages/testkit/src/arbitraries/caseRecipe.ts';
import { harnessCase, runModel } from '../packages/testkit/src/differential/checkCase.ts';
import { HarnessPool } from '../packages/testkit/src/differential/HarnessPool.ts';
import { formatReport } from '../packages/testkit/src/differential/report.ts';
import { runDifferential, targetArbitrary } from '../packages/testkit/src/differential/runDifferential.ts';
import { locatePluginModule, target } from '../packages/testkit/src/differential/targets.ts';
import { canRunPerlHarness } from '../packages/testkit/src/perl/PerlHarness.ts';
import { option } from './option.ts';

const runs = Number(option('runs', '10000'));
const seed = Number(option('seed', '20261129'));
const jobs = Number(option('jobs', '2'));
const plugin = option('plugin', locatePluginModule('Chainguard') ? 'Chainguard' : 'ArchLinux');

/** Wall and CPU time of this process and its finished children (Perl reports at exit). */
function clock() {
  const usage = process.resourceUsage();
  return { wall: performance.now(), cpu: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
}

function since(start: ReturnType<typeof clock>) {
  const now = clock();
  return { wall: now.wall - start.wall, cpu: now.cpu - start.cpu };
}

/** CPU ms of reaped child processes (Perl drivers and everything they ran), /proc/self/stat. */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): cutime and cstime are fields 16 and 17, in clock ticks (100/s)
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

const fmt = (ms: number) => ms.toFixed(1).padStart(7);

async function main(): Promise<number> {
  if (!canRunPerlHarness()) {
    console.error('bench/differential.ts: the Perl harness must run as root (it chroots)');
    return 2;
  }
  const t = target(plugin);
  const module = locatePluginModule(t.name);
  if (!module) {
    console.error(`no Perl module for ${t.name}`);
    return 2;
  }
  console.log(`plugin ${t.name} (${module.source}: ${module.path})`);
  console.log(`seed ${seed}, ${runs} cases, ${jobs} Perl processes, ${cpus().length} CPUs, node ${process.version}`);

  const recipes = fc.sample(targetArbitrary(t), { seed, numRuns: runs });
  const vectors = recipes.map((r, i) => caseVector(r, t.ostype, `bench-${i}`));

  // 1. the model alone
  let start = clock();
  for (const v of vectors) runModel(v, t);
  const model = since(start);

  // 2. Perl alone (same cases; the pool's processes are started before the clock runs)
  const ctx = { target: t, perl: undefined as never, pluginDir: module.pluginDir };
  const pool = new HarnessPool(jobs);
  await Promise.all(vectors.slice(0, jobs).map((v) => pool.run(harnessCase(v, ctx))));
  start = clock();
  const window = 8 * jobs;
  for (let i = 0; i < vectors.length; i += window) {
    await Promise.all(vectors.slice(i, i + window).map((v) => pool.run(harnessCase(v, ctx))));
  }
  const perl = since(start);

  // 3. the differential (model + Perl + comparison + invariants), hashing passwords as a
  // fresh run does (phase 1 filled the model's sha512-crypt memo with these very cases)
  clearSha512CryptMemo();
  start = clock();
  const report = await runDifferential({ target: t, perl: pool, pluginDir: module.pluginDir, seed, numRuns: runs, maxFailures: Number.POSITIVE_INFINITY, shrink: false });
  const diff = since(start);
  // every miss stores one answer: as many objdump runs as distinct binaries, 3 SSH keys
  const cached = readdirSync(pool.cacheDir);
  const objdumpAnswers = cached.filter((n) => n.startsWith('objdump-p-') && n.endsWith('.status')).length;
  const sshKeys = cached.filter((n) => /^ssh-[0-9a-f]+$/.test(n)).length;
  await pool.close();
  const perlCpu = childrenCpuMs(); // counted once the drivers have exited

  const perCase = (ms: number) => ms / runs;
  console.log('');
  console.log('                         cases/s   wall ms/case');
  console.log(`model alone            ${(runs / (model.wall / 1000)).toFixed(1).padStart(9)}   ${fmt(perCase(model.wall))}`);
  console.log(`Perl alone (${jobs} procs)   ${(runs / (perl.wall / 1000)).toFixed(1).padStart(9)}   ${fmt(perCase(perl.wall))}`);
  console.log(`differential           ${(runs / (diff.wall / 1000)).toFixed(1).padStart(9)}   ${fmt(perCase(diff.wall))}`);
  console.log(`ratio Perl/model (wall per case): ${(perl.wall / model.wall).toFixed(1)}`);
  console.log(
    `CPU ms/case: node in the model-alone phase ${fmt(perCase(model.cpu))}, node in the differential ${fmt(perCase(diff.cpu))}, Perl (both Perl phases) ${fmt(perlCpu / (2 * runs))}`,
  );
  console.log(`2,000 cases at this speed: ${((2000 * perCase(diff.wall)) / 1000).toFixed(0)} s`);
  console.log(`pool cache: ${objdumpAnswers} objdump answers computed, ${sshKeys} SSH key types generated (the rest were cache hits)`);
  console.log('');
  console.log(formatReport(report));
  return report.failed.length === 0 ? 0 : 1;
}

process.exitCode = await main();

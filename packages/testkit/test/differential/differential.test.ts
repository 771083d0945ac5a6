/**
 * The differential property: for every generated case the TypeScript model and the Perl
 * module (generated/PVE/LXC/Setup/<Name>.pm, run in the Proxmox-like harness) produce the
 * same tree byte for byte, the same error and the same warnings (modulo Perl's
 * " at FILE line N." suffix), and every case keeps the invariants. One batch of cases per
 * plugin runs once (fc.sample from the printed seed, many cases in flight over two Perl
 * processes); each test then looks at one kind of problem and, on failure, hands the first
 * failing case to fc.check, which shrinks it, and reports the shrunk case with its tree diff.
 *
 * FC_SEED / FC_NUM_RUNS replay (vitest.setup.ts); without FC_NUM_RUNS the primary plugin
 * (Chainguard once its module is generated) gets 2,000 cases, the others a tenth of that;
 * Chainguard also runs on PVE 8 (pve-container 5.x, both sides) with 500 cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarnessPool } from '../../src/differential/HarnessPool.ts';
import type { ProblemKind } from '../../src/differential/problems.ts';
import { formatKindFailure, summaryLine } from '../../src/differential/report.ts';
import { failuresOf, runDifferential, shrinkFailure, targetArbitrary, type DifferentialReport } from '../../src/differential/runDifferential.ts';
import { differentialRuns, differentialSeed } from '../../src/differential/settings.ts';
import { locatePluginModule, target } from '../../src/differential/targets.ts';
import { canRunPerlHarness } from '../../src/perl/PerlHarness.ts';
import type { PveRelease } from '@pve-chainguard/core';

const root = canRunPerlHarness();
if (!root) console.warn('\n!!! SKIPPING the differential tests: the Perl harness chroots and needs root. !!!\n');

const primary = locatePluginModule('Chainguard') ? 'Chainguard' : 'ArchLinux';
const seed = differentialSeed();
const BATCH_TIMEOUT = 20 * 60_000;

const PVE8_RUNS = 500;

function runsFor(name: string, pve: PveRelease): number {
  const runs = differentialRuns();
  if (process.env.FC_NUM_RUNS !== undefined) return runs;
  if (pve !== 9) return PVE8_RUNS;
  return name === primary ? runs : Math.max(100, Math.ceil(runs / 10));
}

describe.each([
  { name: 'Chainguard', pve: 9 as const },
  { name: 'ArchLinux', pve: 9 as const },
  { name: 'Chainguard', pve: 8 as const },
])('$name on PVE $pve', ({ name, pve }) => {
  const t = target(name);
  const module = locatePluginModule(name);
  const runs = runsFor(name, pve);
  if (!module) console.warn(`\n!!! SKIPPING the ${name} differential: no generated/PVE/LXC/Setup/${name}.pm yet. !!!\n`);
  const active = root && module !== undefined;

  let pool: HarnessPool | undefined;
  let report: DifferentialReport;
  const ctx = () => ({ target: t, perl: pool!, pluginDir: module!.pluginDir, pve });

  beforeAll(async () => {
    if (!active) return;
    pool = new HarnessPool(2);
    report = await runDifferential({ ...ctx(), seed, numRuns: runs, maxFailures: Number.POSITIVE_INFINITY, shrink: false });
    console.log(
      `differential ${name} on PVE ${pve} (${module!.source} module): seed ${seed}, ${runs} cases, ` +
        `${(report.elapsedMs / 1000).toFixed(1)} s (${(report.elapsedMs / runs).toFixed(1)} ms/case): ${summaryLine(report)}`,
    );
  }, BATCH_TIMEOUT);

  afterAll(async () => {
    await pool?.close();
  });

  /** No case has a problem of `kind`; else the first one, shrunk, as the failure message. */
  async function expectNone(kind: ProblemKind): Promise<void> {
    expect(report.ran).toBe(runs);
    const failures = failuresOf(report, kind);
    if (failures.length === 0) return;
    const shrunk = await shrinkFailure(targetArbitrary(t), ctx(), failures[0]!.recipe, seed, [kind]);
    expect.fail(formatKindFailure(report, kind, shrunk, failures.length));
  }

  it.runIf(active)(
    `model and Perl agree byte for byte (tree, error, warnings) on ${runs} generated cases`,
    async () => {
      await expectNone('differential');
      await expectNone('model-crash');
    },
    BATCH_TIMEOUT,
  );

  it.runIf(active)('nothing outside the rootfs changes', () => expectNone('outside'), BATCH_TIMEOUT);

  it.runIf(active)(
    "passwd/shadow lines of other users stay unchanged (Chainguard plugin: always; Proxmox's Base plugins: " + 'unless a crypt string ends in a newline)',
    () => expectNone('accounts'),
    BATCH_TIMEOUT,
  );

  it.runIf(active)('no written file gains a line from a value with an embedded newline', () => expectNone('injection'), BATCH_TIMEOUT);

  it.runIf(active)(
    "running the last hook again changes nothing (Chainguard plugin: every hook; Proxmox's Base plugins: " +
      'not create with SSH keys (authorized_keys 0700 becomes 0644), nor with no DNS setting anywhere)',
    () => expectNone('idempotence'),
    BATCH_TIMEOUT,
  );
});

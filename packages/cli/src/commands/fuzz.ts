import { resolve } from 'node:path';
import type { PveRelease } from '@pve-chainguard/core';
import {
  DEFAULT_DIFFERENTIAL_RUNS,
  formatReport,
  HarnessPool,
  locatePluginModule,
  replayLine,
  runDifferential,
  summaryLine,
  TARGET_NAMES,
  target,
} from '@pve-chainguard/testkit/differential';
import { toSafeJson } from '@pve-chainguard/testkit/input';
import { canRunPerlHarness } from '@pve-chainguard/testkit/perl';
import type { Command } from '../Command.ts';
import { EXIT, EXIT_STATUS_HELP, UsageError } from '../exitCodes.ts';
import { parseOptions } from '../parseOptions.ts';
import { pveOption } from '../usageArgs.ts';
import { fuzzJson } from './fuzz/json.ts';
import { fuzzProgress } from './fuzz/progress.ts';
import { fuzzScratch } from './fuzz/scratch.ts';

interface FuzzArgs {
  pve: PveRelease;
  seed: number;
  runs: number;
  plugin: string;
  jobs: number;
  pluginDir?: string;
  json: boolean;
}

const HELP = `Usage: pve-chainguard fuzz [--seed N] [--runs M] [--plugin ${TARGET_NAMES.join('|')}]
                          [--jobs J] [--plugin-dir DIR] [--pve 8|9] [--json]

Runs the differential property test outside the test runner: M cases generated from seed
N run through the TypeScript model and through the Perl module in the Proxmox-like harness
(generated/PVE/LXC/Setup/<plugin>.pm, else the harness's own test plugin), and must agree
byte for byte; every case must also keep the invariants (nothing outside the rootfs
changes, other accounts' lines stay, no injected lines, a repeated hook changes nothing).
Prints the seed, "N passed, N failed" and, on failure, the shrunk case with its tree diff.

Options:
  --seed N         seed of the case sample (default: random, printed)
  --runs M         number of cases (default ${DEFAULT_DIFFERENTIAL_RUNS})
  --plugin NAME    plugin class to test (default Chainguard when its module exists, else ArchLinux)
  --jobs J         Perl harness processes (default 2)
  --plugin-dir DIR directory holding PVE/LXC/Setup/<plugin>.pm (overrides the lookup)
  --pve 8|9        the Proxmox VE release model and harness play (default 9: pve-container
                   6.1.x; 8: 5.x, see packages/core/src/release/profiles.ts)
  --json           one JSON object: seed, counts, failures with their problems, replay line

Progress goes to stderr: on a terminal one line with rate and ETA, otherwise a line every
100 cases. The harness's scratch trees (and the SSH keys cached in them) live in one
directory of this run, removed at the end and on SIGINT or SIGTERM.

Needs root (the harness chroots): 0 all passed, 1 a case failed, 2 bad usage or not root.

${EXIT_STATUS_HELP}`;

/** The options, or a UsageError naming the bad one (main prints it with the help; exit 2). */
function parseArgs(args: string[]): FuzzArgs {
  const parsed = parseOptions(args, { single: ['seed', 'runs', 'plugin', 'jobs', 'plugin-dir', 'pve'], flags: ['json'] });
  if ('error' in parsed) throw new UsageError(parsed.error);
  const o = parsed.options;
  const integer = (name: string, min: number): number | undefined => {
    const text = o[name];
    if (text === undefined) return undefined;
    const n = Number(text);
    if (/^-?\d+$/.test(text) && Number.isSafeInteger(n) && n >= min) return n;
    throw new UsageError(`--${name} must be an integer >= ${min}, got '${text}'`);
  };
  const seed = integer('seed', -(2 ** 31));
  const runs = integer('runs', 1);
  const jobs = integer('jobs', 1);
  const pve = pveOption(o.pve);
  const plugin = o.plugin ?? (locatePluginModule('Chainguard') ? 'Chainguard' : 'ArchLinux');
  if (!TARGET_NAMES.includes(plugin)) throw new UsageError(`unknown plugin '${plugin}' (known: ${TARGET_NAMES.join(', ')})`);
  return {
    pve,
    // a fresh seed per run when none is given; it is printed, so the run replays
    seed: seed ?? Math.floor(Math.random() * 2 ** 31),
    runs: runs ?? DEFAULT_DIFFERENTIAL_RUNS,
    plugin,
    jobs: jobs ?? 2,
    ...(o['plugin-dir'] !== undefined ? { pluginDir: o['plugin-dir'] } : {}),
    json: parsed.flags.json === true,
  };
}

export const fuzzCommand: Command = {
  name: 'fuzz',
  summary: 'differential test: model vs generated Perl on generated cases',
  help: HELP,
  async run(args, io) {
    let parsed: FuzzArgs;
    try {
      parsed = parseArgs(args);
    } catch (e) {
      // called directly too (tests, not only through main): usage is answered here, as main would
      if (!(e instanceof UsageError)) throw e;
      io.err(`fuzz: ${e.message}\n\n${HELP}`);
      return EXIT.usage;
    }
    if (!canRunPerlHarness()) {
      io.err('fuzz: the Perl harness must run as root (it chroots)\n');
      return EXIT.usage;
    }
    const t = target(parsed.plugin);
    let pluginDir: string | undefined;
    if (parsed.pluginDir !== undefined) {
      pluginDir = resolve(io.cwd, parsed.pluginDir);
    } else {
      const module = locatePluginModule(t.name);
      if (!module) {
        io.err(`fuzz: no Perl module for ${t.name} (run 'pve-chainguard generate' first)\n`);
        return EXIT.usage;
      }
      pluginDir = module.pluginDir;
      if (!parsed.json) io.out(`plugin ${t.name}: ${module.path} (${module.source})\n`);
    }
    if (!parsed.json) io.out(`seed ${parsed.seed}, ${parsed.runs} cases, PVE ${parsed.pve}, ${parsed.jobs} Perl processes\n`);

    const scratch = fuzzScratch();
    const progress = fuzzProgress(io, parsed.runs);
    const pool = new HarnessPool(parsed.jobs, { tmpDir: scratch.dir });
    try {
      // every case runs (full counts); the first failure is then shrunk
      const report = await runDifferential({
        target: t,
        perl: pool,
        pluginDir,
        pve: parsed.pve,
        seed: parsed.seed,
        numRuns: parsed.runs,
        maxFailures: Number.POSITIVE_INFINITY,
        onCaseDone: (ran, failed) => progress.update(ran, failed),
      });
      if (parsed.json) {
        io.out(`${toSafeJson(fuzzJson(report))}\n`);
        return report.failed.length === 0 ? EXIT.ok : EXIT.finding;
      }
      if (report.failed.length === 0) {
        io.out(`${summaryLine(report)} (${(report.elapsedMs / 1000).toFixed(1)} s)\n`);
        return EXIT.ok;
      }
      io.out(formatReport(report));
      return EXIT.finding;
    } catch (err) {
      io.err(`fuzz: ${(err as Error).message}\nreplay: ${replayLine({ seed: parsed.seed, numRuns: parsed.runs, target: t.name, pve: parsed.pve })}\n`);
      return EXIT.finding;
    } finally {
      await pool.close();
      scratch.dispose();
    }
  },
};

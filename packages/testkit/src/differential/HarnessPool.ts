/**
 * Several Perl harness processes behind one `run`: each case goes to the process with the
 * fewest cases in flight. Two processes keep both cores of a CI machine busy; the answer
 * order per process is the driver's.
 */
import { accessSync, chmodSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allowedCpus, canPin } from '../perl/cpuAffinity.ts';
import { PerlHarness, type PerlHarnessOptions } from '../perl/PerlHarness.ts';
import type { HarnessCase, HarnessResult } from '../perl/types.ts';

export interface HarnessPoolOptions extends PerlHarnessOptions {
  /**
   * Run cases inside the driver process (PVECG_HARNESS_IN_PROCESS, see perl/README.md)
   * instead of one forked process per case: about a fifth less CPU. Default true;
   * test/differential/inProcessMode.test.ts holds both modes to the same results.
   */
  inProcess?: boolean;
  /**
   * Pin driver i to the i-th allowed CPU (cyclically) when the pool has at least one driver
   * per CPU, so each driver's forks stay on the CPU whose caches it warmed (cpuAffinity.ts).
   * With spare CPUs the scheduler is left alone. Default true; a no-op without `taskset`.
   */
  pinCpus?: boolean;
}

/** The CPU for each of `size` drivers, or none when pinning is off or not worth it. */
function cpusFor(size: number, pin: boolean): Array<number | undefined> {
  const cpus = pin ? allowedCpus() : [];
  if (cpus.length < 2 || size < cpus.length || !canPin(cpus[0]!)) return Array.from({ length: size }, () => undefined);
  return Array.from({ length: size }, (_, i) => cpus[i % cpus.length]);
}

/** Spawns a harness with extra environment (PerlHarness passes process.env on at spawn). */
function spawnWith(env: Record<string, string>, options: PerlHarnessOptions): PerlHarness {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return new PerlHarness(options);
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/**
 * The pool's cache directory (objdump answers, reused SSH keys; PVECG_HARNESS_CACHE_DIR):
 * one for all its drivers, so each answer is computed once per pool, not once per driver.
 * On tmpfs when writable, in the pool's scratch parent when it has one.
 */
function makeCacheDir(parent: string | undefined): string {
  let where = parent ?? tmpdir();
  if (parent === undefined) {
    try {
      accessSync('/dev/shm', constants.W_OK);
      where = '/dev/shm';
    } catch {
      // no tmpfs: the system temp dir
    }
  }
  const dir = mkdtempSync(join(where, `pvecg-harness-cache-${process.pid}-`));
  chmodSync(dir, 0o700);
  return dir;
}

export class HarnessPool {
  readonly #workers: Array<{ harness: PerlHarness; pending: number }>;
  readonly #cacheDir: string;
  /** Removes the cache directory when this process exits without close() (process.exit). */
  readonly #removeAtExit = () => this.#removeCache();

  constructor(size = 2, options: HarnessPoolOptions = {}) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`pool size must be a positive integer, got ${size}`);
    const { inProcess = true, pinCpus = true, ...harnessOptions } = options;
    this.#cacheDir = makeCacheDir(harnessOptions.tmpDir);
    process.once('exit', this.#removeAtExit);
    // the drivers remove it themselves when this process dies first (they see their parent go)
    const env: Record<string, string> = { PVECG_HARNESS_CACHE_DIR: this.#cacheDir };
    if (inProcess) env.PVECG_HARNESS_IN_PROCESS = '1';
    this.#workers = cpusFor(size, pinCpus).map((cpu) => ({
      harness: spawnWith(env, { reuseSshKeys: true, cpu, ...harnessOptions }),
      pending: 0,
    }));
  }

  /** The directory the pool's drivers share for cached command answers and SSH keys. */
  get cacheDir(): string {
    return this.#cacheDir;
  }

  #removeCache(): void {
    rmSync(this.#cacheDir, { recursive: true, force: true });
  }

  /** The drivers' process ids (tests look at their CPU affinity). */
  get driverPids(): Array<number | undefined> {
    return this.#workers.map((w) => w.harness.pid);
  }

  get size(): number {
    return this.#workers.length;
  }

  async run(testCase: HarnessCase): Promise<HarnessResult> {
    const worker = this.#workers.reduce((best, w) => (w.pending < best.pending ? w : best));
    worker.pending++;
    try {
      return await worker.harness.run(testCase);
    } finally {
      worker.pending--;
    }
  }

  async close(): Promise<void> {
    try {
      await Promise.all(this.#workers.map((w) => w.harness.close()));
    } finally {
      process.off('exit', this.#removeAtExit);
      this.#removeCache();
    }
  }
}

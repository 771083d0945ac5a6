/**
 * Several Perl harness processes behind one `run`: each case goes to the process with the
 * fewest cases in flight. Two processes keep both cores of a CI machine busy; the answer
 * order per process is the driver's.
 */
import { PerlHarness, type PerlHarnessOptions } from '../perl/PerlHarness.ts';
import type { HarnessCase, HarnessResult } from '../perl/types.ts';

export interface HarnessPoolOptions extends PerlHarnessOptions {
  /**
   * Run cases inside the driver process (PVECG_HARNESS_IN_PROCESS, see perl/README.md)
   * instead of one forked process per case: about a fifth less CPU. Default true;
   * test/differential/inProcessMode.test.ts holds both modes to the same results.
   */
  inProcess?: boolean;
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

export class HarnessPool {
  readonly #workers: Array<{ harness: PerlHarness; pending: number }>;

  constructor(size = 2, options: HarnessPoolOptions = {}) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`pool size must be a positive integer, got ${size}`);
    const { inProcess = true, ...harnessOptions } = options;
    const env: Record<string, string> = inProcess ? { PVECG_HARNESS_IN_PROCESS: '1' } : {};
    this.#workers = Array.from({ length: size }, () => ({
      harness: spawnWith(env, { reuseSshKeys: true, ...harnessOptions }),
      pending: 0,
    }));
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
    await Promise.all(this.#workers.map((w) => w.harness.close()));
  }
}

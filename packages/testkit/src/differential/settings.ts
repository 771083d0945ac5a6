/**
 * Seed and number of cases of a differential run. Tests take fast-check's global settings
 * (vitest.setup.ts sets them from FC_SEED / FC_NUM_RUNS and prints the seed); the CLI
 * and the bench pass their own. Without FC_NUM_RUNS a differential run has 2,000 cases.
 */
import fc from 'fast-check';

export const DEFAULT_DIFFERENTIAL_RUNS = 2000;
export const DEFAULT_SEED = 20261129;

export function differentialSeed(): number {
  const global = fc.readConfigureGlobal().seed;
  if (global !== undefined) return global;
  const env = process.env.FC_SEED;
  return env === undefined ? DEFAULT_SEED : parseInteger(env, 'FC_SEED');
}

export function differentialRuns(fallback = DEFAULT_DIFFERENTIAL_RUNS): number {
  const env = process.env.FC_NUM_RUNS;
  return env === undefined ? fallback : parseInteger(env, 'FC_NUM_RUNS');
}

function parseInteger(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be an integer, got '${text}'`);
  return n;
}

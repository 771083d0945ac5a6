import fc from 'fast-check';

// Every property test runs from an explicit seed that is printed, so any failure replays
// with FC_SEED=<seed> (and FC_NUM_RUNS=<n> to change the number of cases).
const seed = Number(process.env.FC_SEED ?? 20261129);
if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got '${process.env.FC_SEED}'`);
const numRuns = process.env.FC_NUM_RUNS === undefined ? undefined : Number(process.env.FC_NUM_RUNS);
console.log(`fast-check seed: FC_SEED=${seed}${numRuns ? ` FC_NUM_RUNS=${numRuns}` : ''}`);
fc.configureGlobal({ seed, ...(numRuns ? { numRuns } : {}) });

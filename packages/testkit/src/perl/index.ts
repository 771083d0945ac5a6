export { PerlHarness, canRunPerlHarness, DRIVER_PATH, GENERATED_PLUGIN_DIR } from './PerlHarness.ts';
export type { PerlHarnessOptions } from './PerlHarness.ts';
export { firstResultDifference, firstTreeDifference, stripPerlLocation, canonicalStdout } from './compareResult.ts';
export type { HarnessCase, HarnessEntry, HarnessRegistry, HarnessResult, HarnessStep } from './types.ts';

// @pve-chainguard/upstream-series: the pve-devel patch series for pve-container.
// Its command front-end (`pve-chainguard upstream`) lives in @pve-chainguard/cli.
export type { UpstreamOptions } from './series/options.ts';
export { runUpstream, type RunIo } from './series/runUpstream.ts';
export { SeriesError } from './git/git.ts';
export { TEST_CASES, type TestCase } from './testdirs/cases.ts';
export { buildTestDir } from './testdirs/buildTestDir.ts';
export { verifyTestDir } from './testdirs/verifyTestDir.ts';
export { readTestDir, writeTestDir } from './testdirs/testDirFs.ts';
export { parseTestfiles, addTestfiles } from './repo/testfiles.ts';
export { addToSources } from './repo/makefile.ts';
export { engineAvailable } from './engine/editEngine.ts';
export { PATHS } from './repo/layout.ts';

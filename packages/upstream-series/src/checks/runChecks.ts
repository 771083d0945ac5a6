import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS } from '../repo/layout.ts';
import { parseTestfiles } from '../repo/testfiles.ts';
import { verifyTestDir } from '../testdirs/verifyTestDir.ts';
import { amCheck } from './amCheck.ts';
import { perlCheck } from './perlCheck.ts';
import { tidyCheck } from './tidyCheck.ts';
import { tidyDriftNotes } from './tidyDrift.ts';

export interface CheckInput {
  source: string;
  base: string;
  patchDir: string;
  patches: string[];
  /** Empty scratch directory the checks may fill. */
  scratch: string;
  expectedTree: string;
  env: NodeJS.ProcessEnv;
}

export interface CheckResult {
  name: string;
  problems: string[];
  /** Informational: reported, never a failure. */
  note?: boolean;
}

/** Every check the series must pass before anything is written; later checks run on the `git am` result. */
export function runChecks(input: CheckInput): CheckResult[] {
  const applied = join(input.scratch, 'am');
  const am = amCheck(input.source, input.base, input.patchDir, input.patches, applied, input.expectedTree, input.env);
  const results: CheckResult[] = [{ name: 'git am to a clean clone at the base', problems: am }];
  if (am.length > 0) return results;
  results.push({
    name: 'perl -c of the changed modules (with stubs)',
    problems: perlCheck(applied, [PATHS.module, PATHS.setup, PATHS.config], join(input.scratch, 'stubs')),
  });
  results.push({ name: 'module is a perltidy fixed point', problems: tidyCheck(join(applied, PATHS.module), PATHS.module) });
  const testfiles = parseTestfiles(readFileSync(join(applied, PATHS.runTests), 'utf8'), PATHS.runTests);
  const testRoot = join(applied, 'src/test');
  const dirs = existsSync(testRoot)
    ? readdirSync(testRoot)
        .filter((d) => d.startsWith('test-chainguard-'))
        .sort()
    : [];
  const problems = dirs.length === 0 ? ['no src/test/test-chainguard-* directories'] : dirs.flatMap((d) => verifyTestDir(join(testRoot, d), d, testfiles));
  results.push({ name: `test dir expectations equal the model (${dirs.length} dirs)`, problems });
  const stubs = join(input.scratch, 'stubs');
  results.push({ name: 'Setup.pm/Config.pm edits under perltidy', problems: tidyDriftNotes(applied, input.base, [PATHS.setup, PATHS.config], stubs), note: true });
  return results;
}

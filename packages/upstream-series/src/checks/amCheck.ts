import { join } from 'node:path';
import { git, runProgram } from '../git/git.ts';

/**
 * Applies the patches (not the cover letter) with `git am` to a fresh clone of `source` at
 * `base`, in `scratch`, and compares the resulting tree with `expectedTree`.
 * Returns problems (empty when the series applies cleanly to the same tree).
 */
export function amCheck(source: string, base: string, patchDir: string, patches: string[], scratch: string, expectedTree: string, env: NodeJS.ProcessEnv): string[] {
  git(source, ['clone', '--quiet', '--shared', '--no-checkout', source, scratch], { env });
  git(scratch, ['checkout', '--quiet', '--detach', base], { env });
  const files = patches.filter((p) => !/0000-cover-letter\.patch$/.test(p)).map((p) => join(patchDir, p));
  const r = runProgram('git', ['-C', scratch, 'am', '--quiet', ...files], { env });
  if (r.status !== 0) return [`git am onto ${base.slice(0, 12)} failed: ${(r.stderr || r.stdout).trim()}`];
  const tree = git(scratch, ['rev-parse', 'HEAD^{tree}'], { env }).trim();
  return tree === expectedTree ? [] : [`git am gave tree ${tree}, the series built ${expectedTree}`];
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, runProgram } from '../git/git.ts';
import { PERLTIDYRC } from '../paths.ts';

/** Lines perltidy (our options) would change in `text`, counted from `diff` output. */
function driftLines(text: string, scratch: string, name: string): number {
  const file = join(scratch, name);
  writeFileSync(file, text);
  const tidy = runProgram('perltidy', [`--profile=${PERLTIDYRC}`, '--standard-output', '--standard-error-output', file]);
  if (tidy.status !== 0) return Number.NaN;
  writeFileSync(`${file}.tdy`, tidy.stdout);
  const diff = runProgram('diff', [file, `${file}.tdy`]);
  return diff.stdout.split('\n').filter((l) => l.startsWith('< ')).length;
}

/**
 * Upstream's own files are not exact fixed points of our fitted options, so the edited files
 * are only compared with their base: a note (not a failure) for each file where our edits
 * give perltidy more to change, for the sender to look at after `make tidy`.
 */
export function tidyDriftNotes(repo: string, base: string, files: string[], scratch: string): string[] {
  return files.flatMap((path, i) => {
    const before = driftLines(git(repo, ['show', `${base}:${path}`]), scratch, `before-${i}.pm`);
    const after = driftLines(git(repo, ['show', `HEAD:${path}`]), scratch, `after-${i}.pm`);
    return after > before ? [`${path}: perltidy would re-wrap ${after - before} more line(s) after the edits`] : [];
  });
}

import { SeriesError } from '../git/git.ts';

const LIST = /(my @testfiles = qw\(\n)([\s\S]*?)(\n[ \t]*\);)/;

/** The paths of run_setup_tests.pl's `@testfiles` list, in order. */
export function parseTestfiles(script: string, file: string): string[] {
  const m = LIST.exec(script);
  if (!m) throw new SeriesError(`${file}: no 'my @testfiles = qw(' … ');' list`);
  return m[2]!.split(/\s+/).filter(Boolean);
}

/**
 * Adds `paths` missing from `@testfiles`, each on its own line with the list's indentation,
 * after the last entry under the same directory (else at the end), so related paths stay together.
 */
export function addTestfiles(script: string, paths: readonly string[], file: string): string {
  const m = LIST.exec(script);
  if (!m) throw new SeriesError(`${file}: no 'my @testfiles = qw(' … ');' list`);
  const lines = m[2]!.split('\n');
  const indent = /^[ \t]*/.exec(lines.find((l) => l.trim() !== '') ?? '')![0];
  for (const path of paths) {
    if (lines.some((l) => l.trim() === path)) continue;
    const at = insertAfter(lines, path);
    lines.splice(at + 1, 0, `${indent}${path}`);
  }
  return script.replace(LIST, (_all, open: string, _body: string, close: string) => `${open}${lines.join('\n')}${close}`);
}

/** Index of the line to insert after: the last with the longest shared directory prefix. */
function insertAfter(lines: string[], path: string): number {
  let best = lines.length - 1;
  let bestLen = -1;
  lines.forEach((line, i) => {
    const entry = line.trim();
    if (!entry) return;
    let n = 0;
    const a = entry.split('/');
    const b = path.split('/');
    while (n < a.length - 1 && n < b.length - 1 && a[n] === b[n]) n++;
    if (n >= bestLen) {
      bestLen = n;
      best = i;
    }
  });
  return best;
}

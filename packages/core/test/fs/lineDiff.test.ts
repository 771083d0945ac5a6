import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, splitLines, unifiedHunks } from '../../src/fs/lineDiff.ts';

const thirtyLines = Array.from({ length: 30 }, (_, i) => `line ${i}\n`).join('');
const edited = thirtyLines.replace('line 3\n', 'LINE 3\n').replace('line 20\n', '').replace('line 29\n', 'line 29');

/** Applies unified hunks to a text (an independent reader of the format). */
function applyHunks(before: string, hunks: string): string {
  const src = splitLines(before);
  const out: string[] = [];
  let next = 0; // index into src
  const lines = hunks === '' ? [] : hunks.replace(/\n$/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(lines[i]!);
    if (!header) throw new Error(`bad hunk header: ${lines[i]}`);
    const count = header[2] === undefined ? 1 : Number(header[2]);
    const start = count === 0 ? Number(header[1]) : Number(header[1]) - 1;
    while (next < start) out.push(src[next++]!);
    for (i++; i < lines.length && !lines[i]!.startsWith('@@'); i++) {
      const line = lines[i]!;
      const noEol = lines[i + 1] === '\\ No newline at end of file';
      const text = line.slice(1) + (noEol ? '' : '\n');
      if (line[0] === ' ' || line[0] === '-') {
        if (src[next] !== text) throw new Error(`context mismatch at ${next}: ${line}`);
        next++;
      }
      if (line[0] === ' ' || line[0] === '+') out.push(text);
      if (noEol) i++;
    }
    i--;
  }
  while (next < src.length) out.push(src[next++]!);
  return out.join('');
}

/** Length of a longest common subsequence, by the textbook table. */
function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = x === b[j - 1] ? diag + 1 : Math.max(row[j]!, row[j - 1]!);
      diag = up;
    }
  }
  return row[b.length]!;
}

describe('unifiedHunks', () => {
  it('prints what GNU diff -u prints (recorded with diffutils 3.8)', () => {
    expect(unifiedHunks(thirtyLines, edited)).toBe(
      [
        '@@ -1,7 +1,7 @@',
        ' line 0',
        ' line 1',
        ' line 2',
        '-line 3',
        '+LINE 3',
        ' line 4',
        ' line 5',
        ' line 6',
        '@@ -18,7 +18,6 @@',
        ' line 17',
        ' line 18',
        ' line 19',
        '-line 20',
        ' line 21',
        ' line 22',
        ' line 23',
        '@@ -27,4 +26,4 @@',
        ' line 26',
        ' line 27',
        ' line 28',
        '-line 29',
        '+line 29',
        '\\ No newline at end of file',
        '',
      ].join('\n'),
    );
  });

  it('honours a smaller context like diff -U2, and single-line ranges like diff', () => {
    expect(
      unifiedHunks(thirtyLines, edited, { context: 2 })
        .split('\n')
        .filter((l) => l.startsWith('@@')),
    ).toEqual(['@@ -2,5 +2,5 @@', '@@ -19,5 +19,4 @@', '@@ -28,3 +27,3 @@']);
    expect(unifiedHunks('127.0.0.1 localhost\n', '\n# --- BEGIN PVE ---\n127.0.1.1 ct\n# --- END PVE ---\n')).toBe(
      '@@ -1 +1,4 @@\n-127.0.0.1 localhost\n+\n' + '+# --- BEGIN PVE ---\n+127.0.1.1 ct\n+# --- END PVE ---\n',
    );
  });

  it('is empty for equal texts and can stop after a number of hunks', () => {
    expect(unifiedHunks('a\nb\n', 'a\nb\n')).toBe('');
    expect(unifiedHunks(thirtyLines, edited, { maxHunks: 1 })).toMatch(/@@ \.\.\. more changes \.\.\. @@\n$/);
  });

  it('produces hunks that turn the old text into the new one, with a minimal edit count', () => {
    const text = fc
      .array(fc.constantFrom('a\n', 'b\n', 'c\n', 'd\n', '\n', 'x\0y\n'), { maxLength: 30 })
      .chain((lines) => fc.constantFrom(lines.join(''), lines.join('') + 'tail'));
    fc.assert(
      fc.property(text, text, (before, after) => {
        expect(applyHunks(before, unifiedHunks(before, after))).toBe(after);
        const a = splitLines(before);
        const b = splitLines(after);
        const changes = diffLines(a, b).filter((e) => e.op !== ' ').length;
        expect(changes).toBe(a.length + b.length - 2 * lcsLength(a, b));
      }),
    );
  });
});

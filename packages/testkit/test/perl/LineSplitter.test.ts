import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/perl/LineSplitter.ts';

function split(chunks: Buffer[], end = false): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line));
  for (const chunk of chunks) splitter.push(chunk);
  if (end) splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('gives each "\\n"-ended line once, however the bytes are cut into chunks', () => {
    const seed = 20261205;
    console.log(`LineSplitter property seed ${seed}`);
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ unit: 'binary' }).map((s) => s.replace(/\n/g, '')),
          { maxLength: 6 },
        ),
        fc.array(fc.nat(), { maxLength: 8 }),
        (lines, cuts) => {
          const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
          const at = [...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % bytes.length)))].sort((a, b) => a - b);
          const chunks = [0, ...at].map((from, i, all) => bytes.subarray(from, all[i + 1] ?? bytes.length));
          expect(split(chunks)).toEqual(lines);
        },
      ),
      { seed },
    );
  });

  it('decodes a character cut between chunks, keeps "\\r" and empty lines', () => {
    const bytes = Buffer.from('é€\r\n\nx\n', 'utf8');
    expect(split([bytes.subarray(0, 1), bytes.subarray(1, 3), bytes.subarray(3)])).toEqual(['é€\r', '', 'x']);
  });

  it('gives a last line without "\\n" at the end of the stream, and nothing more', () => {
    expect(split([Buffer.from('a\nb')])).toEqual(['a']);
    expect(split([Buffer.from('a\nb')], true)).toEqual(['a', 'b']);
    expect(split([Buffer.from('a\n')], true)).toEqual(['a']);
  });
});

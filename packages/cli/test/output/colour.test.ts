import { describe, expect, it } from 'vitest';
import { colourDiff, wantColour } from '../../src/output/colour.ts';
import { guardIo } from '../../src/output/guardIo.ts';

describe('colour', () => {
  it('only on a terminal, never under NO_COLOR or TERM=dumb', () => {
    expect(wantColour({ isTTY: true }, {})).toBe(true);
    expect(wantColour({ isTTY: false }, {})).toBe(false);
    expect(wantColour({}, {})).toBe(false);
    expect(wantColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantColour({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });

  it('colours diff lines after escaping, so input cannot forge or break the colours', () => {
    let out = '';
    const io = guardIo({ cwd: '/', out: (t) => void (out += t), err: () => {} }, true);
    io.out('+\x1b[0mnew\n-old\n ctx\n', 'diff');
    io.out('+plain, not a diff\n');
    io.flush();
    expect(out).toBe('\x1b[32m+\\x1b[0mnew\x1b[0m\n\x1b[31m-old\x1b[0m\n ctx\n+plain, not a diff\n');
    expect(colourDiff('@@ -1 +1 @@\n')).toBe('\x1b[36m@@ -1 +1 @@\x1b[0m\n');
  });
});

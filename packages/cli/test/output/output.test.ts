import { describe, expect, it } from 'vitest';
import { colourDiff, wantColour } from '../../src/output/colour.ts';
import { escapeForDisplay, escapeValue, toSafeJson } from '@pve-chainguard/testkit/input';
import { guardIo } from '../../src/output/guardIo.ts';

describe('escaping of input text', () => {
  it('shows C0 (but newline and tab), DEL, C1 and bidi controls as escapes', () => {
    expect(escapeForDisplay('a\x1b[2Jb\x07\tc\n\x7f\x9b\u202e\u2066')).toBe('a\\x1b[2Jb\\x07\tc\n\\x7f\\x9b\\u{202e}\\u{2066}');
    expect(escapeValue('a\nb\tc')).toBe('a\\nb\\tc');
    expect(escapeForDisplay('café ünïcode ✓')).toBe('café ünïcode ✓');
  });

  it('--json text round-trips and passes the display escaping unchanged', () => {
    const value = { s: 'x\x1b]0;t\x07\x7f\x85\u202e\n' };
    const text = toSafeJson(value);
    expect(JSON.parse(text)).toEqual(value);
    expect(escapeForDisplay(text)).toBe(text);
  });
});

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

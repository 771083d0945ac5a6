import { describe, expect, it } from 'vitest';
import { escapeForDisplay, escapeValue, toSafeJson } from '../../src/input/escape.ts';

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

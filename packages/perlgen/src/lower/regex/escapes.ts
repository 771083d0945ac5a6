/**
 * The parts of a JS pattern whose meaning differs most between the dialects: escapes and
 * character classes (see translate.ts for the whole).
 */
import { hexEscape, RegexError } from './errors.ts';

/** JS `\s` on byte strings. */
const JS_SPACE = '\\t\\n\\x0B\\f\\r \\xA0';

/** Escapes that mean something else (or nothing) in one of the two dialects. */
const REFUSED_ESCAPES: Record<string, string> = {
  k: 'named back-references',
  p: '\\p (a literal "p" in JS without the u flag, a Unicode property in Perl)',
  P: '\\P (a literal "P" in JS without the u flag, a Unicode property in Perl)',
};

/** Capturing groups in a JS pattern (needed before translation to judge `\N` escapes). */
export function countGroups(pattern: string): number {
  let n = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(' && pattern[i + 1] !== '?') n++;
  }
  return n;
}

/** One escape at `pattern[i] === '\\'`: [perl text, consumed length, needs /a]. */
export function translateEscape(pattern: string, i: number, inClass: boolean, totalGroups: number): [string, number, boolean] {
  const next = pattern[i + 1];
  if (next === undefined) throw new RegexError('a trailing backslash');
  switch (next) {
    case 'd':
    case 'D':
      // The only decimal digits among char codes 0-255 are 0-9, under any Perl rules.
      return [`\\${next}`, 2, false];
    case 'w':
    case 'W':
      return [`\\${next}`, 2, true];
    case 'b':
      return inClass ? ['\\x08', 2, false] : ['\\b', 2, true];
    case 'B':
      if (inClass) throw new RegexError('\\B inside a character class');
      return ['\\B', 2, true];
    case 's':
      return [inClass ? JS_SPACE : `[${JS_SPACE}]`, 2, false];
    case 'S':
      if (inClass) throw new RegexError('\\S inside a character class (write the complement out)');
      return [`[^${JS_SPACE}]`, 2, false];
    case 'n':
    case 'r':
    case 't':
    case 'f':
      return [`\\${next}`, 2, false];
    case 'v':
      return ['\\x0B', 2, false];
    case '0':
      if (/[0-9]/.test(pattern[i + 2] ?? '')) throw new RegexError('an octal escape');
      return ['\\x00', 2, false];
    case 'x': {
      const hex = /^[0-9A-Fa-f]{2}/.exec(pattern.slice(i + 2));
      if (!hex) throw new RegexError('\\x without two hex digits (a literal "x" in JS)');
      return [hexEscape(parseInt(hex[0], 16)), 4, false];
    }
    case 'u': {
      const hex = /^[0-9A-Fa-f]{4}/.exec(pattern.slice(i + 2));
      if (!hex) throw new RegexError('\\u without four hex digits');
      return [hexEscape(parseInt(hex[0], 16)), 6, false];
    }
    case 'c': {
      const letter = pattern[i + 2] ?? '';
      if (!/[A-Za-z]/.test(letter)) throw new RegexError('\\c without a control letter');
      return [hexEscape(letter.toUpperCase().charCodeAt(0) - 64), 3, false];
    }
    default:
      break;
  }
  if (/[1-9]/.test(next)) {
    const digits = /^[0-9]+/.exec(pattern.slice(i + 1))![0];
    if (inClass || Number(digits) > totalGroups) throw new RegexError(`the escape \\${digits} (an octal escape in JS here)`);
    return [`\\${digits}`, 1 + digits.length, false];
  }
  if (REFUSED_ESCAPES[next]) throw new RegexError(REFUSED_ESCAPES[next]!);
  if (/[A-Za-z0-9_]/.test(next)) {
    throw new RegexError(`the escape \\${next} (an identity escape in JS, something else in Perl)`);
  }
  const code = next.charCodeAt(0);
  if (code < 0x20 || code >= 0x7f) return [hexEscape(code), 2, false];
  return [`\\${next}`, 2, false];
}

/** A character class at `pattern[i] === '['`. */
export function translateClass(pattern: string, i: number, ignoreCase: boolean): [string, number, boolean] {
  let j = i + 1;
  let body = '';
  let ascii = false;
  const negated = pattern[j] === '^';
  if (negated) j++;
  if (pattern[j] === ']') {
    // JS: `[]` matches nothing, `[^]` matches anything.
    return [negated ? '(?s:.)' : '(?!)', j + 1 - i, false];
  }
  while (j < pattern.length && pattern[j] !== ']') {
    const ch = pattern[j]!;
    if (ch === '\\') {
      const [text, len, isAscii] = translateEscape(pattern, j, true, 0);
      ascii ||= isAscii;
      body += text;
      j += len;
      continue;
    }
    const code = ch.charCodeAt(0);
    if (ignoreCase && code > 0x7f) {
      throw new RegexError('a non-ASCII character under the i flag (JS and Perl fold case differently)');
    }
    if (ch === '[' || ch === '/' || ch === '$' || ch === '@') body += `\\${ch}`;
    else if (code < 0x20 || code >= 0x7f) body += hexEscape(code);
    else body += ch;
    j++;
  }
  if (j >= pattern.length) throw new RegexError('an unclosed character class');
  return [`[${negated ? '^' : ''}${body}]`, j + 1 - i, ascii];
}

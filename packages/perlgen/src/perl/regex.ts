/**
 * JavaScript regex → Perl regex with the same matches on byte strings (char codes 0–255,
 * which is what plugins handle). Where the dialects differ the translation spells the JS
 * meaning out; where no faithful spelling exists it refuses with a reason.
 *
 * Differences handled: JS `$` is only end-of-string (Perl's also matches before a final
 * "\n") → `\z`; JS `.` also stops at "\r" → `[^\n\r]`; JS `\s` also matches "\xA0" → an
 * explicit class; `\w \b` are ASCII in JS → Perl's `/a` (`\d` needs none: no other digits
 * below char code 256); classes equal to Perl's `\s`, `\S`, `.` print as those; Perl interpolates `$` and `@`
 * and treats an empty pattern as "the last pattern" → both escaped/avoided.
 */

import { lineAnchors } from './lineAnchors.ts';

export class RegexError extends Error {}

export interface TranslatedRegex {
  source: string;
  /** Perl modifiers in a stable order (g i s a). */
  flags: string;
  /** Number of capturing groups. */
  groups: number;
  /** Held in a `qr//` variable of this name (a regex constant of the model). */
  varName?: string;
}

/** JS `\s` on byte strings. */
const JS_SPACE = '\\t\\n\\x0B\\f\\r \\xA0';

/** Escapes that mean something else (or nothing) in one of the two dialects. */
const REFUSED_ESCAPES: Record<string, string> = {
  k: 'named back-references',
  p: '\\p (a literal "p" in JS without the u flag, a Unicode property in Perl)',
  P: '\\P (a literal "P" in JS without the u flag, a Unicode property in Perl)',
};

/** `spans`: the pattern holds placeholders for text spliced in later (regexConstruct.ts), which
 * then settles the line anchors itself. */
export function translateRegex(pattern: string, jsFlags: string, allowedFlags = 'gis', spans = false): TranslatedRegex {
  for (const f of jsFlags) {
    if (!allowedFlags.includes(f)) {
      throw new RegexError(
        f === 'm'
          ? "the m flag: JS's multi-line anchors also see \\r and U+2028 as line ends; use (?<=\\n) lookbehinds"
          : f === 'g'
            ? 'the g flag here: a global regex keeps lastIndex state in JS'
            : `the ${f} flag has no Perl equivalent here`,
      );
    }
  }
  const dotAll = jsFlags.includes('s');
  const ignoreCase = jsFlags.includes('i');
  const totalGroups = countGroups(pattern);
  let ascii = false;
  let groups = 0;
  let out = '';
  let i = 0;
  /** Open groups; true for a lookbehind (which must stay fixed-length in Perl). */
  const stack: boolean[] = [];
  const inLookbehind = () => stack.includes(true);

  const literal = (ch: string): string => {
    const code = ch.charCodeAt(0);
    if (ignoreCase && code > 0x7f) {
      throw new RegexError('a non-ASCII character under the i flag (JS and Perl fold case differently)');
    }
    if (ch === '/' || ch === '@' || ch === '$') return `\\${ch}`;
    if (code < 0x20 || code >= 0x7f) return hexEscape(code);
    return ch;
  };

  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      const [text, len, isAscii] = translateEscape(pattern, i, false, totalGroups);
      ascii ||= isAscii;
      out += text;
      i += len;
      continue;
    }
    if (ch === '[') {
      const [text, len, isAscii] = translateClass(pattern, i, ignoreCase);
      ascii ||= isAscii;
      out += text;
      i += len;
      continue;
    }
    if (ch === '(') {
      if (pattern.startsWith('(?<=', i) || pattern.startsWith('(?<!', i)) {
        stack.push(true);
        out += pattern.slice(i, i + 4);
        i += 4;
      } else if (pattern.startsWith('(?:', i) || pattern.startsWith('(?=', i) || pattern.startsWith('(?!', i)) {
        stack.push(false);
        out += pattern.slice(i, i + 3);
        i += 3;
      } else if (pattern[i + 1] === '?') {
        throw new RegexError(`the group syntax ${pattern.slice(i, i + 4)}… (named or modifier groups)`);
      } else {
        if (inLookbehind()) throw new RegexError('a capture inside a lookbehind');
        stack.push(false);
        groups++;
        out += '(';
        i++;
      }
      continue;
    }
    if (ch === ')') {
      if (stack.length === 0) throw new RegexError('an unbalanced )');
      stack.pop();
      out += ')';
      i++;
      continue;
    }
    if (ch === '*' || ch === '+' || ch === '?') {
      if (inLookbehind()) throw new RegexError('a variable-length lookbehind');
      out += ch;
      i++;
      continue;
    }
    if (ch === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (m && out !== '') {
        if (inLookbehind() && m[2] !== undefined && m[3] !== m[1]) {
          throw new RegexError('a variable-length lookbehind');
        }
        out += m[0];
        i += m[0].length;
      } else {
        out += '\\{';
        i++;
      }
      continue;
    }
    if (ch === '|') {
      if (inLookbehind()) throw new RegexError('an alternation inside a lookbehind');
      out += '|';
      i++;
      continue;
    }
    if (ch === '.') {
      out += dotAll ? '.' : '[^\\n\\r]';
      i++;
      continue;
    }
    if (ch === '$') {
      out += '\\z';
      i++;
      continue;
    }
    if (ch === '^') {
      out += '^';
      i++;
      continue;
    }
    out += literal(ch);
    i++;
  }
  if (stack.length > 0) throw new RegexError('an unclosed group');

  let flags = '';
  if (jsFlags.includes('g')) flags += 'g';
  if (ignoreCase) flags += 'i';
  if (dotAll) flags += 's';
  if (ascii) flags += 'a';
  if (out === '') return { source: '(?:)', flags, groups };
  const source = perlShorthands(out, dotAll);
  return spans ? { source, flags, groups } : { ...lineAnchors(source, flags), groups };
}

/**
 * Whole classes that are exactly a Perl shorthand on byte strings, spelled as one:
 * `[\t\n\x0B\f\r ]` is `\s`, its complement `\S` (the model's WS and NWS), and `[^\n]`
 * is `.` without /s (DOT). Escapes and the insides of other classes are left alone.
 */
export function perlShorthands(source: string, dotAll: boolean): string {
  const SHORT: Record<string, string> = { '[\\t\\n\\x0B\\f\\r ]': '\\s', '[^\\t\\n\\x0B\\f\\r ]': '\\S' };
  if (!dotAll) SHORT['[^\\n]'] = '.';
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      out += source.slice(i, i + 2);
      i++;
      continue;
    }
    if (ch !== '[') {
      out += ch;
      continue;
    }
    // the class runs to the first unescaped `]` that is not its first member
    let j = i + 1;
    if (source[j] === '^') j++;
    if (source[j] === ']') j++;
    while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
    const cls = source.slice(i, j + 1);
    out += SHORT[cls] ?? cls;
    i = j;
  }
  return out;
}

function hexEscape(code: number): string {
  return code > 0xff ? `\\x{${code.toString(16).toUpperCase()}}` : `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Capturing groups in a JS pattern (needed before translation to judge `\N` escapes). */
function countGroups(pattern: string): number {
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
function translateEscape(pattern: string, i: number, inClass: boolean, totalGroups: number): [string, number, boolean] {
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
function translateClass(pattern: string, i: number, ignoreCase: boolean): [string, number, boolean] {
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

/**
 * A JS replacement string (`$1`, `$&`, `$$`) as the body of a Perl `s///` replacement.
 * JS reads `$n` as a group only when that group exists, else as literal text.
 */
export function translateReplacement(replacement: string, groups: number): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i]!;
    if (ch === '$') {
      const next = replacement[i + 1] ?? '';
      if (next === '$') {
        out += '\\$';
        i++;
        continue;
      }
      if (next === '&') {
        out += '$&';
        i++;
        continue;
      }
      if (next === '`' || next === "'" || next === '<') {
        throw new RegexError(`the replacement pattern $${next}`);
      }
      const two = /^[0-9]{2}/.exec(replacement.slice(i + 1))?.[0];
      if (two && Number(two) >= 1 && Number(two) <= groups) {
        out += `\${${Number(two)}}`;
        i += 2;
        continue;
      }
      if (/[1-9]/.test(next) && Number(next) <= groups) {
        out += `\${${next}}`;
        i++;
        continue;
      }
      out += '\\$';
      continue;
    }
    out += escapeReplacementChar(ch);
  }
  return out;
}

function escapeReplacementChar(ch: string): string {
  if (ch === '\\' || ch === '@' || ch === '/' || ch === '$') return `\\${ch}`;
  if (ch === '\n') return '\\n';
  if (ch === '\t') return '\\t';
  const code = ch.charCodeAt(0);
  if (code < 0x20 || code >= 0x7f) return hexEscape(code);
  return ch;
}

/** A literal string as a Perl regex that matches exactly it. */
export function literalRegex(text: string): string {
  const named: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\f': '\\f' };
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (named[ch]) out += named[ch];
    else if (code < 0x20 || code >= 0x7f) out += hexEscape(code);
    else if (/[\\^$.|?*+()[\]{}\/@#]/.test(ch)) out += `\\${ch}`;
    else out += ch;
  }
  return out === '' ? '(?:)' : out;
}

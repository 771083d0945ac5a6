/**
 * JavaScript regex → Perl regex with the same matches on byte strings (char codes 0–255,
 * which is what plugins handle). Where the dialects differ the translation spells the JS
 * meaning out; where no faithful spelling exists it refuses with a reason.
 *
 * Differences handled: JS `$` is only end-of-string (Perl's also matches before a final
 * "\n") → `\z`; JS `.` also stops at "\r" → `[^\n\r]`; JS `\s` also matches "\xA0" → an
 * explicit class; `\w \b` are ASCII in JS → Perl's `/a` (`\d` needs none: no other digits
 * below char code 256); classes equal to Perl's `\s`, `\S`, `.` print as those
 * (shorthands.ts), line anchors as `^`/`$` under /m (lineAnchors.ts); Perl interpolates `$` and `@`
 * and treats an empty pattern as "the last pattern" → both escaped/avoided.
 */

import { countGroups, translateClass, translateEscape } from './escapes.ts';
import { hexEscape, RegexError, type TranslatedRegex } from './errors.ts';
import { lineAnchors } from './lineAnchors.ts';
import { perlShorthands } from './shorthands.ts';

/** `spans`: the pattern holds placeholders for text spliced in later (construct.ts), which
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

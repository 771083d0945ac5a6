/** Literal text in Perl regex syntax: replacement strings of `s///` and literal patterns. */
import { hexEscape, RegexError } from './errors.ts';

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

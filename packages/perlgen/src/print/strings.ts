/**
 * Perl string literals. Values are byte strings (char codes 0–255, the way Perl sees file
 * data); anything that is not printable ASCII is spelled as an escape so the source stays
 * ASCII and means the same bytes.
 */

const PRINTABLE = /^[\x20-\x7e]*$/;

/** `'text'` when single quotes can hold the value unchanged, else a double-quoted literal. */
export function quoteString(value: string): string {
  if (PRINTABLE.test(value)) return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
  return `"${escapeDoubleQuoted(value)}"`;
}

/** The body of a double-quoted Perl string holding `value` literally. */
export function escapeDoubleQuoted(value: string, extra = ''): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '"' || ch === '$' || ch === '@' || extra.includes(ch)) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\f') out += '\\f';
    else if (code === 0x1b) out += '\\e';
    else if (code < 0x20 || (code >= 0x7f && code <= 0xff)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code > 0xff) out += `\\x{${code.toString(16)}}`;
    else out += ch;
  }
  return out;
}

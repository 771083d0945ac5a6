/**
 * Perl's text primitives where they differ from JavaScript's. Model code that mirrors
 * Proxmox's Perl uses these so the results match byte for byte.
 */

/** Perl `split(/$sep/, $s)`: trailing empty fields are dropped, an empty string gives []. */
export function perlSplit(s: string, sep: RegExp): string[] {
  if (s === '') return [];
  const parts = s.split(sep);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Perl `chomp`: removes one trailing newline. */
export function chomp(s: string): string {
  return s.endsWith('\n') ? s.slice(0, -1) : s;
}

/** Perl truthiness of a scalar: undef, "" and "0" are false. */
export function perlTrue(v: string | number | undefined | null | boolean): boolean {
  if (v === undefined || v === null || v === false) return false;
  if (typeof v === 'number') return v !== 0;
  if (v === true) return true;
  return v !== '' && v !== '0';
}

/** Perl's `\s` on byte strings (JavaScript's `\s` also matches NBSP and Unicode spaces). */
export const WS = '[\\t\\n\\x0B\\f\\r ]';
/** Perl's `\S` on byte strings. */
export const NWS = '[^\\t\\n\\x0B\\f\\r ]';
/** Perl's `\h` on byte strings. */
export const HWS = '[\\t \\xA0]';
/** Perl's `.` without /s (JavaScript's `.` also stops at \r and U+2028/2029). */
export const DOT = '[^\\n]';

/** `\Q…\E`: quote every regex metacharacter. */
export function quotemeta(s: string): string {
  return s.replace(/[^A-Za-z0-9_]/g, (c) => `\\${c}`).replace(/\\([^\x00-\x7f])/g, '$1');
}

/** Bytes of a JavaScript (Unicode) string encoded as UTF-8, as a byte string. */
export function utf8Bytes(s: string): string {
  return Buffer.from(s, 'utf8').toString('latin1');
}

/**
 * Small emulations of how Perl treats text in Proxmox's parsers, so our checks accept and
 * reject exactly the same strings. Perl reads config files as bytes, so its `\s`, `\w` and
 * `\d` are ASCII-only; JS's `\s` is wider, hence the explicit class below.
 */

/** Perl's `\s` on a byte string. */
export const PERL_SPACE = '[ \\t\\n\\r\\f\\v]';

/**
 * `value =~ /^...$/` in Perl: `$` also matches before one final newline. `fullRe` must be
 * anchored with `^` and `$` (no `m` flag).
 */
export function perlMatchesWhole(fullRe: RegExp, value: string): boolean {
  return fullRe.test(value) || (value.endsWith('\n') && fullRe.test(value.slice(0, -1)));
}

/** Perl's `split(/sep/, $s)`: trailing empty fields are dropped, leading ones kept. */
export function perlSplit(value: string, separator: string | RegExp): string[] {
  const parts = value.split(separator);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** PVE `parse_boolean`: "1"/"0" for the accepted spellings, undefined otherwise. */
export function parsePveBoolean(value: string): '1' | '0' | undefined {
  if (perlMatchesWhole(/^(?:1|on|yes|true)$/i, value)) return '1';
  if (perlMatchesWhole(/^(?:0|off|no|false)$/i, value)) return '0';
  return undefined;
}

const UV_MAX = 2n ** 64n - 1n;

/**
 * The string Perl prints for `int($digits)`: exact up to 2**64-1, beyond that a double
 * printed with `%.15g` (e.g. "1e+20").
 */
export function perlIntOfDigits(digits: string): string {
  const big = BigInt(digits);
  if (big <= UV_MAX) return big.toString();
  const [mantissa = '', exponent = '0'] = Number(digits).toPrecision(15).split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  const exp = Number(exponent);
  return `${trimmed}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** Perl's numeric value of a string (leading number, else 0), as used by `$x <= 241`. */
export function perlNumify(value: string): number {
  const match = new RegExp(`^${PERL_SPACE}*([+-]?(?:\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?))`).exec(value);
  return match?.[1] === undefined ? 0 : Number(match[1]);
}

/** JSONSchema `is_number`. */
export function isPveNumber(value: string): boolean {
  return perlMatchesWhole(/^[+-]?(?:\d+\.\d+|\d+\.|\.\d+|\d+)(?:[eE][+-]?\d+)?$/, value);
}

/** JSONSchema `is_integer`. */
export function isPveInteger(value: string): boolean {
  return perlMatchesWhole(/^[+-]?\d+$/, value);
}

// One implementation each, shared with the Base model.
export { splitList } from '../util/splitList.ts';
export { perlTrue } from '../runtime/perlText.ts';

import { createHash } from 'node:crypto';

/**
 * The salt Base's `set_user_password` uses: the first 8 characters of
 * `Digest::SHA::sha1_base64(time)` — SHA-1 of the decimal epoch seconds, standard base64
 * (`+` and `/` included, no `=` padding). Time-derived, so the same second gives the same
 * salt.
 */
export function proxmoxSalt(epochSeconds: number): string {
  if (!Number.isSafeInteger(epochSeconds)) {
    throw new RangeError(`proxmoxSalt: epoch seconds must be an integer, got ${epochSeconds}`);
  }
  return createHash('sha1').update(String(epochSeconds)).digest('base64').slice(0, 8);
}

/**
 * Base's "already a crypt string" test,
 * `^\$(?:1|2[axy]?|5|6)\$[a-zA-Z0-9./]{1,16}\$[a-zA-Z0-9./]+$`, with Perl's `$`: it also
 * matches just before a final newline, so `"$6$salt$hash\n"` counts as hashed (and would be
 * stored verbatim, newline included).
 */
const PROXMOX_CRYPT_STRING = /^\$(?:1|2[axy]?|5|6)\$[a-zA-Z0-9./]{1,16}\$[a-zA-Z0-9./]+\n?$/;

export function isProxmoxCryptString(text: string): boolean {
  return PROXMOX_CRYPT_STRING.test(text);
}

import * as nodeCrypto from 'node:crypto';
import { sha512CryptRounds } from './sha512Wasm.ts';
import { bytesFromByteString } from './byteString.ts';

/**
 * SHA-512-crypt (`$6$`), written from Ulrich Drepper's "Unix crypt using SHA-256 and
 * SHA-512" specification, with the input rules of libxcrypt's `crypt()` (what Perl's
 * `crypt` calls on Debian 12).
 *
 * Own implementation because the npm `unixcrypt` rejects salts containing `+`, and
 * Proxmox's time-derived salts are standard base64 (`+JaM+W29`).
 */

const CRYPT_ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DEFAULT_ROUNDS = 5000;
const MIN_ROUNDS = 1000;
const MAX_ROUNDS = 999_999_999;
const MAX_SALT_CHARS = 16;
/** Characters libxcrypt refuses anywhere in a setting string (crypt() then fails). */
const FORBIDDEN_SALT_CHARS = new Set(['!', '*', ':', ';', '\\']);

/**
 * `crypt(password, '$6$' . salt . '$')`.
 *
 * - `passwordBytes`: bytes, or a byte string (char codes 0..255; anything above throws) —
 *   Base hashes `encode('utf8', $pw)`, so callers pass the UTF-8 bytes of the text. Like C
 *   `crypt`, the password ends at the first NUL byte.
 * - `salt`: the salt text; only the part before a `$` counts, cut to 16 characters.
 *   Characters outside `!`..`~`, and `! * : ; \`, make libxcrypt fail: we throw.
 * - `rounds`: omitted → 5000 and no `rounds=` field; given → the `rounds=N$` form, which
 *   libxcrypt prints even for 5000. Outside 1000..999999999 libxcrypt fails: we throw.
 */
export function sha512Crypt(passwordBytes: Uint8Array | string, salt: string, rounds?: number): string {
  const key = cutAtNul(typeof passwordBytes === 'string' ? bytesFromByteString(passwordBytes) : passwordBytes);
  for (const ch of salt) {
    const code = ch.codePointAt(0)!;
    if (code < 0x21 || code > 0x7e || FORBIDDEN_SALT_CHARS.has(ch)) {
      throw new RangeError(`sha512Crypt: crypt() rejects salt character ${JSON.stringify(ch)}`);
    }
  }
  if (rounds !== undefined && !(Number.isInteger(rounds) && rounds >= MIN_ROUNDS && rounds <= MAX_ROUNDS)) {
    throw new RangeError(`sha512Crypt: crypt() rejects rounds=${rounds}`);
  }
  const saltText = salt.split('$')[0]!.slice(0, MAX_SALT_CHARS);
  const roundsField = rounds === undefined ? '' : `rounds=${rounds}$`;
  // A pure function worth ~5000 hashes: the differential hashes the same few passwords at
  // the same few clock values over and over (and each idempotence check hashes twice).
  const memoKey = `${roundsField}${saltText}$${Buffer.from(key).toString('latin1')}`;
  const known = memo.get(memoKey);
  if (known !== undefined) return known;
  const saltBytes = new TextEncoder().encode(saltText);
  const digest = sha512CryptDigest(key, saltBytes, rounds ?? DEFAULT_ROUNDS);
  const crypt = `$6$${roundsField}${saltText}$${encodeDigest(digest)}`;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(memoKey, crypt);
  return crypt;
}

const MEMO_LIMIT = 4096;
const memo = new Map<string, string>();

/** Forgets memoised results (benches measure a run's real cost with it). */
export function clearSha512CryptMemo(): void {
  memo.clear();
}

function cutAtNul(bytes: Uint8Array): Uint8Array {
  const nul = bytes.indexOf(0);
  return nul < 0 ? bytes : bytes.subarray(0, nul);
}

function sha512(parts: Uint8Array[]): Uint8Array {
  const hash = nodeCrypto.createHash('sha512');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

/** The first `length` bytes of `digest` repeated end to end (the spec's P and S strings). */
function repeatToLength(digest: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = digest[i % digest.length]!;
  return out;
}

function sha512CryptDigest(key: Uint8Array, salt: Uint8Array, rounds: number): Uint8Array {
  const digestB = sha512([key, salt, key]);

  const partsA: Uint8Array[] = [key, salt];
  let remaining = key.length;
  for (; remaining > 64; remaining -= 64) partsA.push(digestB);
  partsA.push(digestB.subarray(0, remaining));
  for (let bits = key.length; bits > 0; bits >>= 1) partsA.push(bits & 1 ? digestB : key);
  const digestA = sha512(partsA);

  const keyStretch = repeatToLength(sha512(Array.from({ length: key.length }, () => key)), key.length);
  const saltRepeats = 16 + digestA[0]!;
  const saltStretch = repeatToLength(sha512(Array.from({ length: saltRepeats }, () => salt)), salt.length);

  // the spec's rounds; sha512Wasm.ts says why not node:crypto
  return sha512CryptRounds(digestA, keyStretch, saltStretch, rounds);
}

/** The spec's byte shuffle: groups of (i, i+21, i+42) with the leading byte rotating. */
function encodeDigest(digest: Uint8Array): string {
  let out = '';
  for (let i = 0; i < 21; i++) {
    const [a, b, c] = [i, i + 21, i + 42];
    const order = i % 3 === 0 ? [a, b, c] : i % 3 === 1 ? [b, c, a] : [c, a, b];
    out += encode24(digest[order[0]!]!, digest[order[1]!]!, digest[order[2]!]!, 4);
  }
  return out + encode24(0, 0, digest[63]!, 2);
}

function encode24(high: number, middle: number, low: number, chars: number): string {
  let word = (high << 16) | (middle << 8) | low;
  let out = '';
  for (let i = 0; i < chars; i++) {
    out += CRYPT_ALPHABET[word & 0x3f];
    word >>= 6;
  }
  return out;
}

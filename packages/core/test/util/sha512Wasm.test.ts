import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DIGEST_AT, MESSAGE_AT, paddedLength, sha512CryptRounds, sha512InMemory, sha512Memory } from '../../src/util/sha512Wasm.ts';

function wasmSha512(message: Uint8Array): string {
  sha512Memory(message.length).set(message, MESSAGE_AT);
  sha512InMemory(message.length);
  return Buffer.from(sha512Memory(0).subarray(DIGEST_AT, DIGEST_AT + 64)).toString('hex');
}

describe('sha512InMemory', () => {
  // around the padding's block boundaries (111/112 bytes), several blocks, and a message
  // larger than the module's first memory page (it grows)
  const lengths = [0, 1, 3, 64, 111, 112, 113, 127, 128, 129, 239, 240, 241, 1000, 70_000];

  it.each(lengths)('matches node:crypto for %i bytes', (length) => {
    const message = Uint8Array.from({ length }, (_, i) => (i * 131 + 7) & 0xff);
    expect(wasmSha512(message)).toBe(createHash('sha512').update(message).digest('hex'));
  });

  it('gives the FIPS 180-4 digest of "abc"', () => {
    expect(wasmSha512(new TextEncoder().encode('abc'))).toBe(
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a' + '2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
  });

  it('pads to whole 128-byte blocks with room for the 16-byte length', () => {
    expect([0, 111, 112, 239, 240].map(paddedLength)).toEqual([128, 128, 256, 256, 384]);
  });
});

/** The spec's rounds with node:crypto, as sha512Crypt.ts did them before. */
function referenceRounds(first: Uint8Array, p: Uint8Array, s: Uint8Array, rounds: number): string {
  let current: Uint8Array = first;
  for (let round = 0; round < rounds; round++) {
    const odd = (round & 1) === 1;
    const hash = createHash('sha512').update(odd ? p : current);
    if (round % 3 !== 0) hash.update(s);
    if (round % 7 !== 0) hash.update(p);
    current = hash.update(odd ? current : p).digest();
  }
  return Buffer.from(current).toString('hex');
}

describe('sha512CryptRounds', () => {
  const bytes = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i * 37 + seed) & 0xff);
  const first = bytes(64, 1);

  // an empty and a long P (the memory grows), S from empty to libxcrypt's 16 bytes
  it.each([
    [0, 8, 42],
    [6, 8, 1000],
    [6, 16, 21],
    [100, 0, 22],
    [200, 3, 7],
    [40_000, 16, 5],
  ])('matches node:crypto for a %i-byte P and %i-byte S over %i rounds', (pLength, sLength, rounds) => {
    const p = bytes(pLength, 3);
    const s = bytes(sLength, 5);
    const got = Buffer.from(sha512CryptRounds(first, p, s, rounds)).toString('hex');
    expect(got).toBe(referenceRounds(first, p, s, rounds));
  });
});

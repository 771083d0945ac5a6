import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DIGEST_AT,
  MESSAGE_AT,
  paddedLength,
  sha512InMemory,
  sha512Memory,
} from '../../src/util/sha512Wasm.ts';

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
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a' +
        '2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
  });

  it('pads to whole 128-byte blocks with room for the 16-byte length', () => {
    expect([0, 111, 112, 239, 240].map(paddedLength)).toEqual([128, 128, 256, 256, 384]);
  });
});

import { describe, expect, it } from 'vitest';
import { byteStringFromBytes, bytesFromByteString } from '../../src/util/byteString.ts';

describe('byte strings', () => {
  it('map every byte value to the char code of the same value and back', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = byteStringFromBytes(all);
    expect([...text].map((ch) => ch.charCodeAt(0))).toEqual([...all]);
    expect(bytesFromByteString(text)).toEqual(all);
  });

  it('handle inputs longer than one conversion chunk', () => {
    const big = new Uint8Array(100_000).map((_, i) => i % 251);
    expect(bytesFromByteString(byteStringFromBytes(big))).toEqual(big);
  });

  it('refuse text with characters above 255', () => {
    expect(() => bytesFromByteString('€')).toThrow(RangeError);
  });
});

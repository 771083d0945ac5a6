import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalIpv6, formatIpv6, ipv6FromBigInt, ipv6ToBigInt, parseIpv6 } from '../../src/util/ipv6.ts';

/** WHATWG URL host serialisation: an independent RFC 5952 formatter built into Node. */
const urlCanonical = (text: string): string | undefined => {
  try {
    return new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
};

describe('formatIpv6', () => {
  it.each([
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['1:0:0:2:0:0:3:4', '1::2:0:0:3:4'],
    ['0:0:1:0:0:0:0:0', '0:0:1::'],
    ['1:0:2:3:4:5:6:7', '1:0:2:3:4:5:6:7'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
  ])('writes %s as %s (RFC 5952 section 4)', (text, expected) => {
    expect(canonicalIpv6(text)).toBe(expected);
  });

  it('agrees with WHATWG URL serialisation on random addresses', () => {
    const group = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
        const longForm = groups.map((value) => value.toString(16)).join(':');
        expect(formatIpv6(groups)).toBe(urlCanonical(longForm));
      }),
    );
  });

  it('rejects anything but eight 16-bit groups', () => {
    expect(() => formatIpv6([1, 2, 3])).toThrow(RangeError);
    expect(() => formatIpv6([0x10000, 0, 0, 0, 0, 0, 0, 0])).toThrow(RangeError);
  });
});

describe('parseIpv6', () => {
  it.each(['1:2:3:4:5:6:7::', '::2:3:4:5:6:7:8', '::ffff:1.2.3.4', '1:2:3:4:5:6:1.2.3.4', '::', '1::2:3', '0001:0DB8::00ff'])('reads %s like WHATWG URL does', (text) => {
    expect(canonicalIpv6(text)).toBe(urlCanonical(text));
  });

  it.each(['1::2:3:4:5:6:7:8', '::01.2.3.4', '::256.1.1.1', 'a::b::c', '12345::', 'fe80::1%eth0', ':1::', '1:::2', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '1.2.3.4', ''])(
    'rejects %j, as WHATWG URL does',
    (text) => {
      expect(urlCanonical(text)).toBeUndefined();
      expect(parseIpv6(text)).toBeUndefined();
    },
  );

  it('reads back every text form of a random address', () => {
    const form = fc.record({
      groups: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })), {
        minLength: 8,
        maxLength: 8,
      }),
      upper: fc.boolean(),
      padded: fc.boolean(),
      dottedTail: fc.boolean(),
      gap: fc.tuple(fc.nat(7), fc.nat(7)),
    });
    fc.assert(
      fc.property(form, ({ groups, upper, padded, dottedTail, gap }) => {
        const hex = groups.map((value) => value.toString(16).padStart(padded ? 4 : 1, '0'));
        const quad = [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
        const parts = dottedTail ? [...hex.slice(0, 6), quad] : hex;
        // Write a random run of hex groups as `::` when the run is all zeros.
        const hexParts = dottedTail ? 6 : 8;
        const start = gap[0] % hexParts;
        const length = 1 + (gap[1] % (hexParts - start));
        const compressible = groups.slice(start, start + length).every((value) => value === 0);
        const text = compressible ? `${parts.slice(0, start).join(':')}::${parts.slice(start + length).join(':')}` : parts.join(':');
        const written = upper ? text.toUpperCase() : text;
        expect(parseIpv6(written)).toEqual(groups);
        expect(canonicalIpv6(written)).toBe(urlCanonical(written));
      }),
    );
  });
});

describe('ipv6 as a number', () => {
  it('round-trips through bigint', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (value) => {
        expect(ipv6ToBigInt(ipv6FromBigInt(value))).toBe(value);
      }),
    );
    expect(ipv6ToBigInt(parseIpv6('2001:db8::1')!)).toBe(0x20010db8000000000000000000000001n);
  });
});

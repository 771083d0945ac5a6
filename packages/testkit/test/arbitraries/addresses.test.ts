/**
 * Address text we generate ourselves: IPv6 must be RFC 5952 canonical (checked against
 * WHATWG URL serialisation, an implementation independent of core's), gateways must land
 * inside or outside the prefix as asked (checked with plain bit arithmetic).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ipv4Inside,
  ipv4Octets,
  ipv4Outside,
  ipv4Prefix,
  ipv6Groups,
  ipv6Inside,
  ipv6Outside,
  ipv6Prefix,
  ipv6Text,
  linkLocalIid,
  linkLocalText,
} from '../../src/arbitraries/addresses.ts';

/** What a URL host serialiser prints for an IPv6 address (RFC 5952 compatible). */
const urlCanonical = (text: string) => new URL(`http://[${text}]/`).hostname.slice(1, -1);

const v4 = (text: string) => text.split('.').reduce((n, o) => n * 256n + BigInt(o), 0n);
function v6(text: string): bigint {
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((n, g) => n * 65536n + BigInt(parseInt(g, 16)), 0n);
}
const samePrefix = (a: bigint, b: bigint, prefix: number, bits: number) => a >> BigInt(bits - prefix) === b >> BigInt(bits - prefix);

describe('generated addresses', () => {
  it('writes every IPv6 address in canonical form (as URL serialisation does)', () => {
    fc.assert(
      fc.property(ipv6Groups, (groups) => {
        const text = ipv6Text(groups);
        expect(text).toBe(urlCanonical(text));
        expect(v6(text)).toBe(groups.reduce((n, g) => n * 65536n + BigInt(g), 0n));
      }),
    );
  });

  it('writes link-local addresses in fe80::/64, canonical', () => {
    fc.assert(
      fc.property(linkLocalIid, (iid) => {
        const text = linkLocalText(iid);
        expect(text).toBe(urlCanonical(text));
        expect(v6(text) >> 64n).toBe(0xfe80n << 48n);
      }),
    );
  });

  it('puts an "inside" IPv4 gateway in the prefix and an "outside" one out of it', () => {
    fc.assert(
      fc.property(ipv4Octets, ipv4Prefix, ipv4Octets, (address, prefix, other) => {
        const net = v4(address.join('.'));
        expect(samePrefix(v4(ipv4Inside(address, prefix, other)), net, prefix, 32)).toBe(true);
        expect(samePrefix(v4(ipv4Outside(address, prefix, other)), net, prefix, 32)).toBe(false);
      }),
    );
  });

  it('puts an "inside" IPv6 gateway in the prefix and an "outside" one out of it, canonical', () => {
    fc.assert(
      fc.property(ipv6Groups, ipv6Prefix, ipv6Groups, (address, prefix, other) => {
        const net = v6(ipv6Text(address));
        const inside = ipv6Inside(address, prefix, other);
        const outside = ipv6Outside(address, prefix, other);
        expect(samePrefix(v6(inside), net, prefix, 128)).toBe(true);
        expect(samePrefix(v6(outside), net, prefix, 128)).toBe(false);
        expect([inside, outside]).toEqual([urlCanonical(inside), urlCanonical(outside)]);
      }),
    );
  });

  it('keeps prefixes in the range PVE accepts (8..32, 8..128)', () => {
    fc.assert(fc.property(ipv4Prefix, ipv6Prefix, (p4, p6) => p4 >= 8 && p4 <= 32 && p6 >= 8 && p6 <= 128));
  });
});

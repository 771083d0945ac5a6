/**
 * IP address recipes and their text. Recipes are plain numbers so fast-check can shrink a
 * recorded case without generation context; the text is made here, never by fc.ipV6()
 * (whose IPv6 text is not in canonical RFC 5952 form).
 */
import fc from 'fast-check';
import { formatIpv6, ipv6FromBigInt, ipv6ToBigInt } from '@pve-chainguard/core';

export type Ipv4Octets = readonly [number, number, number, number];
export type Ipv6Groups = readonly [number, number, number, number, number, number, number, number];

const octet = fc.nat(255);

/** Private, CGNAT and documentation ranges most of the time, anything now and then. */
export const ipv4Octets: fc.Arbitrary<Ipv4Octets> = fc.oneof(
  fc.tuple(fc.constant(10), octet, octet, octet),
  fc.tuple(fc.constant(192), fc.constant(168), octet, octet),
  fc.tuple(fc.constant(100), fc.integer({ min: 64, max: 127 }), octet, octet),
  fc.tuple(octet, octet, octet, octet),
);

const group = fc.nat(0xffff);
/** Groups that are often zero, so `::` runs of every length and position occur. */
const sparseGroup = fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: group });

export const ipv6Groups: fc.Arbitrary<Ipv6Groups> = fc.oneof(
  fc.tuple(fc.constant(0x2001), fc.constant(0xdb8), sparseGroup, sparseGroup, sparseGroup, sparseGroup, sparseGroup, sparseGroup),
  fc.tuple(fc.constant(0xfd00), sparseGroup, sparseGroup, sparseGroup, sparseGroup, sparseGroup, sparseGroup, sparseGroup),
  fc.tuple(sparseGroup, sparseGroup, sparseGroup, sparseGroup, sparseGroup, sparseGroup, sparseGroup, sparseGroup),
);

/** Interface identifier (low 64 bits) of a link-local address fe80::/64. */
export const linkLocalIid = fc.tuple(sparseGroup, sparseGroup, sparseGroup, sparseGroup);

export const ipv4Prefix = fc.oneof(fc.constantFrom(8, 16, 24, 32), fc.integer({ min: 8, max: 32 }));
export const ipv6Prefix = fc.oneof(fc.constantFrom(64, 48, 56, 128), fc.integer({ min: 8, max: 128 }));

export function ipv4Text(octets: Ipv4Octets): string {
  return octets.join('.');
}

function ipv4ToInt(octets: Ipv4Octets): number {
  return ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
}

function intToIpv4(value: number): Ipv4Octets {
  return [(value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255];
}

function mask4(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** An address in `address/prefix`: the network bits of `address`, the host bits of `host`. */
export function ipv4Inside(address: Ipv4Octets, prefix: number, host: Ipv4Octets): string {
  const m = mask4(prefix);
  return ipv4Text(intToIpv4(((ipv4ToInt(address) & m) | (ipv4ToInt(host) & ~m)) >>> 0));
}

/** `other`, moved out of `address/prefix` (prefix ≥ 1) by flipping the first network bit if needed. */
export function ipv4Outside(address: Ipv4Octets, prefix: number, other: Ipv4Octets): string {
  const m = mask4(prefix);
  const o = ipv4ToInt(other);
  const inside = ((o ^ ipv4ToInt(address)) & m) === 0;
  return ipv4Text(intToIpv4(inside ? (o ^ 0x80000000) >>> 0 : o));
}

export function ipv6Text(groups: readonly number[]): string {
  return formatIpv6(groups);
}

function mask6(prefix: number): bigint {
  const all = (1n << 128n) - 1n;
  return prefix === 0 ? 0n : (all << BigInt(128 - prefix)) & all;
}

export function ipv6Inside(address: Ipv6Groups, prefix: number, host: Ipv6Groups): string {
  const m = mask6(prefix);
  const all = (1n << 128n) - 1n;
  const value = (ipv6ToBigInt(address) & m) | (ipv6ToBigInt(host) & (all ^ m));
  return formatIpv6(ipv6FromBigInt(value));
}

export function ipv6Outside(address: Ipv6Groups, prefix: number, other: Ipv6Groups): string {
  const m = mask6(prefix);
  const o = ipv6ToBigInt(other);
  const inside = ((o ^ ipv6ToBigInt(address)) & m) === 0n;
  return formatIpv6(ipv6FromBigInt(inside ? o ^ (1n << 127n) : o));
}

export function linkLocalText(iid: readonly number[]): string {
  return formatIpv6([0xfe80, 0, 0, 0, ...iid]);
}

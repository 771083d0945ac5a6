/**
 * Address and name syntax. IPv6 forms follow RFC 3986 section 3.2.2 (what PVE's regex
 * implements); the DNS rule is PVE's dns-name format.
 */
import { describe, expect, it } from 'vitest';
import { isCidr4, isCidr6, isDnsName, isIpv4, isIpv6 } from '../../src/config/formats.ts';

describe('IPv4 syntax', () => {
  it.each(['0.0.0.0', '192.0.2.1', '255.255.255.255', '10.0.0.9'])('accepts %s', (ip) => expect(isIpv4(ip)).toBe(true));
  it.each(['256.0.0.1', '10.0.0', '10.0.0.1.2', '01.2.3.4', '1.2.3.4 ', ' 1.2.3.4', '1.2.3.-1', ''])('refuses %j', (ip) => expect(isIpv4(ip)).toBe(false));
});

describe('IPv6 syntax', () => {
  it.each([
    '::',
    '::1',
    '2001:db8::1',
    'fe80::1',
    '1:2:3:4:5:6:7:8',
    '1::8',
    '1:2:3:4:5:6:7::',
    '::2:3:4:5:6:7:8',
    '::ffff:192.0.2.1',
    '1:2:3:4:5:6:192.0.2.1',
    'ABCD:ef01::',
  ])('accepts %s', (ip) => expect(isIpv6(ip)).toBe(true));
  it.each(['1:2:3:4:5:6:7:8:9', '1::2::3', ':1', '1:', '12345::', 'fe80::1%eth0', '::ffff:256.0.0.1', 'g::1', ''])('refuses %j', (ip) => expect(isIpv6(ip)).toBe(false));
});

describe('CIDR prefixes', () => {
  it('allows 8..32 for IPv4 and 8..128 for IPv6, like PVE', () => {
    expect([7, 8, 32, 33].map((p) => isCidr4(`10.0.0.1/${p}`))).toEqual([false, true, true, false]);
    expect([7, 8, 128, 129].map((p) => isCidr6(`2001:db8::1/${p}`))).toEqual([false, true, true, false]);
  });
});

describe('DNS names', () => {
  it.each(['a', 'ct1', 'a-b.example.com', 'xn--bcher-kva.example', '1.2.3.4', 'A.B'])('accepts %s', (name) => expect(isDnsName(name)).toBe(true));
  it.each(['', '-a', 'a-', 'a..b', 'a.', '.a', 'a b', 'a_b', 'caf\u00e9'])('refuses %j', (name) => expect(isDnsName(name)).toBe(false));
});

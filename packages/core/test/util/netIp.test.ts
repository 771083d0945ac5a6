import { describe, expect, it } from 'vitest';
import { bitsToAddress, expandAddress, ipVersionOf, netIpNew } from '../../src/util/netIp.ts';

// Expected values: Net::IP 1.26 (ip_get_version, ip_expand_address, Net::IP->new) in
// perl 5.36 on this machine.
describe('Net::IP address rules', () => {
  it.each([
    ['1.2.3.4', 4],
    ['10', 4],
    ['255', 4],
    ['256', undefined],
    ['1.2', 4],
    ['010.1.1.1', 4],
    ['1.2.3.4.5', undefined],
    ['::', 6],
    ['1:2:3:4:5:6:7:8', 6],
    ['1:2:3:4:5:6:7::', undefined],
    ['::ffff:1.2', 6],
    ['1:2:3:4:5:6:1.2.3.4', 6],
    ['1::2::3', undefined],
    ['', undefined],
  ] as const)('ip_get_version(%j) = %s', (ip, version) => {
    expect(ipVersionOf(ip)).toBe(version);
  });

  it.each([
    ['10.1', 4, '10.1.0.0'],
    ['010.001.0.1', 4, '10.1.0.1'],
    ['::1', 6, '0000:0000:0000:0000:0000:0000:0000:0001'],
    ['1::', 6, '0001:0000:0000:0000:0000:0000:0000:0000'],
    ['::ffff:1.2', 6, '0000:0000:0000:0000:0000:ffff:0102:0000'],
    ['1:2:3:4:5:6::1.2.3.4', 6, '0001:0002:0003:0004:0005:0006::0102:0304'],
    ['FE80::A', 6, 'fe80:0000:0000:0000:0000:0000:0000:000a'],
  ] as const)('ip_expand_address(%j, %d) = %j', (ip, version, expanded) => {
    expect(expandAddress(ip, version)).toBe(expanded);
  });

  it('builds ranges from prefixes, prefix chains and explicit ranges', () => {
    const text = (data: string) => {
      const range = netIpNew(data)!;
      return `${bitsToAddress(range.first, range.version)} - ${bitsToAddress(range.last, range.version)}`;
    };
    expect(text('10.0.0.0/8')).toBe('10.0.0.0 - 10.255.255.255');
    expect(text('10.0.0.0/24,/24')).toBe('10.0.0.0 - 10.0.1.255');
    expect(text('10.0.0.9 - 10.0.1.3')).toBe('10.0.0.9 - 10.0.1.3');
    expect(netIpNew('10.0.0.1/24')).toBeUndefined();
    expect(netIpNew('10.0.1.3 - 10.0.0.9')).toBeUndefined();
    expect(netIpNew('10.0.0.1', 6)).toBeUndefined();
  });
});

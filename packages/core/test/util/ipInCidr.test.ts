import { describe, expect, it } from 'vitest';
import { ipFromCidr, isIpInCidr } from '../../src/util/ipInCidr.ts';
import { bitsToAddress } from '../../src/util/netIp.ts';
import { PERL_IS_IP_IN_CIDR } from './fixtures/perlIsIpInCidr.ts';

describe('isIpInCidr', () => {
  it.each(PERL_IS_IP_IN_CIDR)('%j in %j (version %s) is %s, as with Perl and Net::IP', (ip, cidr, version, expected) => {
    expect(isIpInCidr(ip, cidr, version ?? undefined)).toBe(expected);
  });

  it('refuses text with a newline, which is outside the model', () => {
    expect(isIpInCidr('10.0.0.1\n', '10.0.0.0/8', 4)).toBe(false);
    expect(isIpInCidr('10.0.0.1', '10.0.0.0/8\n', 4)).toBe(false);
  });
});

describe('ipFromCidr', () => {
  const range = (cidr: string) => {
    const network = ipFromCidr(cidr)!;
    return `${bitsToAddress(network.first, network.version)} - ${bitsToAddress(network.last, network.version)}`;
  };

  it('masks the host bits off the address', () => {
    expect(range('192.168.7.9/20')).toBe('192.168.0.0 - 192.168.15.255');
    expect(range('2001:db8::5/64')).toBe('2001:0db8:0000:0000:0000:0000:0000:0000 - 2001:0db8:0000:0000:ffff:ffff:ffff:ffff');
  });

  it('turns a prefix that is not plain digits into the single masked address', () => {
    expect(range('1.2.3.4/24abc')).toBe('1.2.3.0 - 1.2.3.0');
  });
});

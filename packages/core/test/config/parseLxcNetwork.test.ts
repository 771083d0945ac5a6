/**
 * netN property strings. PVE texts are from PVE/JSONSchema.pm (parse_property_string,
 * check_prop) and PVE/LXC/Config.pm ($netconf_desc); confirmed against the upstream code.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, type NetConf, parseLxcNetwork, parseLxcNetworkAsPve, printLxcNetwork } from '../../src/config/index.ts';

function refusal(str: string): ConfigError {
  try {
    parseLxcNetwork(str, { key: 'net5' });
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`accepted ${str}`);
}

describe('parseLxcNetwork (strict)', () => {
  it('returns the keys as written plus type veth, booleans as "1"/"0"', () => {
    expect(parseLxcNetwork('name=eth0,bridge=vmbr0,hwaddr=BC:24:11:3C:FD:E6,ip=dhcp,ip6=auto,firewall=yes,link_down=off')).toEqual({
      name: 'eth0',
      bridge: 'vmbr0',
      hwaddr: 'BC:24:11:3C:FD:E6',
      ip: 'dhcp',
      ip6: 'auto',
      firewall: '1',
      link_down: '0',
      type: 'veth',
    });
  });

  it('accepts static addresses at the prefix bounds PVE allows (8..32, 8..128)', () => {
    for (const ip of ['10.0.0.1/8', '10.0.0.1/32', '255.255.255.255/24']) {
      expect(parseLxcNetwork(`name=eth0,ip=${ip}`).ip).toBe(ip);
    }
    for (const ip6 of ['2001:db8::1/8', '2001:db8::1/128', '::ffff:192.0.2.1/96', 'fe80::1/64', '::/8']) {
      expect(parseLxcNetwork(`name=eth0,ip6=${ip6}`).ip6).toBe(ip6);
    }
  });

  it('accepts gateways with a static or DHCP address, and a link-local gw6', () => {
    expect(parseLxcNetwork('name=eth0,ip=dhcp,gw=192.0.2.1').gw).toBe('192.0.2.1');
    expect(parseLxcNetwork('name=eth0,ip=192.0.2.5/24,gw=198.51.100.1').gw).toBe('198.51.100.1');
    expect(parseLxcNetwork('name=eth0,ip6=2001:db8::5/64,gw6=fe80::1').gw6).toBe('fe80::1');
    expect(parseLxcNetwork('name=eth0,ip6=auto,gw6=2001:db8::1').gw6).toBe('2001:db8::1');
  });

  const refused: Array<[string, string, RegExp]> = [
    ['name=eth0,ip=10.0.0.1', 'ip=10.0.0.1', /ipv4 network configuration/],
    ['name=eth0,ip=10.0.0.01/24', 'ip=10.0.0.01/24', /ipv4 network configuration/],
    ['name=eth0,ip=10.0.0.1/024', 'ip=10.0.0.1/024', /leading zero/],
    ['name=eth0,ip=auto', 'ip=auto', /ipv4 network configuration/],
    ['name=eth0,ip6=2001:db8::1/7', 'ip6=2001:db8::1/7', /ipv6 network configuration/],
    ['name=eth0,ip6=fe80::1%eth0/64', 'ip6=fe80::1%eth0/64', /ipv6 network configuration/],
    ['name=eth0,ip6=1:2:3:4:5:6:7:8:9/64', 'ip6=1:2:3:4:5:6:7:8:9/64', /ipv6 network configuration/],
    ['name=eth0,gw=10.0.0.1', 'gw=10.0.0.1', /gw without address \(ip is not set\)/],
    ['name=eth0,ip6=manual,gw6=fe80::1', 'gw6=fe80::1', /gw6 without address \(ip6 is 'manual'\)/],
    ['name=eth0,hwaddr=BC:24:11:3C:FD', 'hwaddr=BC:24:11:3C:FD', /unicast MAC/],
    ['name=eth0,mtu=65536', 'mtu=65536', /maximum value of 65535/],
    ['name=eth0,mtu=+1500', 'mtu=+1500', /plain decimal/],
    ['name=eth0,tag=0', 'tag=0', /minimum value of 1/],
    ['name=eth0,trunks=1;5000', 'trunks=1;5000', /5000 is not in 1..4094/],
    ['name=eth0,rate=-1', 'rate=-1', /negative/],
    ['name=eth0,type=macvlan', 'type=macvlan', /enumeration 'veth'/],
    ['name=eth0,bridge=vmbr 0', 'bridge=vmbr 0', /regex pattern/],
    ['name=eth/0', 'name=eth/0', /regex pattern/],
    ['name=..', 'name=..', /not a valid interface name/],
    ['name=eth0,firewall=maybe', 'firewall=maybe', /boolean/],
    ['name=eth0,=x', '=x', /without a key/],
    ['name=eth0,ip=', 'ip=', /empty value/],
    ['name=eth0,', '', /empty element/],
    ['name=eth0\n', 'name=eth0\n', /control characters/],
  ];
  it.each(refused)('refuses %j, naming net5 and %j', (str, part, reason) => {
    const err = refusal(str);
    expect(err.key).toBe('net5');
    expect(err.value).toBe(part);
    expect(err.reason).toMatch(reason);
  });
});

describe('parseLxcNetworkAsPve (what parse_lxc_network returns)', () => {
  it('gives {} for the Perl-false strings "" and "0"', () => {
    expect(parseLxcNetworkAsPve('')).toEqual({});
    expect(parseLxcNetworkAsPve('0')).toEqual({});
  });

  it('accepts what strict mode refuses but PVE takes: gw without address, empty elements', () => {
    expect(parseLxcNetworkAsPve('name=eth0,,gw=10.0.0.1,ip=manual,')).toEqual({
      name: 'eth0',
      gw: '10.0.0.1',
      ip: 'manual',
      type: 'veth',
    });
  });

  it("throws PVE's die text for a bad value", () => {
    expect(() => parseLxcNetworkAsPve('name=eth0,ip=dhcp,ip=manual', { key: 'net1' })).toThrow(
      expect.objectContaining({ key: 'net1', reason: 'duplicate key in comma-separated list property: ip\n' }),
    );
    expect(() => parseLxcNetworkAsPve('name=eth0,tag=5000')).toThrow(expect.objectContaining({ reason: 'format error\ntag: value must have a maximum value of 4094\n' }));
  });
});

describe('printLxcNetwork', () => {
  it('prints name first, then the other keys in byte order', () => {
    const net: NetConf = {
      type: 'veth',
      ip: 'dhcp',
      name: 'eth0',
      hwaddr: 'BC:24:11:3C:FD:E6',
      'host-managed': '1',
      bridge: 'vmbr0',
      gw6: 'fe80::1',
      ip6: 'auto',
    };
    expect(printLxcNetwork(net)).toBe('name=eth0,bridge=vmbr0,gw6=fe80::1,host-managed=1,hwaddr=BC:24:11:3C:FD:E6,ip=dhcp,ip6=auto,type=veth');
  });

  it('round-trips through the strict parser', () => {
    const str = 'name=eth1,bridge=vmbr1,firewall=1,gw=192.0.2.1,ip=192.0.2.7/24,mtu=9000,tag=42,type=veth';
    expect(printLxcNetwork(parseLxcNetwork(str))).toBe(str);
  });

  it('refuses values that would not parse back', () => {
    expect(() => printLxcNetwork({ name: 'eth0', type: 'veth', ip: '10.0.0.1/33' })).toThrow(ConfigError);
    expect(() => printLxcNetwork({ name: 'eth0', type: 'veth', trunks: '1,2' })).toThrow(/regex pattern|commas/);
  });
});

/**
 * pct config parsing in strict mode: what it refuses, naming key and value, and the forms it
 * accepts. Proxmox mode is in parsePctConfigProxmox.test.ts, the oracle vectors and the
 * strict-implies-silent property in parsePctConfigOracle.test.ts.
 *
 * Expected PVE messages are PVE's own texts (PVE/LXC/Config.pm, PVE/JSONSchema.pm at the
 * commits in oracle/README.md).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parsePctConfig } from '../../src/config/index.ts';

const strict = (text: string) => parsePctConfig(text, { mode: 'strict' });

function strictError(text: string): ConfigError {
  try {
    strict(text);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`strict parse accepted ${JSON.stringify(text)}`);
}

const NET = 'net0: name=eth0,bridge=vmbr0';

describe('strict mode refuses invalid values, naming key and value', () => {
  // [case, config text, key named, value named (substring), reason (pattern)]
  const rows: Array<[string, string, string, string, RegExp]> = [
    ['bad CIDR address', `${NET},ip=10.0.0.300/24`, 'net0', 'ip=10.0.0.300/24', /ipv4 network configuration/],
    ['IPv4 prefix 33', `${NET},ip=10.0.0.1/33`, 'net0', 'ip=10.0.0.1/33', /ipv4 network configuration/],
    ['IPv4 prefix below PVE minimum 8', `${NET},ip=10.0.0.1/7`, 'net0', 'ip=10.0.0.1/7', /ipv4 network/],
    ['IPv6 prefix 129', `${NET},ip6=2001:db8::1/129`, 'net0', 'ip6=2001:db8::1/129', /ipv6 network/],
    ['gw without address', `${NET},gw=10.0.0.1`, 'net0', 'gw=10.0.0.1', /gw without address/],
    ['gw with ip=manual', `${NET},ip=manual,gw=10.0.0.1`, 'net0', 'gw=10.0.0.1', /gw without address/],
    ['gw6 without address', `${NET},gw6=fe80::1`, 'net0', 'gw6=fe80::1', /gw6 without address/],
    ['carriage return inside a value', 'hostname: ab\rcd', 'hostname', 'ab\rcd', /control characters/],
    ['line feed inside a NIC value', `${NET},bridge=vm\rbr0`, 'net0', 'bridge=vm\rbr0', /control/],
    ['= inside a NIC value', `${NET}=x`, 'net0', 'bridge=vmbr0=x', /'=' inside the value/],
    [', inside a NIC value', `${NET},trunks=10,20`, 'net0', '20', /a ',' inside a value/],
    [', inside the host name', 'hostname: a,b', 'hostname', 'a,b', /valid DNS name/],
    ['stray comma in a NIC value', `${NET},,ip=dhcp`, 'net0', '', /empty element/],
    ['unknown netN key', `${NET},colour=blue`, 'net0', 'colour=blue', /unknown key 'colour'/],
    ['repeated netN key', `${NET},ip=dhcp,ip=manual`, 'net0', 'ip=manual', /duplicate key 'ip'/],
    ['NIC without name', 'net0: bridge=vmbr0,ip=dhcp', 'net0', 'bridge=vmbr0,ip=dhcp', /missing required key 'name'/],
    ['NIC name too long', 'net0: name=abcdefghijklmnop', 'net0', 'name=abcdefghijklmnop', /longer than 15/],
    ['multicast MAC', `${NET},hwaddr=01:00:5e:00:00:01`, 'net0', 'hwaddr=01:00:5e:00:00:01', /unicast MAC/],
    ['MTU below 64', `${NET},mtu=63`, 'net0', 'mtu=63', /minimum value of 64/],
    ['VLAN tag 4095', `${NET},tag=4095`, 'net0', 'tag=4095', /maximum value of 4094/],
    ['gw6 that is IPv4', `${NET},ip6=auto,gw6=10.0.0.1`, 'net0', 'gw6=10.0.0.1', /valid IPv6 address/],
    ['NIC number 32', 'net32: name=eth0', 'net32', 'name=eth0', /unknown setting 'net32'/],
    ['tty 7', 'tty: 7', 'tty', '7', /maximum value of 6/],
    ['tty not a number', 'tty: two', 'tty', 'two', /type check \('integer'\) failed/],
    ['unknown time zone', 'timezone: Mars/Olympus_Mons', 'timezone', 'Mars/Olympus_Mons', /invalid time zone/],
    ['time zone in the wrong case', 'timezone: utc', 'timezone', 'utc', /invalid time zone 'utc'/],
    ['host name with a space', 'hostname: my host', 'hostname', 'my host', /valid DNS name/],
    ['host name label of 64 characters', `hostname: ${'a'.repeat(64)}.example`, 'hostname', 'a'.repeat(64), /63/],
    ['search domain label of 64 characters', `searchdomain: ${'b'.repeat(64)}.lan`, 'searchdomain', 'b'.repeat(64), /63/],
    ['name server that is a name', 'nameserver: dns.google', 'nameserver', 'dns.google', /valid IP address/],
    ['link-local name server with a bad interface', 'nameserver: fe80::1%1x', 'nameserver', 'fe80::1%1x', /IP/],
    ['unknown key', 'colour: blue', 'colour', 'blue', /unknown setting 'colour'/],
    ['repeated key', 'hostname: a\nhostname: b', 'hostname', 'b', /duplicate key \(first set on line 1\)/],
    ['boolean that is not one', 'unprivileged: maybe', 'unprivileged', 'maybe', /type check \('boolean'\)/],
    ['unknown architecture', 'arch: sparc', 'arch', 'sparc', /enumeration/],
    ['unknown console mode', 'cmode: serial', 'cmode', 'serial', /enumeration/],
    ['unknown feature', 'features: nesting=1,wings=1', 'features', 'nesting=1,wings=1', /wings/],
    ['feature flag that is not boolean', 'features: nesting=2', 'features', 'nesting=2', /boolean/],
    ['environment entry without NAME=', 'lxc.environment.runtime: novalue', 'lxc.environment.runtime', 'novalue', /NAME=value/],
    ['env pattern', 'env: bad', 'env', 'bad', /regex pattern/],
    ['lxc.rootfs.path', 'lxc.rootfs.path: /x', 'lxc.rootfs.path', '/x', /auto generated from rootfs/],
    ['lxc key renamed in LXC 3.0', 'lxc.aa_profile: unconfined', 'lxc.aa_profile', 'unconfined', /renamed to lxc.apparmor.profile/],
    ['unknown lxc key', 'lxc.bogus: 1', 'lxc.bogus', '1', /not an lxc key/],
    ['malformed lxc.idmap', 'lxc.idmap: u 0 100000', 'lxc.idmap', 'u 0 100000', /container id/],
    ['empty value', 'hostname:', 'hostname', 'hostname:', /unable to parse config line 1/],
    ['indented key', ' hostname: ct', 'hostname', ' hostname: ct', /unable to parse config line/],
    ['snapstate outside a snapshot', 'snapstate: prepare', 'snapstate', 'prepare', /snapshot/],
    ['memory below 16', 'memory: 8', 'memory', '8', /minimum value of 16/],
    ['rootfs with a bad size', 'rootfs: local:vm-100-disk-0,size=8X', 'rootfs', 'size=8X', /disk size/],
  ];

  it.each(rows)('%s', (_name, text, key, value, reason) => {
    const err = strictError(text);
    expect(err.key).toBe(key);
    expect(err.value).toContain(value);
    expect(err.reason).toMatch(reason);
    expect(err.message).toContain(`'${key}'`);
  });

  it('refuses a NIC name used twice, naming both keys', () => {
    const err = strictError('net0: name=eth0,ip=dhcp\nnet3: name=eth0,ip=manual');
    expect(err.key).toBe('net3');
    expect(err.value).toBe('name=eth0,ip=manual');
    expect(err.reason).toMatch(/'eth0' is also used by net0/);
  });
});

describe('strict mode accepts the valid forms', () => {
  it('keeps every netN address form as written', () => {
    const text = [
      'net0: name=eth0,bridge=vmbr0,ip=dhcp,ip6=dhcp,gw=192.0.2.1',
      'net1: name=eth1,bridge=vmbr0,ip=manual,ip6=manual',
      'net2: name=eth2,bridge=vmbr0,ip=192.0.2.10/24,gw=192.0.2.1,ip6=auto,gw6=2001:db8::1',
      'net3: name=eth3,bridge=vmbr0,ip6=2001:db8::10/64,gw6=fe80::1',
      'net31: name=eth31,bridge=vmbr0,ip=10.0.0.1/32,gw=10.0.0.254,firewall=1,tag=10,mtu=1500,trunks=20;30',
    ].join('\n');
    const { conf, warnings } = strict(text);
    expect(warnings).toEqual([]);
    expect(conf.net0).toBe('name=eth0,bridge=vmbr0,ip=dhcp,ip6=dhcp,gw=192.0.2.1');
    expect(conf.net3).toBe('name=eth3,bridge=vmbr0,ip6=2001:db8::10/64,gw6=fe80::1');
    expect(conf.net31).toContain('trunks=20;30');
  });

  it('keeps raw lxc.idmap lines in file order, with either separator', () => {
    const { conf } = strict('lxc.idmap: u 0 200000 65536\nlxc.idmap = g 0 300000 65536\nunprivileged: 0\n');
    expect(conf.lxc).toEqual([
      ['lxc.idmap', 'u 0 200000 65536'],
      ['lxc.idmap', 'g 0 300000 65536'],
    ]);
  });

  it('normalises booleans to "1"/"0" and integers as Perl does', () => {
    const { conf } = strict('unprivileged: yes\nonboot: Off\nprotection: TRUE\ntty: 02\ncores: 4\n');
    expect(conf).toEqual({ unprivileged: '1', onboot: '0', protection: '1', tty: '2', cores: '4' });
  });

  it('accepts features, link-local name servers, search lists, host/UTC/zone.tab zones', () => {
    expect(strict('features: nesting=1').conf.features).toBe('nesting=1');
    expect(strict('features: keyctl=1,nesting=1,mount=nfs;cifs').conf.features).toBe('keyctl=1,nesting=1,mount=nfs;cifs');
    expect(strict('nameserver: 1.1.1.1 2001:db8::53 fe80::1%eth0').conf.nameserver).toBe('1.1.1.1 2001:db8::53 fe80::1%eth0');
    expect(strict('searchdomain: a.example b.example,c.example').conf.searchdomain).toBe('a.example b.example,c.example');
    for (const zone of ['host', 'UTC', 'Europe/Vienna', 'America/Sao_Paulo']) {
      expect(strict(`timezone: ${zone}`).conf.timezone).toBe(zone);
    }
  });

  it('takes the time zone list from the caller when given', () => {
    const zones = new Set(['Mars/Olympus_Mons']);
    expect(parsePctConfig('timezone: Mars/Olympus_Mons', { mode: 'strict', zones }).conf.timezone).toBe('Mars/Olympus_Mons');
    expect(() => parsePctConfig('timezone: Europe/Vienna', { mode: 'strict', zones })).toThrow(ConfigError);
  });

  it('accepts any ostype, as PVE does for config files', () => {
    expect(strict('ostype: chainguard').conf.ostype).toBe('chainguard');
  });

  it('keeps the schema keys it does not interpret as written', () => {
    const text = [
      'cores: 2',
      'memory: 512',
      'swap: 0',
      'rootfs: local-lvm:vm-100-disk-0,size=8G',
      'mp0: local-lvm:vm-100-disk-1,mp=/srv,backup=1',
      'unused0: local-lvm:vm-100-disk-2',
      'dev0: /dev/ttyS0,mode=0660',
      'startup: order=1,up=5',
      'tags: web;prod',
      'lock: backup',
      'cpulimit: 1.5',
      'hookscript: local:snippets/hook.pl',
    ].join('\n');
    const { conf } = strict(text);
    expect(conf.rootfs).toBe('local-lvm:vm-100-disk-0,size=8G');
    expect(conf.mp0).toBe('local-lvm:vm-100-disk-1,mp=/srv,backup=1');
    expect(conf.cpulimit).toBe('1.5');
    expect(conf.tags).toBe('web;prod');
  });

  it('collects comment lines (URI-decoded) into the description', () => {
    expect(strict('#first line\n#caf%C3%A9 50%25\nhostname: ct\n').conf.description).toBe('first line\ncafé 50%\n');
  });

  it('joins lxc.environment.runtime lines into env with NULs', () => {
    expect(strict('lxc.environment.runtime: A=1\nlxc.environment.runtime: B=two words\n').conf.env).toBe('A=1\0B=two words');
  });

  it('stops at the first snapshot section', () => {
    const { conf } = strict('hostname: current\n\n[snap1]\nhostname: old\ncolour: blue\n');
    expect(conf).toEqual({ hostname: 'current' });
  });

  it('reports deprecated lxc.cgroup keys as a warning and keeps them', () => {
    const { conf, warnings } = strict('lxc.cgroup.devices.allow: c 1:3 rwm');
    expect(conf.lxc).toEqual([['lxc.cgroup.devices.allow', 'c 1:3 rwm']]);
    expect(warnings).toEqual(['vm 100 - lxc.cgroup.devices.allow is deprecated, this will be a hard error in the future!\n']);
  });
});

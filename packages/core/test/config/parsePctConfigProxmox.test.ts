/**
 * pct config parsing in proxmox mode: what PVE does when it reads the file. Expected PVE
 * messages are PVE's own texts (PVE/LXC/Config.pm, PVE/JSONSchema.pm at the commits in
 * oracle/README.md); each expectation was confirmed by running that upstream parser on the
 * same input.
 */
import { describe, expect, it } from 'vitest';
import { parsePctConfig } from '../../src/config/index.ts';

const asPve = (text: string, vmid?: number) => parsePctConfig(text, { mode: 'proxmox', vmid });

describe('proxmox mode does what PVE does when it reads the file', () => {
  it('warns about an unknown time zone and keeps it (oracle case timezone-invalid-zone)', () => {
    const { conf, warnings } = asPve('timezone: Mars/Olympus_Mons\n');
    expect(warnings).toEqual(["vm 100 - unable to parse value of 'timezone' - invalid time zone 'Mars/Olympus_Mons'\n"]);
    expect(conf.timezone).toBe('Mars/Olympus_Mons');
  });

  it('keeps bad values of every type as written, after the warning', () => {
    const { conf, warnings } = asPve('tty: many\nunprivileged: maybe\ncpulimit: 1.\nhostname: my host\n');
    expect(conf).toEqual({ tty: 'many', unprivileged: 'maybe', cpulimit: '1.', hostname: 'my host' });
    expect(warnings).toEqual([
      "vm 100 - unable to parse value of 'tty' - type check ('integer') failed - got 'many'\n",
      "vm 100 - unable to parse value of 'unprivileged' - type check ('boolean') failed - got 'maybe'\n",
      "vm 100 - unable to parse value of 'cpulimit' - type check ('number') failed - got '1.'\n",
      "vm 100 - unable to parse value of 'hostname' - value does not look like a valid DNS name\n",
    ]);
  });

  it('does not check ranges, enums or patterns of config files', () => {
    const { conf, warnings } = asPve('tty: 7\narch: sparc\ncmode: serial\nostype: chainguard\nmemory: 1\n');
    expect(warnings).toEqual([]);
    expect(conf).toEqual({ tty: '7', arch: 'sparc', cmode: 'serial', ostype: 'chainguard', memory: '1' });
  });

  it('reports a bad NIC as a format error listing each bad property, and keeps it', () => {
    const { conf, warnings } = asPve('net0: ip=10.0.0.1/33,colour=blue\n');
    expect(conf.net0).toBe('ip=10.0.0.1/33,colour=blue');
    expect(warnings).toEqual([
      "vm 100 - unable to parse value of 'net0' - format error\n" +
        'colour: property is not defined in schema and the schema does not allow additional properties\n' +
        // PVE's own message ends in "\n", hence the blank line (PVE lists in hash order).
        'ip: invalid format - value does not look like a valid ipv4 network configuration\n\n' +
        'name: property is missing and it is not optional\n',
    ]);
  });

  it('accepts a gateway without address (PVE writes it anyway)', () => {
    expect(asPve('net0: name=eth0,bridge=vmbr0,ip=manual,gw=10.0.0.1\n').warnings).toEqual([]);
  });

  it('keeps unknown keys with a warning and drops unparsable lines and refused lxc keys', () => {
    const { conf, warnings } = asPve('colour: blue\n hostname: x\nlxc.rootfs.path: /x\nlxc.aa_profile: unconfined\n', 123);
    expect(conf).toEqual({ colour: 'blue', lxc: [['lxc.aa_profile', 'unconfined']] });
    expect(warnings).toEqual([
      "vm 123 - unable to parse value of 'colour' - unknown setting 'colour'\n",
      'vm 123 - unable to parse config:  hostname: x\n',
      'vm 123 - lxc.rootfs.path: lxc.rootfs.path is auto generated from rootfs\n',
      'vm 123 - lxc.aa_profile is deprecated and was renamed to lxc.apparmor.profile\n',
    ]);
  });

  it('parses snapshot sections for their warnings only', () => {
    const { conf, warnings } = asPve('#current\nhostname: now\n[snap1]\n#old\nhostname: bad name\n');
    expect(conf).toEqual({ hostname: 'now', description: 'current\n' });
    expect(warnings).toEqual(["vm 100 - unable to parse value of 'hostname' - value does not look like a valid DNS name\n"]);
  });

  it('reproduces the odd corners: "delete" outside pending, an unanchored snapstate, description "0"', () => {
    const { conf, warnings } = asPve('delete: net0\nhostname: ct snapstate: delete\ndescription: 0\n');
    expect(conf).toEqual({});
    expect(warnings).toEqual(["vm 100 - property 'delete' is only allowed in [pve:pending]\n"]);
  });
});

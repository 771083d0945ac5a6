import { describe, expect, it } from 'vitest';
import { addTestfiles, addToSources, parseTestfiles } from '../src/index.ts';
import { MAKEFILE, RUN_SETUP_TESTS } from './fixture/files.ts';

describe('Setup/Makefile SOURCES', () => {
  it('adds the module before Unmanaged.pm with the backslash in the same column', () => {
    const out = addToSources(MAKEFILE, 'Chainguard.pm', 'Makefile');
    expect(out).toContain('    Debian.pm\t\t\\\n    Chainguard.pm\t\\\n    Unmanaged.pm\t\\\n');
  });
  it('refuses a second addition and a file without SOURCES', () => {
    const once = addToSources(MAKEFILE, 'Chainguard.pm', 'Makefile');
    expect(() => addToSources(once, 'Chainguard.pm', 'Makefile')).toThrow(/already lists Chainguard.pm/);
    expect(() => addToSources('all:\n', 'X.pm', 'M')).toThrow(/M: no 'SOURCES/);
  });
});

describe('@testfiles', () => {
  it('parses the list and inserts new paths next to their directory', () => {
    expect(parseTestfiles(RUN_SETUP_TESTS, 'r')).toContain('/etc/systemd/network/eth0.network');
    const out = addTestfiles(RUN_SETUP_TESTS, ['/etc/systemd/network/10-pve-eth0.network', '/etc/systemd/resolved.conf.d/pve.conf'], 'r');
    const list = parseTestfiles(out, 'r');
    expect(list.indexOf('/etc/systemd/network/10-pve-eth0.network')).toBe(list.indexOf('/etc/systemd/network/eth0.network') + 1);
    expect(list).toContain('/etc/systemd/resolved.conf.d/pve.conf');
    expect(out).toContain('\n        /etc/systemd/network/10-pve-eth0.network\n');
    expect(addTestfiles(out, ['/etc/hostname'], 'r')).toBe(out);
  });
});

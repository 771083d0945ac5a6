import { describe, expect, it } from 'vitest';
import { canonicalStdout, firstResultDifference, firstTreeDifference, stripPerlLocation } from '../../src/perl/compareResult.ts';
import type { HarnessResult } from '../../src/perl/types.ts';

const base: HarnessResult = {
  ostype: 'archlinux',
  arch: 'amd64',
  os_release: { ID: 'arch', NAME: 'Wolfi' },
  error: null,
  steps_completed: 1,
  warnings: ["home directory '/root' of root does not exist! at PVE/LXC/Setup/Base.pm line 496.\n"],
  log_warn: [],
  stdout:
    "Creating SSH host key 'ssh_host_rsa_key' - this may take some time ...\n" +
    'done: <fingerprint> root@a\n' +
    "Creating SSH host key 'ssh_host_ed25519_key' - this may take some time ...\n" +
    'done: <fingerprint> root@a\n',
  stderr: '',
  tree: [
    { path: '/etc', type: 'dir', mode: '0755', uid: 0, gid: 0 },
    { path: '/etc/hosts', type: 'file', mode: '0644', uid: 0, gid: 0, content: '127.0.0.1 x\n' },
  ],
  outside: [],
};

describe('stripPerlLocation', () => {
  it('drops the location Perl appends, with or without a filehandle position', () => {
    expect(stripPerlLocation('boom at PVE/LXC/Setup/Base.pm line 496.\n')).toBe('boom\n');
    expect(stripPerlLocation('boom at /x/Base.pm line 3, <$fh> line 2.\n')).toBe('boom\n');
  });

  it('keeps messages that end in their own newline', () => {
    expect(stripPerlLocation('unable to detect OS distribution\n')).toBe('unable to detect OS distribution\n');
  });
});

describe('canonicalStdout', () => {
  it('orders SSH key progress pairs, leaving other lines in place', () => {
    const a = 'Detected container architecture: amd64\n' + base.stdout;
    const lines = base.stdout.split('\n');
    const swapped = [lines[2], lines[3], lines[0], lines[1], ''].join('\n');
    expect(canonicalStdout(a)).toBe(canonicalStdout('Detected container architecture: amd64\n' + swapped));
  });
});

describe('firstResultDifference', () => {
  it('finds nothing between equal results, whatever the line number of a location', () => {
    const other = {
      ...base,
      warnings: [base.warnings[0]!.replace('line 496', 'line 377')],
    };
    expect(firstResultDifference(base, other)).toBeUndefined();
  });

  it('names the first differing field', () => {
    expect(firstResultDifference(base, { ...base, ostype: 'nixos' })).toBe('ostype: expected "archlinux", got "nixos"');
    expect(firstResultDifference(base, { ...base, warnings: [] })).toMatch(/^warnings\[0\]: /);
  });

  it('points at the first differing path and where its content parts', () => {
    const tree = [base.tree[0]!, { ...base.tree[1]!, content: '127.0.0.2 x\n' }];
    expect(firstResultDifference(base, { ...base, tree })).toBe('tree /etc/hosts: content at char 8: expected "127.0.0.1 x\\n", got "127.0.0.2 x\\n"');
  });

  it('reports missing and unexpected entries', () => {
    expect(firstTreeDifference(base.tree, base.tree.slice(0, 1))).toBe('/etc/hosts: missing file');
    expect(firstTreeDifference(base.tree.slice(0, 1), base.tree)).toBe('/etc/hosts: unexpected file');
  });
});

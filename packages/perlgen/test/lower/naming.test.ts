import { describe, expect, it } from 'vitest';
import { setupPackageName, snakeCase } from '../../src/lower/naming.ts';

describe('snakeCase', () => {
  it.each([
    ['ctFileExists', 'ct_file_exists'],
    ['setupSystemdNetworkd', 'setup_systemd_networkd'],
    ['sshHostKeyTypesToGenerate', 'ssh_host_key_types_to_generate'],
    ['unifiedCgroupv2Support', 'unified_cgroupv2_support'],
    ['parseLXCNetwork', 'parse_lxc_network'],
    ['_conf', 'conf'],
    ['devttydir', 'devttydir'],
  ])('%s → %s', (ts, perl) => {
    expect(snakeCase(ts)).toBe(perl);
  });

  it('puts a plugin class in the PVE::LXC::Setup namespace', () => {
    expect(setupPackageName('Chainguard')).toBe('PVE::LXC::Setup::Chainguard');
  });
});

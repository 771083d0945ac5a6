import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestDir, PATHS, TEST_CASES, verifyTestDir, writeTestDir } from '../src/index.ts';
import { PLUGIN_PATHS } from '../src/series/buildSeries.ts';
import { parseTestfiles } from '../src/repo/testfiles.ts';
import { RUN_SETUP_TESTS } from './fixture/files.ts';

const tmp = mkdtempSync(join(tmpdir(), 'upstream-testdirs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const testfiles = [...parseTestfiles(RUN_SETUP_TESTS, 'r'), ...PLUGIN_PATHS];

describe('test dirs from the model', () => {
  it('has the cases the issue asks for', () => {
    expect(TEST_CASES.length).toBeGreaterThanOrEqual(6);
  });

  TEST_CASES.forEach((tc, i) => {
    const name = PATHS.testDir(i + 1)
      .split('/')
      .pop()!;
    it(`${name}: written to disk, it reads back equal to the model (${tc.about.split(',')[0]})`, () => {
      const built = buildTestDir(name, tc, testfiles);
      expect(built.expectations.get('/etc/hostname')).toMatch(/^cg-/);
      const dir = join(tmp, name);
      writeTestDir(dir, built.entries);
      expect(verifyTestDir(dir, name, testfiles)).toEqual([]);
    });
  });

  it('unit names, off-link routes, resolved drop-in and @DAYS@ come out as intended', () => {
    const [dhcp, stat, multi, noNetDir, , tty, app] = TEST_CASES.map((tc, i) => buildTestDir(`t${i}`, tc, testfiles).expectations);
    expect(dhcp!.get('/etc/systemd/network/10-pve-eth0.network')).toContain('DHCP = yes');
    expect(dhcp!.get('/etc/systemd/resolved.conf.d/pve.conf')).toBe('[Resolve]\nDNS=8.8.8.8 8.8.8.9\nDomains=proxmox.com\n');
    expect(dhcp!.get('/etc/shadow')).toMatch(/^root:\$5\$SALT\$PASS:@DAYS@:/);
    expect(stat!.get('/etc/systemd/network/10-pve-eth0.network')).toContain('Destination = 198.51.100.1/32\nScope = link');
    expect(stat!.get('/etc/systemd/network/10-pve-eth0.network')).toContain('Destination = 2001:db8:ffff::1/128');
    expect([...multi!.keys()].filter((p) => p.includes('10-pve-'))).toHaveLength(3);
    expect(noNetDir!.has('/etc/systemd/network/10-pve-eth0.network')).toBe(false);
    expect(tty!.get('/etc/securetty')).toBe('console\nlxc/console\nlxc/tty1\nlxc/tty2\n');
    expect([...app!.keys()].some((p) => p.startsWith('/etc/systemd'))).toBe(false);
  });

  it('names a .exp that disagrees with the model', () => {
    const name = 'test-chainguard-001';
    writeFileSync(join(tmp, name, 'etc/hostname.exp'), 'someone-else\n');
    expect(verifyTestDir(join(tmp, name), name, testfiles)).toEqual([`${name}: /etc/hostname.exp differs from the model`]);
  });
});

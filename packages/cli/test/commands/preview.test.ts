/** The `preview` CLI command: its --pve switch, and its report on a realistic fixture. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFixture } from '@pve-chainguard/testkit';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.ts';
import { previewCommand } from '../../src/commands/preview.ts';

async function preview(...args: string[]) {
  let out = '';
  let err = '';
  // through the CLI's main, which turns usage and input errors into exit 2
  const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), cwd: process.cwd() };
  const code = await main(['preview', ...args], [previewCommand], io);
  return { code, out, err };
}

const TTY0 = ['--rootfs', 'wolfi-systemd-nosshd-nobusybox', '--config', 'packages/testkit/test/goldens/configs/tty0.conf', '--time', '1767225600'];

describe('pve-chainguard preview --pve', () => {
  it('refuses a release it does not know', async () => {
    const r = await preview(...TTY0, '--pve', '7');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--pve must be 8 or 9');
  });

  it('plays PVE 9 by default and PVE 8 on request: the same tree, no nesting warning on 8', async () => {
    const on9 = await preview(...TTY0);
    const on8 = await preview(...TTY0, '--pve', '8');
    expect([on9.code, on8.code]).toEqual([0, 0]);
    expect(on8.out).toBe(on9.out);
    expect(on8.out).toContain('b/etc/systemd/system-preset/00-pve.preset');
    expect(on9.err).toContain('You may need to enable nesting');
    expect(on8.err).not.toContain('You may need to enable nesting');
  });

  it('refuses a config key the chosen release lacks', async () => {
    const r = await preview('--rootfs', 'wolfi-base-oci', '--config', 'packages/testkit/test/goldens/configs/host-managed.conf', '--pve', '8');
    expect(r.code).toBe(2);
    expect(r.err).toContain('host-managed');
  });
});

const NOW = 1767225600;

describe('preview on the realistic fixtures', () => {
  it('on the nginx fixture prints a diff with no systemd files and a resolv.conf section', async () => {
    let out = '';
    let err = '';
    const dir = mkdtempSync(join(tmpdir(), 'preview-'));
    writeFileSync(join(dir, 'ct.conf'), `${loadFixture('chainguard-nginx-oci').config!.join('\n')}\nnameserver: 192.0.2.53\n`);
    const code = await previewCommand.run(['--rootfs', 'chainguard-nginx-oci', '--config', 'ct.conf', '--time', `${NOW}`], {
      out: (t) => void (out += t),
      err: (t) => void (err += t),
      cwd: dir,
    });
    expect(code, err).toBe(0);
    expect(out).not.toMatch(/^diff a\/etc\/systemd/m);
    expect(out).toMatch(/^diff a\/etc\/resolv\.conf b\/etc\/resolv\.conf$/m);
    expect(out).toContain('+# --- BEGIN PVE ---\n+nameserver 192.0.2.53\n+# --- END PVE ---\n');
  });
});

/** The `preview` CLI command's --pve switch. */
import { describe, expect, it } from 'vitest';
import { previewCommand } from '../../src/cli/preview.ts';

async function preview(...args: string[]) {
  let out = '';
  let err = '';
  const code = await previewCommand.run(args, { out: (t) => void (out += t), err: (t) => void (err += t), cwd: process.cwd() });
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

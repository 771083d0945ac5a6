/**
 * What the differential added to the Perl harness driver: 'p' fallbacks (a file named by
 * pattern, e.g. an apk signing key), answers of a repeated `objdump -p` from a cache that
 * must not change any result, SSH host keys reused across hostnames with the right
 * comment, and the faster JSON line decoder (escapes, non-ASCII).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesizeSystemdElf } from '@pve-chainguard/core';
import { PerlHarness, canRunPerlHarness } from '../../src/perl/PerlHarness.ts';
import type { HarnessCase, HarnessEntry, HarnessStep } from '../../src/perl/types.ts';

const systemd = Buffer.from(synthesizeSystemdElf(255, 'amd64')).toString('base64');

function makeCase(rootfs: HarnessEntry[], steps: HarnessStep[], config = 'arch: amd64\nhostname: ct1\n'): HarnessCase {
  return {
    frozen_time: 1767225600,
    config,
    host: { host_resolv_conf: {}, host_timezone: 'UTC', host_localtime: '/usr/share/zoneinfo/UTC' },
    rootfs: [{ path: '/etc', type: 'dir' }, { path: '/etc/passwd', type: 'file', content: 'root:x:0:0:root:/root:/bin/sh\n' }, ...rootfs],
    outside: [],
    steps,
  };
}

describe.runIf(canRunPerlHarness())('Perl harness extensions', () => {
  let harness: PerlHarness;
  beforeAll(() => {
    harness = new PerlHarness({ reuseSshKeys: true });
  });
  afterAll(() => harness.close());

  it("detects an ostype by a 'p' fallback (a regular file whose name matches) and not otherwise", async () => {
    const registry = {
      plugins: { chainguard: 'PVE::LXC::Setup::ArchLinux' },
      fallbacks: [['p', '/etc/apk/keys', 'chainguard', '^wolfi-signing\\.rsa\\.pub\\z']],
    } as unknown as HarnessCase['registry'];
    const osRelease: HarnessEntry = { path: '/etc/os-release', type: 'file', content: 'ID=unknownos\n' };
    const key = (name: string): HarnessEntry => ({ path: `/etc/apk/keys/${name}`, type: 'file', content: 'k\n' });

    const hit = await harness.run({ ...makeCase([osRelease, key('wolfi-signing.rsa.pub')], []), registry });
    expect(hit.error).toBeNull();
    expect(hit.ostype).toBe('archlinux'); // the class registered for 'chainguard' sets it
    expect(hit.warnings).toEqual(["unknown ID 'unknownos' in /etc/os-release file, trying fallback detection\n"]);

    const miss = await harness.run({ ...makeCase([osRelease, key('wolfi-signing.rsa.pub.old')], []), registry });
    expect(miss.error).toEqual({ at: 'new', message: 'unable to detect OS distribution\n' });
  });

  it('gives the same objdump-based results for a repeated binary (cache) as for the first run', async () => {
    const rootfs: HarnessEntry[] = [
      { path: '/etc/os-release', type: 'file', content: 'ID=arch\n' },
      { path: '/sbin', type: 'dir' },
      { path: '/sbin/init', type: 'symlink', target: '/usr/lib/systemd/systemd' },
      { path: '/usr/lib/systemd/systemd', type: 'file', mode: '0755', content: systemd, encoding: 'base64' },
    ];
    const first = await harness.run(makeCase(rootfs, [{ call: 'pre_start_hook', args: [] }]));
    const again = await harness.run(makeCase(rootfs, [{ call: 'pre_start_hook', args: [] }]));
    expect(first.log_warn).toEqual(['Systemd 255 detected. You may need to enable nesting.']);
    expect(again).toEqual(first);

    const broken: HarnessEntry[] = [...rootfs.slice(0, 3), { path: '/usr/lib/systemd/systemd', type: 'file', mode: '0755', content: 'not elf\n' }];
    const b1 = await harness.run(makeCase(broken, [{ call: 'pre_start_hook', args: [] }]));
    const b2 = await harness.run(makeCase(broken, [{ call: 'pre_start_hook', args: [] }]));
    expect(b1.error?.message).toMatch(/^objdump on \/usr\/lib\/systemd\/systemd failed: objdump: <rootfs>\/usr\/lib\/systemd\/systemd: file format not recognized\n$/);
    expect(b2).toEqual(b1);
  });

  it('answers objdump for an empty file and for a directory at the same path separately (one cache, two keys)', async () => {
    const initAt = (target: HarnessEntry): HarnessEntry[] => [
      { path: '/etc/os-release', type: 'file', content: 'ID=arch\n' },
      { path: '/sbin', type: 'dir' },
      { path: '/sbin/init', type: 'symlink', target: '/usr/lib/systemd/systemd' },
      { path: '/usr/lib/systemd', type: 'dir' },
      target,
    ];
    const empty = makeCase(initAt({ path: '/usr/lib/systemd/systemd', type: 'file', mode: '0755', content: '' }), [{ call: 'pre_start_hook', args: [] }]);
    const dir = makeCase(initAt({ path: '/usr/lib/systemd/systemd', type: 'dir' }), [{ call: 'pre_start_hook', args: [] }]);
    // a fresh driver (its own cache) answers the directory first, then the empty file
    const fresh = new PerlHarness({ reuseSshKeys: true });
    try {
      const dirFirst = await fresh.run(dir);
      const emptySecond = await fresh.run(empty);
      // this driver has seen the empty file first: the directory must not get its answer
      const emptyFirst = await harness.run(empty);
      const dirSecond = await harness.run(dir);
      expect(dirFirst.error?.message ?? '').not.toBe(emptyFirst.error?.message ?? '');
      expect(dirSecond).toEqual(dirFirst);
      expect(emptySecond).toEqual(emptyFirst);
    } finally {
      await fresh.close();
    }
  });

  it('reuses SSH host keys across hostnames with the fingerprint line naming the right host', async () => {
    const rootfs: HarnessEntry[] = [
      { path: '/etc/os-release', type: 'file', content: 'ID=arch\n' },
      { path: '/etc/ssh', type: 'dir' },
    ];
    for (const host of ['alpha', 'beta.example.org']) {
      const r = await harness.run(makeCase(rootfs, [{ call: 'post_create_hook', args: [null, null] }], `arch: amd64\nhostname: ${host}\n`));
      const short = host.replace(/\..*/, '');
      for (const type of ['rsa', 'ecdsa', 'ed25519']) {
        expect(r.stdout).toContain(`Creating SSH host key 'ssh_host_${type}_key' - this may take some time ...\ndone: <fingerprint> root@${short}\n`);
        expect(r.tree.find((e) => e.path === `/etc/ssh/ssh_host_${type}_key.pub`)?.content).toBe('<ssh-host-key>');
      }
    }
  });

  it('decodes case lines with escapes and non-ASCII text as JSON does', async () => {
    const content = 'tab\there "quoted" back\\slash é 😀 \u0001 end\n';
    const r = await harness.run(
      makeCase(
        [
          { path: '/etc/os-release', type: 'file', content: 'ID=arch\n' },
          { path: '/etc/motd', type: 'file', content },
        ],
        [],
      ),
    );
    expect(r.tree.find((e) => e.path === '/etc/motd')?.content).toBe(content);
  });
});

/**
 * Behaviour of the harness runtime itself (driver protocol, clock, registry, plugin_dir,
 * normalisations), on small hand-made cases. Expected values come from the oracle README
 * (sections 4-7) and the documented upstream messages.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVER_PATH, PerlHarness, GENERATED_PLUGIN_DIR, canRunPerlHarness } from '../../src/perl/PerlHarness.ts';
import type { HarnessCase, HarnessEntry, HarnessStep } from '../../src/perl/types.ts';

const TOY_PLUGIN_DIR = fileURLToPath(new URL('./fixtures/plugins', import.meta.url));
/** A plugin named like a reviewed one whose detect_architecture is not the reviewed text. */
const UNREVIEWED_PLUGIN_DIR = fileURLToPath(new URL('./fixtures/unreviewed', import.meta.url));
/** A plugin whose own ct_file_set_contents counts its calls. */
const KEEPER_PLUGIN_DIR = fileURLToPath(new URL('./fixtures/keeper', import.meta.url));

const root = canRunPerlHarness();
if (!root) console.warn('\n!!! SKIPPING Perl harness tests: they need root (chroot). !!!\n');

function makeCase(osRelease: string, steps: HarnessStep[], extra: Partial<HarnessCase> = {}) {
  const rootfs: HarnessEntry[] = [
    { path: '/etc', type: 'dir' },
    { path: '/etc/os-release', type: 'file', content: osRelease },
    { path: '/etc/passwd', type: 'file', content: 'root:x:0:0:root:/root:/bin/sh\n' },
    { path: '/etc/shadow', type: 'file', mode: '0600', content: 'root:::0:::::\n' },
  ];
  return {
    frozen_time: 1767225600,
    config: 'arch: amd64\nhostname: ct1.example.org\n',
    host: {
      host_resolv_conf: { search: 'example.com', dns1: '192.0.2.53' },
      host_timezone: 'UTC',
      host_localtime: '/usr/share/zoneinfo/UTC',
    },
    rootfs,
    outside: [],
    steps,
    plugin_dir: GENERATED_PLUGIN_DIR,
    ...extra,
  } satisfies HarnessCase;
}

const file = (tree: HarnessEntry[], path: string) => tree.find((e) => e.path === path);

describe.skipIf(!root)('PerlHarness', () => {
  let harness: PerlHarness;
  let scratch: string;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'pvecg-harness-test-'));
    harness = new PerlHarness({ tmpDir: scratch });
  });

  afterAll(async () => {
    await harness.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('hashes passwords with the salt and day derived from frozen_time (README §7)', async () => {
    const result = await harness.run(makeCase('ID=arch\n', [{ call: 'set_user_password', args: ['root', 'secret'] }]));
    expect(result.error).toBeNull();
    const hash = '$6$8AniBnSr$I1bDsYoTH/JelLyyE7qhm5aFQ5rSVZJCblVEYtSndEuvAsT/S1GafOx3/pFuW4jHe2vDwNOoMU3Oh6WDaX.x50';
    expect(file(result.tree, '/etc/shadow')).toMatchObject({
      mode: '0600',
      content: `root:${hash}:20454:0:::::\n`,
    });
  });

  it('answers overlapping calls in order from one process', async () => {
    const names = ['alpha', 'beta', 'gamma'];
    const results = await Promise.all(
      names.map((name) =>
        harness.run(
          makeCase('ID=arch\n', [{ call: 'set_hostname', args: [] }], {
            config: `arch: amd64\nhostname: ${name}\n`,
          }),
        ),
      ),
    );
    expect(results.map((r) => file(r.tree, '/etc/hostname')?.content)).toEqual(names.map((name) => `${name}\n`));
  });

  it('sends a repeated file content by id and gets every entry back whole', async () => {
    // the second run sends /etc/motd (and the other files) as content_id only
    const motd = { path: '/etc/motd', type: 'file', mode: '0640', uid: 7, content: 'welcome to this container\n' } as const;
    const run = () => {
      const c = makeCase('ID=arch\n', [{ call: 'set_hostname', args: [] }]);
      return harness.run({ ...c, rootfs: [...c.rootfs, motd] });
    };
    const first = await run();
    const second = await run();
    expect(second.tree).toEqual(first.tree);
    expect(file(second.tree, '/etc/motd')).toEqual({ gid: 0, ...motd });
    expect(file(second.tree, '/etc/passwd')?.content).toBe('root:x:0:0:root:/root:/bin/sh\n');
  });

  it('fails autodetection of ID=wolfi without a registry entry (README §9)', async () => {
    const result = await harness.run(makeCase('ID=wolfi\n', []));
    expect(result.error).toEqual({ at: 'new', message: 'unable to detect OS distribution\n' });
    expect(result.warnings).toEqual(["unknown ID 'wolfi' in /etc/os-release file, trying fallback detection\n"]);
  });

  it('runs an unreviewed detect_architecture in a forked child: its Perl state does not reach the next hook', async () => {
    const result = await harness.run(
      makeCase('ID=wolfi\n', [{ call: 'setup_network', args: [] }], {
        config: 'hostname: ct1\n', // no arch: the dispatcher asks the plugin
        plugin_dir: UNREVIEWED_PLUGIN_DIR,
        registry: { plugins: { chainguard: 'PVE::LXC::Setup::Chainguard' }, aliases: { wolfi: 'chainguard' } },
      }),
    );
    expect(result).toMatchObject({ error: null, ostype: 'chainguard', arch: 'amd64' });
    expect(file(result.tree, '/etc/leak')?.content).toBe('no\n');
  });

  it("writes SSH host keys through a plugin's own ct_file_set_contents in a forked child: its state does not reach the next hook", async () => {
    const base = makeCase('ID=wolfi\n', []);
    const result = await harness.run({
      ...base,
      rootfs: [...base.rootfs, { path: '/etc/ssh', type: 'dir' }],
      steps: [
        { call: 'rewrite_ssh_host_keys', args: [] },
        { call: 'setup_network', args: [] },
      ],
      plugin_dir: KEEPER_PLUGIN_DIR,
      registry: { plugins: { keeper: 'PVE::LXC::Setup::Keeper' }, aliases: { wolfi: 'keeper' } },
    });
    expect(result).toMatchObject({ error: null, ostype: 'keeper', steps_completed: 2 });
    expect(file(result.tree, '/etc/ssh/ssh_host_ed25519_key.pub')?.content).toBe('<ssh-host-key>');
    expect(file(result.tree, '/etc/leak')?.content).toBe('none\n');
  });

  it('loads a plugin from plugin_dir and maps an os-release ID via a registry alias', async () => {
    const result = await harness.run(
      makeCase('ID=wolfi\nVERSION_ID="20230201"\n', [{ call: 'setup_network', args: [] }], {
        plugin_dir: TOY_PLUGIN_DIR,
        registry: { plugins: { toy: 'PVE::LXC::Setup::Toy' }, aliases: { wolfi: 'toy' } },
      }),
    );
    expect(result).toMatchObject({ error: null, ostype: 'toy', warnings: [] });
    expect(file(result.tree, '/etc/toy-network')?.content).toBe('version 20230201\n');
  });

  it('tries registered fallback marker files after the ID lookup fails', async () => {
    const base = makeCase('ID=wolfi\n', [], {
      plugin_dir: TOY_PLUGIN_DIR,
      registry: {
        plugins: { toy: 'PVE::LXC::Setup::Toy' },
        fallbacks: [['f', '/etc/secfixes.d/wolfi', 'toy']],
      },
    });
    base.rootfs.push({ path: '/etc/secfixes.d/wolfi', type: 'file', content: '' });
    const result = await harness.run(base);
    expect(result.ostype).toBe('toy');
    expect(result.warnings).toEqual(["unknown ID 'wolfi' in /etc/os-release file, trying fallback detection\n"]);
  });

  it('reports a chrooted die as a setup task error plus the original warning', async () => {
    const result = await harness.run(makeCase('ID=arch\n', [{ call: 'post_create_hook', args: [null, 'ssh-ed25519 AAAA k@t'] }]));
    expect(result.error).toEqual({
      at: 0,
      message: 'error in setup task PVE::LXC::Setup::post_create_hook\n',
    });
    // the source location is reported relative to @INC, as upstream's recording shows it
    expect(result.warnings.at(-1)).toMatch(/^home directory '\/root' of root does not exist! at PVE\/LXC\/Setup\/Base\.pm line \d+\.\n$/);
  });

  it('masks the scratch path of the container root in messages', async () => {
    const base = makeCase('ID=arch\n', [{ call: 'post_clone_hook', args: [] }]);
    base.rootfs.push(
      { path: '/sbin', type: 'dir' },
      { path: '/sbin/init', type: 'symlink', target: '/usr/lib/systemd/systemd' },
      { path: '/usr/lib/systemd/systemd', type: 'file', mode: '0755', content: 'not elf\n' },
    );
    const result = await harness.run(base);
    expect(result.error).toEqual({
      at: 0,
      message: 'objdump on /usr/lib/systemd/systemd failed: objdump:' + ' <rootfs>/usr/lib/systemd/systemd: file format not recognized\n',
    });
  });

  it('writes new SSH host keys masked, with normalised fingerprint lines', async () => {
    const base = makeCase('ID=arch\n', [{ call: 'post_create_hook', args: ['secret', null] }]);
    base.rootfs.push({ path: '/root', type: 'dir', mode: '0700' }, { path: '/etc/ssh', type: 'dir' });
    const result = await harness.run(base);
    expect(result.error).toBeNull();
    for (const type of ['rsa', 'ecdsa', 'ed25519']) {
      const key = `/etc/ssh/ssh_host_${type}_key`;
      expect(file(result.tree, key)).toMatchObject({ mode: '0600', content: '<ssh-host-key>' });
      expect(file(result.tree, `${key}.pub`)).toMatchObject({
        mode: '0644',
        content: '<ssh-host-key>',
      });
      expect(result.stdout).toContain(`Creating SSH host key 'ssh_host_${type}_key' - this may take some time ...\n` + 'done: <fingerprint> root@ct1\n');
    }
  });

  it('rejects a case it cannot run, with the reason', async () => {
    await expect(harness.run(makeCase('ID=arch\n', [{ call: 'nope', args: [] }]))).rejects.toThrow(/unknown step call 'nope'/);
  });

  it('removes the scratch trees of finished cases', async () => {
    await harness.run(makeCase('ID=arch\n', [{ call: 'set_dns', args: [] }]));
    const leftovers = readdirSync(scratch).flatMap((d) => readdirSync(join(scratch, d)));
    expect(leftovers).toEqual([]);
  });
});

const asNobody = (...command: string[]) =>
  spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', ...command], {
    input: '',
    encoding: 'utf8',
  });
// needs setpriv, and a checkout that user nobody can read
const nobodyCanRead = root && existsSync('/usr/bin/setpriv') && asNobody('test', '-r', DRIVER_PATH).status === 0;

describe.skipIf(!nobodyCanRead)('PerlHarness without root', () => {
  it('refuses to start, saying why', () => {
    const run = asNobody('perl', DRIVER_PATH);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('the Perl harness must run as root (it chroots)\n');
  });
});

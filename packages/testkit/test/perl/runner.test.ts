/**
 * The driver's runner process (perl/lib/Harness/Runner.pm): it plays the cases while the
 * driver keeps the trees and the JSON. A runner that dies takes only its case with it.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarnessPool } from '../../src/differential/HarnessPool.ts';
import { GENERATED_PLUGIN_DIR, canRunPerlHarness } from '../../src/perl/PerlHarness.ts';
import type { HarnessCase } from '../../src/perl/types.ts';

/** A plugin whose constructor ends its process with POSIX::_exit(3). */
const CRASH_PLUGIN_DIR = fileURLToPath(new URL('./fixtures/crash', import.meta.url));

function makeCase(id: string, pluginDir: string): HarnessCase {
  return {
    frozen_time: 1767225600,
    config: 'arch: amd64\nhostname: ct1\n',
    host: { host_resolv_conf: {}, host_timezone: 'UTC', host_localtime: '/usr/share/zoneinfo/UTC' },
    rootfs: [
      { path: '/etc', type: 'dir' },
      { path: '/etc/os-release', type: 'file', content: `ID=${id}\n` },
      { path: '/etc/hostname', type: 'file', content: 'old\n' },
    ],
    outside: [],
    steps: [{ call: 'set_hostname', args: [] }],
    plugin_dir: pluginDir,
    registry: { plugins: { crash: 'PVE::LXC::Setup::Crash' }, aliases: { crash: 'crash' } },
  };
}

describe.runIf(canRunPerlHarness())('the harness runner', () => {
  let scratch: string;
  let pool: HarnessPool;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'pvecg-runner-test-'));
    pool = new HarnessPool(1, { tmpDir: scratch }); // cases run in the runner itself
  });

  afterAll(async () => {
    await pool.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('answers a case whose runner died with a harness error, and plays the next case in a new one', async () => {
    const before = await pool.run(makeCase('arch', GENERATED_PLUGIN_DIR));
    expect(before.error).toBeNull();
    await expect(pool.run(makeCase('crash', CRASH_PLUGIN_DIR))).rejects.toThrow(/perl harness: case process ended without a result \(768\)/);
    const after = await pool.run(makeCase('arch', GENERATED_PLUGIN_DIR));
    expect(after).toMatchObject({ error: null, ostype: 'archlinux' });
    expect(after.tree.find((e) => e.path === '/etc/hostname')?.content).toBe('ct1\n');
    // the dead runner's case directory went too: only the driver's scratch directory is left
    const [driverDir, ...others] = readdirSync(scratch).filter((n) => n.startsWith('pvecg-harness-') && !n.startsWith('pvecg-harness-cache-'));
    expect(others).toEqual([]);
    expect(readdirSync(join(scratch, driverDir!))).toEqual([]);
  });

  it('replaces a runner that ended between two cases: the case it missed answers a harness error, the next one is played', async () => {
    const driver = pool.driverPids[0]!;
    const [runner] = readFileSync(`/proc/${driver}/task/${driver}/children`, 'utf8').trim().split(/\s+/).map(Number);
    process.kill(runner!, 'SIGKILL');
    await expect(pool.run(makeCase('arch', GENERATED_PLUGIN_DIR))).rejects.toThrow(/perl harness: case process ended without a result \(9\)/);
    const after = await pool.run(makeCase('arch', GENERATED_PLUGIN_DIR));
    expect(after).toMatchObject({ error: null, ostype: 'archlinux' });
  });
});

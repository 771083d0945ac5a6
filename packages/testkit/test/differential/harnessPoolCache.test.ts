/**
 * The pool's drivers share one cache directory (objdump answers, reused SSH keys), and no
 * harness directory outlives its users: the pool removes the cache on close, the drivers
 * remove it when the pool's process was killed, and a driver ended by a signal removes
 * its scratch trees.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { synthesizeSystemdElf } from '@pve-chainguard/core';
import { HarnessPool } from '../../src/differential/HarnessPool.ts';
import { DRIVER_PATH, canRunPerlHarness } from '../../src/perl/PerlHarness.ts';
import type { HarnessCase, HarnessEntry } from '../../src/perl/types.ts';

const scratches: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pvecg-pool-cache-test-'));
  scratches.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of scratches.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const systemd = (version: number) => Buffer.from(synthesizeSystemdElf(version, 'amd64')).toString('base64');

function startCase(version: number): HarnessCase {
  const rootfs: HarnessEntry[] = [
    { path: '/etc', type: 'dir' },
    { path: '/etc/os-release', type: 'file', content: 'ID=arch\n' },
    { path: '/sbin', type: 'dir' },
    { path: '/sbin/init', type: 'symlink', target: '/usr/lib/systemd/systemd' },
    { path: '/usr/lib/systemd/systemd', type: 'file', mode: '0755', content: systemd(version), encoding: 'base64' },
  ];
  return {
    frozen_time: 1767225600,
    config: 'arch: amd64\nhostname: ct1\n',
    host: { host_resolv_conf: {}, host_timezone: 'UTC', host_localtime: '/usr/share/zoneinfo/UTC' },
    rootfs,
    outside: [],
    steps: [{ call: 'pre_start_hook', args: [] }],
  };
}

async function gone(path: string, ms = 10_000): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 50) {
    if (!existsSync(path)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe.runIf(canRunPerlHarness())('the harness pool cache directory', () => {
  it('is one directory for all drivers: an answer stored by one driver is what the other gets', async () => {
    const pool = new HarnessPool(2, { tmpDir: scratch() });
    try {
      const first = await pool.run(startCase(251));
      expect(first.log_warn).toEqual(['Systemd 251 detected. You may need to enable nesting.']);
      const answers = readdirSync(pool.cacheDir).filter((n) => n.startsWith('objdump-p-file-') && n.endsWith('.stdout'));
      expect(answers).toHaveLength(1);
      // doctor the stored answer: if both drivers (several cases in flight) use it, all see it
      const stored = join(pool.cacheDir, answers[0]!);
      writeFileSync(stored, readFileSync(stored, 'utf8').replace('libsystemd-shared-251', 'libsystemd-shared-999'));
      const again = await Promise.all([1, 2, 3, 4].map(() => pool.run(startCase(251))));
      expect(again.map((r) => r.log_warn)).toEqual(again.map(() => ['Systemd 999 detected. You may need to enable nesting.']));
    } finally {
      await pool.close();
    }
    expect(existsSync(pool.cacheDir)).toBe(false);
  });

  it('is removed by the drivers when the pool process is killed', async () => {
    const parent = scratch();
    const code = [
      `import { HarnessPool } from ${JSON.stringify(resolve(import.meta.dirname, '../../src/differential/HarnessPool.ts'))};`,
      `const pool = new HarnessPool(2, { tmpDir: ${JSON.stringify(parent)} });`,
      'console.log(pool.cacheDir);',
      'setInterval(() => {}, 1000);',
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    const dir = await new Promise<string>((done) => child.stdout.once('data', (d: Buffer) => done(d.toString().trim())));
    expect(existsSync(dir)).toBe(true);
    // the drivers have made their scratch directories once the pool's cache is in use
    for (let i = 0; i < 100 && readdirSync(parent).filter((n) => !n.startsWith('pvecg-harness-cache-')).length < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    expect(await gone(dir)).toBe(true);
    for (let i = 0; i < 100 && readdirSync(parent).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(parent)).toEqual([]);
  }, 30_000);

  it('and the scratch trees are removed by a driver ended with SIGTERM', async () => {
    const parent = scratch();
    const cache = mkdtempSync(join(parent, 'cache-'));
    const driver = spawn('perl', [DRIVER_PATH], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, PVECG_HARNESS_TMPDIR: parent, PVECG_HARNESS_CACHE_DIR: cache, PVECG_HARNESS_IN_PROCESS: '1' },
    });
    const answered = new Promise<void>((done) => driver.stdout.once('data', () => done()));
    driver.stdin.write(`${JSON.stringify(startCase(252))}\n`);
    await answered;
    expect(readdirSync(parent).some((n) => n.startsWith('pvecg-harness-'))).toBe(true);
    const ended = new Promise<NodeJS.Signals | null>((done) => driver.on('close', (_code, signal) => done(signal)));
    driver.kill('SIGTERM');
    expect(await ended).toBe('SIGTERM');
    expect(readdirSync(parent)).toEqual([]);
  }, 30_000);
});

/**
 * Goldens: every fixture × a spread of configs, run through the Chainguard model (create,
 * then start). Each golden is the reviewable change set — the unified tree diff plus
 * warnings and errors — derived by running the model. They change only through the
 * explicit update command:  pnpm exec vitest run -u packages/testkit/test/goldens
 * (with CI=true a missing or stale golden fails).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runSession, unifiedTreeDiff, type FsEntry, type Hook, type Outcome } from '@pve-chainguard/core';
import { describe, expect, it } from 'vitest';
import { listFixtures, loadFixture } from '../../src/fixtures/loadFixture.ts';

const NOW = 1767225600; // 2026-01-01T00:00:00Z
const SHA512 = '$6$8AniBnSr$I1bDsYoTH/JelLyyE7qhm5aFQ5rSVZJCblVEYtSndEuvAsT/S1GafOx3/pFuW4jHe2vDwNOoMU3Oh6WDaX.x50';
const YESCRYPT = '$y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o.9agCG9G317fhZg9SqC.5i5rd.RhAtQ7';
const KEYS = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGdA4m1tcmV2aWV3ZXIta2V5LWZvci10ZXN0cw admin@example.org\n';

interface GoldenCase {
  config: string;
  password?: string;
  passwordKind: string;
  sshKeys?: string;
}

const CASES: GoldenCase[] = [
  { config: 'dhcp', password: 'secret', passwordKind: 'plain' },
  { config: 'dual-stack-dhcp', password: SHA512, passwordKind: 'sha512-hash' },
  { config: 'slaac', password: YESCRYPT, passwordKind: 'yescrypt-hash' },
  { config: 'static-offlink-gw', passwordKind: 'none', sshKeys: KEYS },
  { config: 'several-nics', password: 'pässwörd', passwordKind: 'plain-utf8', sshKeys: KEYS },
  { config: 'host-managed', passwordKind: 'none' },
  { config: 'nothing-configured', passwordKind: 'none' },
  { config: 'unprivileged', password: YESCRYPT, passwordKind: 'yescrypt-hash', sshKeys: KEYS },
  { config: 'tty0', password: 'secret', passwordKind: 'plain' },
  { config: 'tty6', password: SHA512, passwordKind: 'sha512-hash' },
];

const HOOKS: Hook[] = ['create', 'start'];

function configText(name: string): string {
  return readFileSync(resolve(import.meta.dirname, 'configs', `${name}.conf`), 'utf8');
}

function run(rootfs: FsEntry[], c: GoldenCase, hooks: Hook[]): Outcome {
  return runSession({ rootfs, config: configText(c.config), hooks, now: NOW, password: c.password, sshKeys: c.sshKeys });
}

function render(fixture: string, c: GoldenCase, before: FsEntry[], out: Outcome): string {
  const lines = [
    `# golden: fixture ${fixture} × config ${c.config}.conf, hooks ${HOOKS.join('+')}, password ${c.passwordKind}${c.sshKeys ? ', ssh keys' : ''}`,
    '# derived by running the model; update: pnpm exec vitest run -u packages/testkit/test/goldens',
    `# ostype ${out.ostype}, arch ${out.arch}, steps completed ${out.steps_completed}`,
    ...out.warnings.map((w) => `# warning: ${w.trimEnd()}`),
    ...out.log_warn.map((w) => `# log_warn: ${w}`),
    ...out.stdout.split('\n').filter((l) => l !== '').map((l) => `# stdout: ${l}`),
    ...(out.error ? [`# error at ${out.error.at}: ${out.error.message.trimEnd()}`] : []),
  ];
  return `${lines.join('\n')}\n${unifiedTreeDiff(before, out.tree)}`;
}

describe.each(listFixtures())('fixture %s', (fixture) => {
  const before = loadFixture(fixture).entries;

  it.each(CASES.map((c) => [c.config, c] as const))('golden for config %s, and a second create and start change nothing', async (_name, c) => {
    const out = run(before, c, HOOKS);
    await expect(render(fixture, c, before, out)).toMatchFileSnapshot(`__golden__/${fixture}/${c.config}.diff`);
    if (out.error) return;
    const again = run(out.tree, c, HOOKS);
    expect(again.error).toBeNull();
    expect(unifiedTreeDiff(out.tree, again.tree)).toBe('');
  });
});

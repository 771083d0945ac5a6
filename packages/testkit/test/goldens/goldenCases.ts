/**
 * What both golden suites share: the configs × passwords matrix, the create+start run of
 * the Chainguard model and the rendering of an outcome as a reviewable change set.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runSession, unifiedTreeDiff, type FsEntry, type Hook, type Outcome, type PveRelease, type ReleaseProfile } from '@pve-chainguard/core';
import { expect } from 'vitest';

const NOW = 1767225600; // 2026-01-01T00:00:00Z
const SHA512 = '$6$8AniBnSr$I1bDsYoTH/JelLyyE7qhm5aFQ5rSVZJCblVEYtSndEuvAsT/S1GafOx3/pFuW4jHe2vDwNOoMU3Oh6WDaX.x50';
const YESCRYPT = '$y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o.9agCG9G317fhZg9SqC.5i5rd.RhAtQ7';
const KEYS = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGdA4m1tcmV2aWV3ZXIta2V5LWZvci10ZXN0cw admin@example.org\n';

export interface GoldenCase {
  config: string;
  password?: string;
  passwordKind: string;
  sshKeys?: string;
}

export const CASES: GoldenCase[] = [
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

export const HOOKS: Hook[] = ['create', 'start'];

function configText(name: string): string {
  return readFileSync(resolve(import.meta.dirname, 'configs', `${name}.conf`), 'utf8');
}

export function run(rootfs: FsEntry[], c: GoldenCase, hooks: Hook[], pve: PveRelease = 9): Outcome {
  return runSession({ rootfs, config: configText(c.config), hooks, now: NOW, password: c.password, sshKeys: c.sshKeys }, { pve });
}

export function render(fixture: string, c: GoldenCase, before: FsEntry[], out: Outcome, pve: PveRelease = 9): string {
  const on = pve === 9 ? '' : ` on PVE ${pve}`;
  const lines = [
    `# golden: fixture ${fixture} × config ${c.config}.conf, hooks ${HOOKS.join('+')}${on}, password ${c.passwordKind}${c.sshKeys ? ', ssh keys' : ''}`,
    '# derived by running the model; update: pnpm exec vitest run -u packages/testkit/test/goldens',
    `# ostype ${out.ostype}, arch ${out.arch}, steps completed ${out.steps_completed}`,
    ...out.warnings.map((w) => `# warning: ${w.trimEnd()}`),
    ...out.log_warn.map((w) => `# log_warn: ${w}`),
    ...out.stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => `# stdout: ${l}`),
    ...(out.error ? [`# error at ${out.error.at}: ${out.error.message.trimEnd()}`] : []),
  ];
  return `${lines.join('\n')}\n${unifiedTreeDiff(before, out.tree)}`;
}

/** The PVE 9 outcome as an older release must show it, by the table's flags alone. */
export function expectedOn(profile: ReleaseProfile, c: GoldenCase, on9: Outcome): Partial<Outcome> {
  if (!profile.hostManagedNics && c.config === 'host-managed') return { error: expect.objectContaining({ at: 'config' }) };
  return { ...on9, log_warn: profile.systemdNestingWarning ? on9.log_warn : [] };
}

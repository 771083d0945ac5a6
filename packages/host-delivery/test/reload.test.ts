import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG, MODULE, SETUP, fakeRoot, layoutFile, read, releaseDir, run, tempDir } from './helpers.ts';

const release = releaseDir();
const work = tempDir('reload');
const LAYOUT = 'spaces-wrapped';
const UNITS = ['pvedaemon', 'pveproxy', 'pvestatd', 'pvescheduler', 'pve-ha-lrm', 'pve-ha-crm'];

/**
 * A fake systemctl (PVECG_SYSTEMCTL, the scripts' test-only hook): logs every call, answers
 * `is-active` from the units listed in $FAKE_ACTIVE, fails `reload-or-try-restart` when
 * $FAKE_RELOAD_FAILS is set.
 */
const systemctl = join(work, 'systemctl');
writeFileSync(
  systemctl,
  `#!/bin/bash
set -euo pipefail
echo "$*" >>"$FAKE_LOG"
case $1 in
    is-active) [[ " $FAKE_ACTIVE " == *" \${3%.service} "* ]] ;;
    reload-or-try-restart) [[ -z "\${FAKE_RELOAD_FAILS:-}" ]] ;;
    *) exit 9 ;;
esac
`,
);
chmodSync(systemctl, 0o755);

let runs = 0;
function script(name: 'install.sh' | 'uninstall.sh', root: string, active: string[], extra: string[] = [], fails = false) {
  const log = join(work, `log-${++runs}`);
  writeFileSync(log, '');
  const env: Record<string, string> = { PVECG_SYSTEMCTL: systemctl, FAKE_LOG: log, FAKE_ACTIVE: active.join(' ') };
  if (fails) env.FAKE_RELOAD_FAILS = '1';
  const r = run('bash', [join(release, name), '--root', root, ...extra], env);
  const calls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { ...r, calls, reloads: calls.filter((c) => c.startsWith('reload-or-try-restart')) };
}

describe('daemon reload (fake systemctl on a fake root)', () => {
  it('install and uninstall reload exactly the active units, once per run', () => {
    const root = fakeRoot(work, LAYOUT);
    const i = script('install.sh', root, ['pveproxy', 'pvedaemon', 'pve-ha-crm']);
    expect(i.status).toBe(0);
    expect(i.calls.filter((c) => c.startsWith('is-active'))).toEqual(UNITS.map((u) => `is-active --quiet ${u}.service`));
    expect(i.reloads).toEqual(['reload-or-try-restart pvedaemon.service pveproxy.service pve-ha-crm.service']);
    expect(i.stdout).toContain('reloaded: pvedaemon.service pveproxy.service pve-ha-crm.service\n');
    const u = script('uninstall.sh', root, UNITS);
    expect(u.status).toBe(0);
    expect(u.reloads).toEqual([`reload-or-try-restart ${UNITS.map((n) => `${n}.service`).join(' ')}`]);
  });

  it('no unit active: no reload call', () => {
    const r = script('install.sh', fakeRoot(work, LAYOUT), []);
    expect(r.status).toBe(0);
    expect(r.reloads).toEqual([]);
    expect(r.stdout).not.toContain('reloaded');
  });

  it('--no-reload, --dry-run and runs that change nothing do not call systemctl at all', () => {
    const root = fakeRoot(work, LAYOUT);
    expect(script('install.sh', root, UNITS, ['--dry-run']).calls).toEqual([]);
    expect(script('install.sh', root, UNITS, ['--no-reload']).calls).toEqual([]);
    expect(read(root, SETUP)).toContain('pve-chainguard fallback markers');
    const again = script('install.sh', root, UNITS);
    expect(again.stdout).toContain('already installed');
    expect(again.calls).toEqual([]);
    expect(script('uninstall.sh', root, UNITS, ['--no-reload']).calls).toEqual([]);
    const none = script('uninstall.sh', root, UNITS);
    expect(none.stdout).toContain('not installed');
    expect(none.calls).toEqual([]);
  });

  it('without the test hook, --root never reloads', () => {
    const root = fakeRoot(work, LAYOUT);
    const path = `${work}:${process.env.PATH}`; // our fake would be found as `systemctl`
    const log = join(work, 'log-path');
    writeFileSync(log, '');
    const r = run('bash', [join(release, 'install.sh'), '--root', root], { PATH: path, FAKE_LOG: log, FAKE_ACTIVE: UNITS.join(' ') });
    expect(r.status).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe('');
  });

  it('a failing reload: warned on stderr, exit 0, every file fully installed (nothing undone)', () => {
    const root = fakeRoot(work, LAYOUT);
    const r = script('install.sh', root, ['pvedaemon', 'pveproxy'], [], true);
    expect(r.status).toBe(0);
    expect(r.reloads).toHaveLength(1);
    expect(r.stderr).toContain('install.sh: warning: reloading pvedaemon.service pveproxy.service failed; the new files are in place');
    expect(r.stdout).not.toContain('reloaded');
    expect(r.stdout).toContain('installed for pve-container');
    expect(read(root, MODULE)).toBe(readFileSync(join(release, 'Chainguard.pm'), 'utf8'));
    expect(script('install.sh', root, []).stdout).toContain('already installed');
    const u = script('uninstall.sh', root, ['pvedaemon'], [], true);
    expect(u.status).toBe(0);
    expect(u.stderr).toContain('uninstall.sh: warning: reloading pvedaemon.service failed');
    expect(read(root, SETUP)).toBe(layoutFile(LAYOUT, 'Setup.pm'));
    expect(read(root, CONFIG)).toBe(layoutFile(LAYOUT, 'Config.pm'));
    expect(existsSync(join(root, MODULE))).toBe(false);
  });
});

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runProgram, SeriesError } from '../git/git.ts';
import { REPO_ROOT } from '../paths.ts';
import { PATHS } from '../repo/layout.ts';
import { registryJson } from './registryJson.ts';

/** The shared Perl edit engine (one implementation for the host installer and this series). */
export const ENGINE = resolve(REPO_ROOT, 'packages/host-delivery/perl/pve-chainguard-edit');

export function engineAvailable(): boolean {
  if (!existsSync(ENGINE)) return false;
  try {
    registryJson();
    return true;
  } catch {
    return false;
  }
}

/**
 * Applies one part of the edits to Setup.pm/Config.pm in checkout `top`:
 * `registration` (use line, $plugins, wolfi alias, ostype enum) or `markers` (the fallback
 * detection). Engine contract: exit 0 applied, 1 refused, 2 usage.
 */
export function applyEdits(top: string, only: 'registration' | 'markers'): void {
  if (!existsSync(ENGINE)) throw new SeriesError(`the edit engine ${ENGINE} is missing (issue 9 not merged yet)`);
  const tmp = mkdtempSync(join(tmpdir(), 'pve-chainguard-registry-'));
  try {
    const registry = join(tmp, 'REGISTRY.json');
    writeFileSync(registry, registryJson());
    const args = [ENGINE, 'apply', '--registry', registry, '--setup', join(top, PATHS.setup), '--config', join(top, PATHS.config), '--only', only];
    const r = runProgram('perl', args);
    if (r.status !== 0) {
      const why = r.status === 1 ? 'refused' : `failed (exit ${r.status})`;
      throw new SeriesError(`edit engine ${why} for --only ${only} in ${top}: ${(r.stderr || r.stdout).trim()}`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

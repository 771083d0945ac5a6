/**
 * checkAll: regenerate in memory and compare with the committed modules — the
 * generate-and-diff step for CI. Orphaned modules (no TS source any more) count as
 * differences too.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, resolve } from 'node:path';
import { compileHarnessBase, compilePlugin, type CompileResult } from '../compile.ts';
import type { Diagnostic } from '../front/diagnostics.ts';
import { BASE_SOURCE, displayPath, GENERATED_DIR, HARNESS_GENERATED_DIR, modulePath, PLUGINS_DIR } from '../repo.ts';
import { listPlugins } from './plugins.ts';

export interface CheckOptions {
  /** Root holding the committed PVE/LXC/Setup/*.pm (default: generated/). */
  dir?: string;
  pluginsDir?: string;
  /** Root holding the harness's committed PVE/LXC/Setup/Base.pm (default: the harness's generated/). */
  baseDir?: string;
  baseSource?: string;
}

export interface CheckResult {
  ok: boolean;
  /** Unified diffs, committed → fresh compile, one per differing module. */
  diffs: string[];
  diagnostics: Diagnostic[];
  checked: string[];
}

/** `diff` is loaded only when a module differs: a clean check (CI's usual run) never needs it. */
function createTwoFilesPatch(...args: Parameters<typeof import('diff').createTwoFilesPatch>): string {
  return (createRequire(import.meta.url)('diff') as typeof import('diff')).createTwoFilesPatch(...args);
}

export function checkAll(opts: CheckOptions = {}): CheckResult {
  const dir = opts.dir ?? GENERATED_DIR;
  const plugins = listPlugins(opts.pluginsDir ?? PLUGINS_DIR);
  const diffs: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const checked: string[] = [];
  const compare = (target: string, fresh: CompileResult): void => {
    diagnostics.push(...fresh.diagnostics);
    if (fresh.diagnostics.length > 0) return;
    const committed = existsSync(target) ? readFileSync(target, 'utf8') : '';
    checked.push(target);
    if (committed !== fresh.perl) {
      const name = displayPath(target);
      diffs.push(createTwoFilesPatch(`a/${name}`, `b/${name}`, committed, fresh.perl, 'committed', 'generated from the TS model'));
    }
  };
  for (const p of plugins) compare(modulePath(dir, p.name), compilePlugin(p.path));
  compare(modulePath(opts.baseDir ?? HARNESS_GENERATED_DIR, 'Base'), compileHarnessBase(opts.baseSource ?? BASE_SOURCE));
  const setupDir = resolve(dir, 'PVE/LXC/Setup');
  if (existsSync(setupDir)) {
    for (const f of readdirSync(setupDir)
      .filter((x) => x.endsWith('.pm'))
      .sort()) {
      if (plugins.some((p) => p.name === basename(f, '.pm'))) continue;
      const target = resolve(setupDir, f);
      const name = displayPath(target);
      diffs.push(createTwoFilesPatch(`a/${name}`, `b/${name}`, readFileSync(target, 'utf8'), '', 'committed', 'no TS source'));
    }
  }
  return { ok: diffs.length === 0 && diagnostics.length === 0, diffs, diagnostics, checked };
}

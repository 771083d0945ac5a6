/** The plugin sources the compiler knows: every class file in packages/core/src/plugins. */
import { existsSync, readdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { PLUGINS_DIR } from '../repo.ts';

export interface PluginSource {
  /** The class name, which is also the file name (`Chainguard` ↔ Chainguard.ts). */
  name: string;
  path: string;
}

export function listPlugins(dir = PLUGINS_DIR): PluginSource[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^[A-Z][A-Za-z0-9]*\.ts$/.test(f))
    .sort()
    .map((f) => ({ name: basename(f, '.ts'), path: resolve(dir, f) }));
}

/** generateAll: compile plugin classes and write their modules under an output folder. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { compilePlugin } from '../compile.ts';
import type { Diagnostic } from '../front/diagnostics.ts';
import { GENERATED_DIR, modulePath, PLUGINS_DIR } from '../repo.ts';
import { listPlugins, type PluginSource } from './plugins.ts';

export interface GenerateOptions {
  /** Output root (default: the repository's generated/). Modules go to PVE/LXC/Setup/. */
  outDir?: string;
  /** Class names to compile (default: every plugin). */
  plugins?: string[];
  pluginsDir?: string;
}

export interface GenerateResult {
  written: string[];
  diagnostics: Diagnostic[];
  /** Requested names without a source file. */
  missing: string[];
}

export function selectPlugins(names: string[] | undefined, pluginsDir = PLUGINS_DIR): { selected: PluginSource[]; missing: string[] } {
  const all = listPlugins(pluginsDir);
  if (!names || names.length === 0) return { selected: all, missing: [] };
  const selected = all.filter((p) => names.includes(p.name));
  return { selected, missing: names.filter((n) => !all.some((p) => p.name === n)) };
}

/** Compile everything first; write only when every plugin compiled (no half-updated tree). */
export function generateAll(opts: GenerateOptions = {}): GenerateResult {
  const outDir = opts.outDir ?? GENERATED_DIR;
  const { selected, missing } = selectPlugins(opts.plugins, opts.pluginsDir);
  const compiled = selected.map((p) => ({ p, r: compilePlugin(p.path) }));
  const diagnostics = compiled.flatMap(({ r }) => r.diagnostics);
  if (diagnostics.length > 0 || missing.length > 0) return { written: [], diagnostics, missing };
  const written: string[] = [];
  for (const { p, r } of compiled) {
    const target = modulePath(outDir, p.name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, r.perl);
    written.push(target);
  }
  return { written, diagnostics, missing };
}

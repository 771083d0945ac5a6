/** generateAll: compile plugin classes and write their modules under an output folder. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { join } from 'node:path';
import { compileHarnessBase, compilePlugin } from '../compile.ts';
import type { Diagnostic } from '../front/diagnostics.ts';
import { BASE_SOURCE, GENERATED_DIR, HARNESS_GENERATED_DIR, modulePath, PLUGINS_DIR } from '../repo.ts';
import { listPlugins, type PluginSource } from './plugins.ts';

export interface GenerateOptions {
  /** Output root (default: the repository's generated/). Modules go to PVE/LXC/Setup/. */
  outDir?: string;
  /** Class names to compile (default: every plugin). */
  plugins?: string[];
  pluginsDir?: string;
  /** The harness's Base goes here when every plugin is compiled (default: the harness's
   * generated/ folder, or `<outDir>/harness` with an explicit outDir). */
  baseOutDir?: string;
  baseSource?: string;
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
  const compiled = selected.map((p) => ({ target: modulePath(outDir, p.name), r: compilePlugin(p.path) }));
  if (!opts.plugins || opts.plugins.length === 0) {
    const baseOut = opts.baseOutDir ?? (opts.outDir ? join(opts.outDir, 'harness') : HARNESS_GENERATED_DIR);
    compiled.push({ target: modulePath(baseOut, 'Base'), r: compileHarnessBase(opts.baseSource ?? BASE_SOURCE) });
  }
  const diagnostics = compiled.flatMap(({ r }) => r.diagnostics);
  if (diagnostics.length > 0 || missing.length > 0) return { written: [], diagnostics, missing };
  const written: string[] = [];
  for (const { target, r } of compiled) {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, r.perl);
    written.push(target);
  }
  return { written, diagnostics, missing };
}

import { entryContentBytes } from '@pve-chainguard/core';
import { modelFiles } from './modelRun.ts';
import { readTestDir } from './testDirFs.ts';

/**
 * Compares a test dir on disk with the model: every `<path>.exp` must hold exactly what the
 * model leaves at `<path>` when the harness runs the dir. Returns one line per difference.
 */
export function verifyTestDir(dir: string, name: string, testfiles: readonly string[]): string[] {
  const entries = readTestDir(dir);
  const config = entries.find((e) => e.path === '/config');
  if (!config) return [`${name}: no config file`];
  const exps = entries.filter((e) => e.type === 'file' && e.path.endsWith('.exp'));
  if (exps.length === 0) return [`${name}: no .exp files`];
  const model = modelFiles(name, entries, entryContentBytes(config).toString('utf8'), testfiles);
  const problems: string[] = [];
  for (const exp of exps) {
    const path = exp.path.slice(0, -'.exp'.length);
    if (!testfiles.includes(path)) problems.push(`${name}: ${exp.path} is not compared (${path} is not in @testfiles)`);
    else if (!model.has(path)) problems.push(`${name}: ${exp.path} expects a file the model does not leave`);
    else if (model.get(path) !== entryContentBytes(exp).toString('utf8')) problems.push(`${name}: ${exp.path} differs from the model`);
  }
  return problems;
}

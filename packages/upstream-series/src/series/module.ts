import { readFileSync } from 'node:fs';
import { SeriesError } from '../git/git.ts';
import { GENERATED_MODULE } from '../paths.ts';

/**
 * The generated module as it goes upstream: without our "generated from … do not edit"
 * header, which points at files pve-container does not have. Everything from `package` on
 * is byte for byte the committed generated module.
 */
export function upstreamModule(path = GENERATED_MODULE): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new SeriesError(`${path}: ${(e as Error).message} (run 'pnpm exec pve-chainguard generate')`);
  }
  const at = text.search(/^package PVE::LXC::Setup::Chainguard;$/m);
  if (at < 0) throw new SeriesError(`${path}: no 'package PVE::LXC::Setup::Chainguard;' line`);
  return text.slice(at);
}

import { readFileSync } from 'node:fs';
import { runProgram } from '../git/git.ts';
import { PERLTIDYRC } from '../paths.ts';

/** The file must come out of perltidy with our Proxmox-fitted options unchanged. */
export function tidyCheck(file: string, label: string): string[] {
  const r = runProgram('perltidy', [`--profile=${PERLTIDYRC}`, '--standard-output', '--standard-error-output', file]);
  if (r.status !== 0) return [`perltidy ${label}: exit ${r.status}: ${r.stderr.trim()}`];
  if (r.stdout !== readFileSync(file, 'utf8')) return [`${label} is not a fixed point of perltidy --profile=${PERLTIDYRC}`];
  return [];
}

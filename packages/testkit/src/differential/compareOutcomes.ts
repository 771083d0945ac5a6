/**
 * Model outcome against Perl result: everything equal, trees byte for byte (type, mode,
 * owner, content, link target), messages modulo Perl's " at FILE line N." suffix (our
 * line numbers are not Proxmox's), SSH key progress lines of stdout as a set.
 */
import { firstDifference, type Outcome } from '@pve-chainguard/core';
import { canonicalStdout, stripPerlLocation } from '../perl/compareResult.ts';
import type { HarnessResult } from '../perl/types.ts';

const show = (v: unknown) => JSON.stringify(v);

function sortedKeys(o: Record<string, string>): string {
  return show(Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** Same keys with the same string values (the usual case, decided without sorting). */
function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

function listDifference(name: string, perl: string[], model: string[]): string | undefined {
  for (let i = 0; i < Math.max(perl.length, model.length); i++) {
    if (perl[i] !== model[i]) return `${name}[${i}]: perl ${show(perl[i])}, model ${show(model[i])}`;
  }
  return undefined;
}

/** The first way the model's outcome differs from Perl's result, in words; undefined if none. */
export function outcomeDifference(perl: HarnessResult, model: Outcome): string | undefined {
  for (const key of ['ostype', 'arch', 'steps_completed', 'stderr'] as const) {
    if (perl[key] !== model[key]) return `${key}: perl ${show(perl[key])}, model ${show(model[key])}`;
  }
  // the cheap checks first; the canonical forms decide (and describe) when they disagree
  if (!sameRecord(perl.os_release, model.os_release) && sortedKeys(perl.os_release) !== sortedKeys(model.os_release)) {
    return `os_release: perl ${sortedKeys(perl.os_release)}, model ${sortedKeys(model.os_release)}`;
  }
  const error = (e: Outcome['error']) => e && { at: e.at, message: stripPerlLocation(e.message) };
  if (show(error(perl.error)) !== show(error(model.error))) {
    return `error: perl ${show(perl.error)}, model ${show(model.error)}`;
  }
  const warnings = listDifference('warnings', perl.warnings.map(stripPerlLocation), model.warnings.map(stripPerlLocation));
  if (warnings) return warnings;
  const logWarn = listDifference('log_warn', perl.log_warn, model.log_warn);
  if (logWarn) return logWarn;
  if (perl.stdout !== model.stdout && canonicalStdout(perl.stdout) !== canonicalStdout(model.stdout)) {
    return `stdout: perl ${show(perl.stdout)}, model ${show(model.stdout)}`;
  }
  const tree = firstDifference(perl.tree, model.tree);
  if (tree) return `tree (expected = perl, got = model) ${tree}`;
  const outside = firstDifference(perl.outside, model.outside);
  if (outside) return `outside (expected = perl, got = model) ${outside}`;
  return undefined;
}

import { firstDifference, type FsEntry, type Outcome, type Vector } from '@pve-chainguard/core';
import { canonicalStdout } from '../perl/compareResult.ts';

/** Perl appends " at FILE line N." to a message raised without a newline; ignore where. */
export function stripPerlLocation(message: string): string {
  return message.replace(/ at \S+ line \d+\.\n$/, '\n');
}

const SSH_KEY = /^\/etc\/ssh\/ssh_host_[a-z0-9]+_key(\.pub)?$/;

/** The recorder's normalisations (README §6), applied to what a run produced. */
export function normaliseOutcome(vector: Vector, actual: Outcome): Outcome {
  const input = new Map(vector.rootfs.map((e) => [e.path, e]));
  const tree = actual.tree.map((e): FsEntry => {
    if (e.type !== 'file' || !SSH_KEY.test(e.path)) return e;
    const before = input.get(e.path);
    if (before?.content === e.content) return e;
    const { encoding: _enc, ...rest } = e;
    return { ...rest, content: '<ssh-host-key>' };
  });
  const stdout = actual.stdout.replace(/^done: \S+ (root@\S*)$/gm, 'done: <fingerprint> $1');
  return { ...actual, tree, stdout };
}

function show(v: unknown): string {
  return JSON.stringify(v);
}

/** The first way `actual` differs from `expected`, in words; undefined when equal. */
export function firstOutcomeDifference(expected: Outcome, actual: Outcome): string | undefined {
  for (const key of ['ostype', 'arch', 'steps_completed', 'stderr'] as const) {
    if (expected[key] !== actual[key]) return `${key}: expected ${show(expected[key])}, got ${show(actual[key])}`;
  }
  if (show(expected.os_release) !== show(sortKeys(actual.os_release))) {
    return `os_release: expected ${show(expected.os_release)}, got ${show(actual.os_release)}`;
  }
  const errA = expected.error && { ...expected.error, message: stripPerlLocation(expected.error.message) };
  const errB = actual.error && { ...actual.error, message: stripPerlLocation(actual.error.message) };
  if (show(errA) !== show(errB)) return `error: expected ${show(errA)}, got ${show(errB)}`;
  const wA = expected.warnings.map(stripPerlLocation);
  const wB = actual.warnings.map(stripPerlLocation);
  if (show(wA) !== show(wB)) return `warnings: expected ${show(wA)}, got ${show(wB)}`;
  if (show(expected.log_warn) !== show(actual.log_warn)) {
    return `log_warn: expected ${show(expected.log_warn)}, got ${show(actual.log_warn)}`;
  }
  if (canonicalStdout(expected.stdout) !== canonicalStdout(actual.stdout)) {
    return `stdout: expected ${show(expected.stdout)}, got ${show(actual.stdout)}`;
  }
  const tree = firstDifference(expected.tree, actual.tree);
  if (tree) return `tree: ${tree}`;
  const outside = firstDifference(expected.outside, actual.outside);
  if (outside) return `outside: ${outside}`;
  return undefined;
}

function sortKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

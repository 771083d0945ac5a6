/**
 * Properties every run must have, whatever the plugin does: the outside of the rootfs is
 * untouched, other accounts' passwd/shadow lines are unchanged, no file gains a line that
 * came from a value with an embedded newline, and (where the plugin promises it) running
 * the last hook again changes nothing. Each returns a description of the violation.
 */
import { entryContentBytes, firstDifference, type FsEntry, type Outcome, type Vector } from '@pve-chainguard/core';

function text(entry: FsEntry | undefined): string | undefined {
  if (entry?.type !== 'file') return undefined;
  return entryContentBytes(entry).toString('utf8');
}

/** `outside` after the run equals `outside` before it (paths written with a leading '/'). */
export function outsideUnchanged(vector: Vector, outside: readonly FsEntry[]): string | undefined {
  const before = vector.outside.map((e) => ({ ...e, path: `/${e.path.replace(/^\/+/, '')}` }));
  const diff = firstDifference(before, outside);
  return diff && `something outside the rootfs changed: ${diff}`;
}

function linesWithout(content: string, user: string): string[] {
  const lines = content.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.filter((line) => !line.startsWith(`${user}:`));
}

/** Every line of /etc/passwd and /etc/shadow that is not `user`'s is still there, in order. */
export function otherAccountsUnchanged(vector: Vector, tree: readonly FsEntry[], user = 'root'): string | undefined {
  for (const path of ['/etc/passwd', '/etc/shadow']) {
    const before = text(vector.rootfs.find((e) => e.path === path));
    const after = text(tree.find((e) => e.path === path));
    if (before === undefined || after === undefined) continue;
    const want = linesWithout(before, user);
    const got = linesWithout(after, user);
    if (JSON.stringify(want) !== JSON.stringify(got)) {
      return `${path}: lines of other users changed: ${JSON.stringify(want)} became ${JSON.stringify(got)}`;
    }
  }
  return undefined;
}

/**
 * The parts after an embedded newline of the step arguments that are one value each
 * (passwords; SSH keys are newline-separated lists by design, so they are not checked).
 */
export function injectedFragments(vector: Vector): string[] {
  const fragments = new Set<string>();
  for (const step of vector.steps) {
    const password = step.call === 'post_create_hook' ? step.args[0] : step.call === 'set_user_password' ? step.args[1] : null;
    if (typeof password !== 'string' || !password.includes('\n')) continue;
    for (const part of password.split('\n').slice(1)) if (part !== '') fragments.add(part);
  }
  return [...fragments];
}

/** No file the run wrote has a line starting with a fragment that followed an embedded newline. */
export function noInjectedLines(vector: Vector, tree: readonly FsEntry[]): string | undefined {
  const fragments = injectedFragments(vector);
  if (fragments.length === 0) return undefined;
  const before = new Map(vector.rootfs.map((e) => [e.path, text(e)]));
  for (const entry of tree) {
    const content = text(entry);
    if (content === undefined || before.get(entry.path) === content) continue;
    const line = content.split('\n').find((l) => fragments.some((f) => l.startsWith(f)));
    if (line !== undefined) return `${entry.path} gained the line ${JSON.stringify(line)} from a value with an embedded newline`;
  }
  return undefined;
}

/**
 * Running the last step again leaves the tree as the first run did. `again` is the outcome
 * of lastStepAgain (the last step alone on the tree `once` left behind).
 */
export function secondRunChangesNothing(once: Outcome, again: Outcome): string | undefined {
  if (once.error !== null) return undefined;
  if (again.error !== null) return `running the last step again died: ${again.error.message.trimEnd()}`;
  const diff = firstDifference(once.tree, again.tree);
  return diff && `running the last step again changed the tree (expected = once, got = twice): ${diff}`;
}

/** The vector that runs `vector`'s last step alone on `tree` (what the case left behind). */
export function lastStepAgain(vector: Vector, tree: readonly FsEntry[]): Vector {
  const last = vector.steps.at(-1);
  return { ...vector, rootfs: [...tree], steps: last ? [last] : [] };
}

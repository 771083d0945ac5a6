import { FsError, runSession, unifiedTreeDiff, type FsEntry, type Hook, type RunOptions, type SessionInput } from '@pve-chainguard/core';
import { countChanges, treeChanges, type ChangeCounts, type EntryChange } from './changes.ts';

export interface HookSection {
  hook: Hook;
  counts: ChangeCounts;
  changes: EntryChange[];
  /** Unified diff of this hook's changes (empty when none). */
  diff: string;
  /** The hook died: its changes stop where it did. */
  partial: boolean;
}

export interface PreviewResult {
  sections: HookSection[];
  /** From the rootfs to the end of the last hook that finished. */
  total: ChangeCounts;
  warnings: string[];
  /** Text the setup printed (Proxmox shows it on the task log). */
  stdout: string;
  /** A setup error: the hook that failed and why; config errors are `hook: 'config'`. */
  error: { hook: Hook | 'config' | 'new'; message: string } | null;
}

/**
 * Runs the hooks one after the other, each section showing what that hook changed. A
 * session per prefix of the hooks: every step reseeds its randomness, so prefix runs
 * agree with the full run and the last one carries all warnings.
 */
export function runPreview(input: Omit<SessionInput, 'hooks'> & { hooks: Hook[] }, opts: Pick<RunOptions, 'pve'> = {}): PreviewResult {
  const sections: HookSection[] = [];
  let previous: readonly FsEntry[] = input.rootfs;
  let last = { warnings: [] as string[], stdout: '' };
  const done = (error: PreviewResult['error']): PreviewResult => ({
    sections,
    total: countChanges(previous === input.rootfs ? [] : treeChanges(input.rootfs, previous)),
    ...last,
    error,
  });
  for (let k = 1; k <= input.hooks.length; k++) {
    const hook = input.hooks[k - 1]!;
    let out;
    try {
      out = runSession({ ...input, hooks: input.hooks.slice(0, k) }, opts);
    } catch (e) {
      // the rootfs made a file-system call fail outside Perl's die (e.g. mkdir on a file)
      if (!(e instanceof FsError)) throw e;
      return done({ hook, message: `${e.message}\n` });
    }
    last = { warnings: [...out.warnings, ...out.log_warn.map((w) => `${w}\n`)], stdout: out.stdout };
    if (out.error && typeof out.error.at !== 'number') {
      return done({ hook: out.error.at, message: out.error.message });
    }
    const changes = treeChanges(previous, out.tree);
    sections.push({
      hook,
      counts: countChanges(changes),
      changes,
      diff: unifiedTreeDiff(previous, out.tree),
      partial: out.error !== null,
    });
    if (out.error) return done({ hook, message: out.error.message });
    previous = out.tree;
  }
  return done(null);
}

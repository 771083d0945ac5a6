import type { UpstreamOptions } from '@pve-chainguard/upstream-series';

const VALUED = new Set(['pve-container', 'out', 'base', 'branch', 'signoff', 'reroll', 'changes']);

/** `--name value` / `--name=value` options and the `--dry-run` flag; an error names the bad argument. */
export function parseUpstreamOptions(args: string[]): UpstreamOptions | { error: string } {
  const v: Record<string, string> = {};
  let dryRun = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--dry-run') {
      dryRun = true;
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!m || !VALUED.has(m[1]!)) return { error: `unknown argument '${arg}'` };
    const value = m[2] ?? args[++i];
    if (value === undefined) return { error: `--${m[1]} needs a value` };
    if (v[m[1]!] !== undefined) return { error: `--${m[1]} given twice` };
    v[m[1]!] = value;
  }
  if (!v['pve-container']) return { error: '--pve-container DIR is required' };
  let reroll: number | undefined;
  if (v.reroll !== undefined) {
    reroll = Number(v.reroll);
    if (!/^\d+$/.test(v.reroll) || reroll < 2) return { error: `--reroll '${v.reroll}': the series version must be a whole number ≥ 2` };
    if (v.changes === undefined) return { error: '--reroll needs --changes FILE (what changed since the previous version)' };
  } else if (v.changes !== undefined) return { error: '--changes is only meaningful with --reroll N' };
  const branch = v.branch ?? 'chainguard-support';
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(branch) || branch.includes('..')) return { error: `--branch '${branch}' is not a usable branch name` };
  return { pveContainer: v['pve-container'], out: v.out, base: v.base ?? 'HEAD', branch, signoff: v.signoff, reroll, changes: v.changes, dryRun };
}

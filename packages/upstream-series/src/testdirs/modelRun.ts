import { chainguardRegistry, entryContentBytes, runVector, sessionVector, type FsEntry } from '@pve-chainguard/core';
import { SeriesError } from '../git/git.ts';

/**
 * How upstream's run_setup_tests.pl drives a test dir: the dir itself is the rootfs, the
 * config is parsed as Proxmox does, `testmode` makes the resolvers 8.8.8.8/8.8.8.9 and the
 * search domain proxmox.com unless the config names its own (the same as a host resolv.conf
 * with those values), and post_create_hook runs twice on one Setup object with these
 * arguments, srand(0) before each run. Expectations must hold after both runs.
 */
export const HARNESS = {
  password: '$5$SALT$PASS',
  sshKeys: 'ssh-rsa ABCDEFG ABC@DEF',
  resolv: { dns1: '8.8.8.8', dns2: '8.8.8.9', search: 'proxmox.com' },
  /** Any fixed clock: the shadow day count is written as @DAYS@, which the harness fills in. */
  now: 1_767_225_600,
} as const;

/** The files among `candidates` the model leaves as regular files, with their contents. */
export function modelFiles(where: string, dirEntries: FsEntry[], config: string, candidates: readonly string[]): Map<string, string> {
  const runs = [1, 2].map((n) => {
    const vector = sessionVector({
      rootfs: dirEntries,
      config,
      hooks: Array(n).fill('create'),
      password: HARNESS.password,
      sshKeys: HARNESS.sshKeys,
      now: HARNESS.now,
      hostResolvConf: HARNESS.resolv,
    });
    const out = runVector(vector, { registry: chainguardRegistry(), configMode: 'proxmox' });
    if (out.error) throw new SeriesError(`${where}: the model's post_create_hook failed (${String(out.error.at)}): ${out.error.message.trim()}`);
    return new Map(out.tree.filter((e) => e.type === 'file').map((e) => [e.path, entryContentBytes(e).toString('utf8')]));
  });
  const files = new Map<string, string>();
  for (const path of candidates) {
    const once = runs[0]!.get(path);
    const twice = runs[1]!.get(path);
    if (twice === undefined) continue;
    if (once !== twice) throw new SeriesError(`${where}: ${path} differs after the second post_create_hook (not idempotent)`);
    files.set(path, path === '/etc/shadow' ? withDaysPlaceholder(twice) : twice);
  }
  return files;
}

/** run_setup_tests.pl replaces @DAYS@ in shadow.exp with today's day count before comparing. */
function withDaysPlaceholder(shadow: string): string {
  const days = String(Math.trunc(HARNESS.now / 86_400));
  return shadow.replace(/^(root:[^:\n]*:)(\d+)(:)/m, (whole, pre: string, d: string, post: string) => (d === days ? `${pre}@DAYS@${post}` : whole));
}

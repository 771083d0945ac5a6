/**
 * The JSON shapes the Perl harness driver speaks (oracle/README.md §2–§6, plus
 * `plugin_dir` and `registry`). They mirror core's `Vector`/`Outcome` on purpose, so a
 * vector can be fed to the harness as is and its `expect` compared with the result.
 */

import type { FsEntry, Outcome, Vector, VectorStep } from '@pve-chainguard/core';

/** A filesystem entry (README §4). */
export type HarnessEntry = FsEntry;

/** One dispatcher call; JSON `null` arrives in Perl as `undef`. */
export type HarnessStep = VectorStep;

/** Extra plugin registrations, applied before the dispatcher is constructed. */
export interface HarnessRegistry {
  /** ostype → Perl class, e.g. `{ chainguard: 'PVE::LXC::Setup::Chainguard' }`. */
  plugins?: Record<string, string>;
  /** os-release ID → ostype, e.g. `{ wolfi: 'chainguard' }`. */
  aliases?: Record<string, string>;
  /**
   * Marker files tried after upstream's list, e.g.
   * `['f', '/etc/secfixes.d/wolfi', 'chainguard']` ('f' regular file, 'd' directory).
   */
  fallbacks?: Array<['f' | 'd', string, string]>;
}

export type HarnessCase = Omit<Vector, 'id' | 'expect' | 'tags'> & {
  id?: string;
  /** Directory prepended to Perl's @INC for `PVE/LXC/Setup/<Name>.pm` plugin modules. */
  plugin_dir?: string;
  registry?: HarnessRegistry;
  /** The Proxmox VE release the harness plays (Harness::Release); 9 when absent. */
  pve?: 8 | 9;
};

/** The result of one case (README §6, normalised the same way). */
export type HarnessResult = Outcome;

/**
 * The JSON shapes the Perl harness driver speaks (shared/oracle/README.md §2–§6, plus
 * `plugin_dir` and `registry`). They mirror core's `Vector`/`Outcome` on purpose, so a
 * vector can be fed to the harness as is and its `expect` compared with the result.
 */

/** A filesystem entry (README §4). */
export interface HarnessEntry {
  path: string;
  type: 'dir' | 'file' | 'symlink' | 'other';
  mode?: string;
  uid?: number;
  gid?: number;
  content?: string;
  encoding?: 'base64';
  target?: string;
}

/** One dispatcher call; JSON `null` arrives in Perl as `undef`. */
export interface HarnessStep {
  call: string;
  args: Array<string | null>;
}

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

export interface HarnessCase {
  id?: string;
  frozen_time: number;
  config: string;
  host: {
    host_resolv_conf: { search?: string; dns1?: string; dns2?: string; dns3?: string };
    host_timezone: string;
    host_localtime: string;
  };
  rootfs: HarnessEntry[];
  outside: HarnessEntry[];
  steps: HarnessStep[];
  /** Directory prepended to Perl's @INC for `PVE/LXC/Setup/<Name>.pm` plugin modules. */
  plugin_dir?: string;
  registry?: HarnessRegistry;
}

/** The result of one case (README §6, normalised the same way). */
export interface HarnessResult {
  ostype: string | null;
  arch: string | null;
  os_release: Record<string, string>;
  error: { at: 'config' | 'new' | number; message: string } | null;
  steps_completed: number;
  warnings: string[];
  log_warn: string[];
  stdout: string;
  stderr: string;
  tree: HarnessEntry[];
  outside: HarnessEntry[];
}

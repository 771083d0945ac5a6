import type { CtFsApi } from '../fs/CtFsApi.ts';
import type { ReleaseProfile } from '../release/profiles.ts';

/**
 * Everything a setup run takes from outside the container: the model itself has no clock,
 * randomness, console or host of its own, so a run is a pure function of these inputs.
 */
export interface SetupRuntime {
  /** The container root as a chrooted process sees it. */
  readonly ct: CtFsApi;
  /** Perl's `time()`. */
  now(): number;
  /** Perl's `rand()` (the dispatcher reseeds it with `srand(0)` as Proxmox's tests do). */
  rand(): number;
  /** Perl's `warn`: the message as printed, trailing newline included. */
  warn(message: string): void;
  /** What the host prints to stdout. */
  print(text: string): void;
  /** Perl's `$$`, used in temp file names. */
  readonly pid: string;
  /**
   * Host-side `ssh-keygen` for one key type: the private and public key text and the
   * fingerprint line it prints (`SHA256:… root@host`).
   */
  sshKeygen(type: string, comment: string): { id: string; privateKey: string; publicKey: string };
  /** The pve-container installed on the host (its library functions); PVE 9 when absent. */
  readonly release?: ReleaseProfile;
}

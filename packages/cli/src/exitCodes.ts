/**
 * The one exit-code contract of every pve-chainguard command (README "Exit status").
 * Commands return these codes; an exception of the classes below becomes 2, anything
 * else thrown is a bug and becomes 3 with "internal error" (see main.ts).
 */
export const EXIT = {
  /** success, or no difference */
  ok: 0,
  /** a finding: setup error, vectors or differential failed, stale generated code */
  finding: 1,
  /** bad usage or bad input (file missing, unreadable, malformed) */
  usage: 2,
  /** a bug in pve-chainguard */
  internal: 3,
} as const;

/** The contract as a `--help` ends; a command may say what 0 and 1 mean for it. */
export function exitStatusHelp(ok: string, finding: string): string {
  return `Exit status:
  0  ${ok}
  1  ${finding}
  2  bad usage or bad input (the message names the file, line and key)
  3  internal error in pve-chainguard (please report it)
`;
}

export const EXIT_STATUS_HELP = exitStatusHelp('success, no difference', 'a finding (setup failed, a vector or case failed, generated code is stale)');

/** Bad input a user can produce (thrown by the readers in testkit too): one line; exit 2. */
export { InputError } from '@pve-chainguard/testkit/input';

/** Bad command-line usage: shown with the command's help; exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

// @pve-chainguard/cli: the `pve-chainguard` command line. Libraries do the work; this
// package parses arguments, prints, and keeps the exit-code contract (exitCodes.ts).
import { commands } from './commands/index.ts';
import { main } from './main.ts';

export { main, processIo, VERSION } from './main.ts';
export { commands } from './commands/index.ts';
export type { Command, CommandEntry, CommandIo, LazyCommand } from './Command.ts';
export { EXIT, EXIT_STATUS_HELP, InputError, UsageError } from './exitCodes.ts';

/** One run of `pve-chainguard ARGV` on the process's own stdout, stderr and cwd. */
export function runCli(argv: string[]): Promise<number> {
  return main(argv, commands);
}

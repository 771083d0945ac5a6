import { main, perlgenCommands, type Command } from '@pve-chainguard/perlgen/cli';
// by path: testkit's package.json does not list upstream-series (the command needs nothing from testkit)
import { upstreamCommand } from '../../../upstream-series/src/index.ts';
import { fuzzCommand } from './fuzz.ts';
import { previewCommand } from './preview.ts';

/** Every command of the CLI, in the order `--help` lists them. */
export const commands: Command[] = [...perlgenCommands, previewCommand, fuzzCommand, upstreamCommand];

export function runCli(argv: string[]): Promise<number> {
  return main(argv, commands);
}

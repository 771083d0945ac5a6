import { main, perlgenCommands, type Command } from '@pve-chainguard/perlgen/cli';
import { fuzzCommand } from './fuzz.ts';
import { previewCommand } from './preview.ts';

/** Every command of the CLI, in the order `--help` lists them. */
export const commands: Command[] = [...perlgenCommands, previewCommand, fuzzCommand];

export function runCli(argv: string[]): Promise<number> {
  return main(argv, commands);
}

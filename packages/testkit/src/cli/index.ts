import { main, perlgenCommands, type Command } from '@pve-chainguard/perlgen/cli';
import { previewCommand } from './preview.ts';

/** Every command of the CLI, in the order `--help` lists them. */
export const commands: Command[] = [...perlgenCommands, previewCommand];

export function runCli(argv: string[]): Promise<number> {
  return main(argv, commands);
}

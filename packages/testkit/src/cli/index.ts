import { PACKAGE_HELP, PACKAGE_SUMMARY, runPackageCommand } from '@pve-chainguard/host-delivery';
import { main, perlgenCommands, type Command } from '@pve-chainguard/perlgen/cli';
import { upstreamCommand } from '@pve-chainguard/upstream-series';
import { fuzzCommand } from './fuzz.ts';
import { previewCommand } from './preview.ts';

/** `package`: the host-delivery artefacts (tarball and .deb). */
const packageCommand: Command = {
  name: 'package',
  summary: PACKAGE_SUMMARY,
  help: PACKAGE_HELP,
  run: runPackageCommand,
};

/** Every command of the CLI, in the order `--help` lists them. */
export const commands: Command[] = [...perlgenCommands, previewCommand, fuzzCommand, packageCommand, upstreamCommand];

export function runCli(argv: string[]): Promise<number> {
  return main(argv, commands);
}

import { main, perlgenCommands, type Command, type CommandEntry } from '@pve-chainguard/perlgen/cli';

/**
 * Every command of the CLI, in the order `--help` lists them. Only names and summaries are
 * here: a command's module (preview's archive readers, fuzz's harness, …) is imported when
 * that command runs, which keeps the start of the others short.
 */
export const commands: CommandEntry[] = [
  ...perlgenCommands,
  {
    name: 'preview',
    summary: 'show, as a diff, what the plugin would change in a rootfs',
    load: async () => (await import('./preview.ts')).previewCommand,
  },
  {
    name: 'fuzz',
    summary: 'differential test: model vs generated Perl on generated cases',
    load: async () => (await import('./fuzz.ts')).fuzzCommand,
  },
  {
    name: 'package',
    summary: 'build the release tarball and the .deb for Proxmox VE hosts',
    load: async (): Promise<Command> => {
      const { PACKAGE_HELP, PACKAGE_SUMMARY, runPackageCommand } = await import('@pve-chainguard/host-delivery');
      return { name: 'package', summary: PACKAGE_SUMMARY, help: PACKAGE_HELP, run: runPackageCommand };
    },
  },
  {
    name: 'upstream',
    summary: 'build the pve-devel patch series for pve-container',
    load: async () => (await import('@pve-chainguard/upstream-series')).upstreamCommand,
  },
];

export function runCli(argv: string[]): Promise<number> {
  return main(argv, commands);
}

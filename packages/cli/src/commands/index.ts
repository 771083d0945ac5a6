import type { LazyCommand } from '../Command.ts';

/**
 * Every command of the CLI, in the order `--help` lists them. Only names and summaries are
 * here: a command's module is imported when it runs or shows its help, so `check` does not
 * load the model and `conform` does not load ts-morph, and preview's archive readers or
 * fuzz's Perl harness cost nothing to the others.
 */
export const commands: LazyCommand[] = [
  {
    name: 'generate',
    summary: 'compile TS plugin classes to PVE::LXC::Setup::<Name> Perl modules',
    load: async () => (await import('./generate.ts')).generateCommand,
  },
  {
    name: 'check',
    summary: 'regenerate in memory and diff against the committed Perl modules',
    load: async () => (await import('./check.ts')).checkCommand,
  },
  {
    name: 'conform',
    summary: 'run recorded Proxmox vectors through the model and compare',
    load: async () => (await import('./conform.ts')).conformCommand,
  },
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
    load: async () => (await import('./package.ts')).packageCommand,
  },
  {
    name: 'upstream',
    summary: 'build the pve-devel patch series for pve-container',
    load: async () => (await import('./upstream.ts')).upstreamCommand,
  },
];

import type { LazyCommand } from '../Command.ts';

/**
 * The commands perlgen provides (testkit adds the ones that need fixtures or Perl). Each is
 * imported when it runs: check should not load conform's whole model, nor conform ts-morph.
 */
export const perlgenCommands: LazyCommand[] = [
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
];

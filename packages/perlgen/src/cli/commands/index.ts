import type { Command } from '../Command.ts';
import { checkCommand } from './check.ts';
import { conformCommand } from './conform.ts';
import { generateCommand } from './generate.ts';

/** The commands perlgen provides (testkit adds the ones that need fixtures or Perl). */
export const perlgenCommands: Command[] = [generateCommand, checkCommand, conformCommand];

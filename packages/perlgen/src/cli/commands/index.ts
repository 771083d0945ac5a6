import type { Command } from '../Command.ts';
import { conformCommand } from './conform.ts';

/** The commands perlgen provides (testkit adds the ones that need fixtures or Perl). */
export const perlgenCommands: Command[] = [conformCommand];

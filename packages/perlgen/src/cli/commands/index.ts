import type { Command } from '../Command.ts';
import { conformCommand } from './conform.ts';

/** Every CLI command, in the order `--help` lists them. */
export const commands: Command[] = [conformCommand];

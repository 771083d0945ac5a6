export { main, processIo } from './main.ts';
export { perlgenCommands } from './commands/index.ts';
export type { Command, CommandIo } from './Command.ts';

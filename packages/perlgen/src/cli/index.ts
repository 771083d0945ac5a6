export { main, processIo, VERSION } from './main.ts';
export { perlgenCommands } from './commands/index.ts';
export type { Command, CommandEntry, CommandIo, LazyCommand } from './Command.ts';
export { EXIT, EXIT_STATUS_HELP, InputError, UsageError } from './exitCodes.ts';
export { escapeForDisplay, escapeValue, toSafeJson } from './output/escape.ts';
export { reason, requireDirectory, requireDirectoryTarget, resolveFrom } from './paths.ts';

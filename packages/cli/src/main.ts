import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command, CommandEntry, CommandIo } from './Command.ts';
import { EXIT, EXIT_STATUS_HELP, InputError, UsageError } from './exitCodes.ts';
import { wantColour } from './output/colour.ts';
import { guardIo } from './output/guardIo.ts';

function usage(commands: CommandEntry[]): string {
  return `Usage: pve-chainguard <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run 'pve-chainguard <command> --help' for a command's options.

${EXIT_STATUS_HELP}`;
}

/** The version internal-error reports name (the CLI's package version). */
export const VERSION: string = (JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')) as { version: string }).version;

export const processIo: CommandIo = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  // pnpm exec runs bins from the workspace root; INIT_CWD is where the user typed the command
  cwd: process.env.INIT_CWD ?? process.cwd(),
  errIsTty: process.stderr.isTTY === true,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

/**
 * Runs one CLI invocation over the given commands and returns its exit code. Whatever the
 * command does, output is escaped, stdout is dropped on exit 2 or 3, and an exception ends
 * as exit 2 (InputError, UsageError) or 3 (anything else: a bug, reported as such).
 */
export async function main(
  argv: string[],
  commands: CommandEntry[],
  io: CommandIo = processIo,
  colour = io === processIo && wantColour(process.stdout, process.env),
): Promise<number> {
  const guarded = guardIo(io, colour);
  const code = await dispatch(argv, commands, guarded);
  if (code >= EXIT.usage) guarded.discard();
  else guarded.flush();
  return code;
}

async function dispatch(argv: string[], commands: CommandEntry[], io: CommandIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(usage(commands));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.err(`pve-chainguard: unknown command '${name}'\n\n${usage(commands)}`);
    return EXIT.usage;
  }
  let command: Command;
  try {
    command = 'load' in entry ? await entry.load() : entry;
  } catch (e) {
    return internalError(name, e, io);
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${name}: ${e.message}\n\n${command.help}`);
      return EXIT.usage;
    }
    if (e instanceof InputError) {
      io.err(`${name}: ${e.message}\n`);
      return EXIT.usage;
    }
    return internalError(name, e, io);
  }
}

function internalError(name: string, e: unknown, io: CommandIo): number {
  const detail = process.env.PVE_CHAINGUARD_DEBUG ? `${(e as Error)?.stack ?? String(e)}` : String((e as Error)?.message ?? e);
  io.err(
    `${name}: internal error in pve-chainguard ${VERSION}: ${detail}\n` +
      'This is a bug. Please report it with the command line, the input and this message\n' +
      '(rerun with PVE_CHAINGUARD_DEBUG=1 for the stack trace).\n',
  );
  return EXIT.internal;
}

import type { Command, CommandIo } from './Command.ts';

function usage(commands: Command[]): string {
  return `Usage: pve-chainguard <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run 'pve-chainguard <command> --help' for a command's options.
`;
}

export const processIo: CommandIo = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  // pnpm exec runs bins from the workspace root; INIT_CWD is where the user typed the command
  cwd: process.env.INIT_CWD ?? process.cwd(),
};

/** Runs one CLI invocation over the given commands and returns its exit code. */
export async function main(argv: string[], commands: Command[], io: CommandIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(usage(commands));
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`pve-chainguard: unknown command '${name}'\n\n${usage(commands)}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(command.help);
    return 0;
  }
  return command.run(args, io);
}

import { main } from '../src/main.ts';
import type { Command } from '../src/Command.ts';

/** Runs `command` as the CLI would (exit-code contract, escaping, stdout held until the end). */
export async function runCommand(command: Command, args: string[], cwd = process.cwd()) {
  const r = { code: 0, stdout: '', stderr: '' };
  r.code = await main([command.name, ...args], [command], {
    cwd,
    out: (t) => void (r.stdout += t),
    err: (t) => void (r.stderr += t),
  });
  return r;
}

import { execFileSync } from 'node:child_process';

/** A refusal or failure the command reports with exit 1 (a finding), naming what is wrong. */
export class SeriesError extends Error {}

export interface RunResult {
  stdout: string;
  stderr: string;
  status: number;
}

/** Runs a program without a shell; never throws for a non-zero exit. */
export function runProgram(program: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): RunResult {
  try {
    const stdout = execFileSync(program, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      input: opts.input,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return { stdout, stderr: '', status: 0 };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; status?: number | null; message: string };
    if (err.status === undefined || err.status === null) {
      throw new SeriesError(`cannot run ${program}: ${err.message}`);
    }
    return { stdout: err.stdout ?? '', stderr: err.stderr ?? '', status: err.status };
  }
}

/** `git -C dir args…`; throws a SeriesError naming the command and git's message on failure. */
export function git(dir: string, args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string } = {}): string {
  const r = runProgram('git', ['-C', dir, ...args], opts);
  if (r.status !== 0) {
    throw new SeriesError(`git ${args.join(' ')} (in ${dir}) failed: ${(r.stderr || r.stdout).trim()}`);
  }
  return r.stdout;
}

/** Like git(), but returns undefined instead of throwing when git exits non-zero. */
export function gitMaybe(dir: string, args: string[], env?: NodeJS.ProcessEnv): string | undefined {
  const r = runProgram('git', ['-C', dir, ...args], { env });
  return r.status === 0 ? r.stdout : undefined;
}

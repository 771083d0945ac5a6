/**
 * One CLI command. The CLI is a thin shell: `run` does the work through library functions
 * and returns the exit code (exitCodes.ts); tests call `run` directly with captured output.
 */
export interface CommandIo {
  /** Standard output. `kind: 'diff'` marks a unified diff (coloured on a terminal). */
  out(text: string, kind?: 'diff'): void;
  err(text: string): void;
  /** Current working directory for resolving relative paths. */
  cwd: string;
  /** Reads all of standard input (for `--password -`); absent when there is none. */
  readStdin?(): Promise<string>;
  /** Standard error is a terminal (progress then redraws one line). */
  errIsTty?: boolean;
  /** A progress line on stderr (redrawn in place on a terminal; `done` ends it). */
  progress?(line: string, done?: boolean): void;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full `--help` text. */
  help: string;
  run(args: string[], io: CommandIo): Promise<number>;
}

/**
 * A command as the CLI lists it: name and summary, with the implementation imported only
 * when it runs or shows its help, so one command's start does not pay for the others.
 */
export interface LazyCommand {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export type CommandEntry = Command | LazyCommand;

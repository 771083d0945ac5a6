/**
 * One CLI command. The CLI is a thin shell: `run` does the work through library functions
 * and returns the exit code; tests call `run` directly with captured output.
 */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  /** Current working directory for resolving relative paths. */
  cwd: string;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full `--help` text. */
  help: string;
  run(args: string[], io: CommandIo): Promise<number>;
}

import type { CommandIo } from '../Command.ts';
import { colourDiff } from './colour.ts';
import { escapeForDisplay } from '@pve-chainguard/testkit/input';

export interface GuardedIo extends CommandIo {
  /** Writes what stdout collected (call for exit codes 0 and 1). */
  flush(): void;
  /** Drops what stdout collected: on bad input or an internal error, stdout stays empty. */
  discard(): void;
}

/**
 * The io every command runs with: all text is escaped (escape.ts) whatever it goes to,
 * stdout is held until the exit code is known, diffs are coloured when `colour` is set.
 */
export function guardIo(io: CommandIo, colour: boolean): GuardedIo {
  let held: string[] = [];
  return {
    cwd: io.cwd,
    ...(io.readStdin ? { readStdin: io.readStdin } : {}),
    ...(io.errIsTty !== undefined ? { errIsTty: io.errIsTty } : {}),
    out(text, kind) {
      const safe = escapeForDisplay(text);
      held.push(kind === 'diff' && colour ? colourDiff(safe) : safe);
    },
    err: (text) => io.err(escapeForDisplay(text)),
    // on a terminal one status line is redrawn in place; elsewhere each is a line of its own
    progress(line, done) {
      const safe = escapeForDisplay(line).replace(/\n/g, ' ');
      io.err(io.errIsTty ? `\r\x1b[K${safe}${done ? '\n' : ''}` : `${safe}\n`);
    },
    flush() {
      if (held.length > 0) io.out(held.join(''));
      held = [];
    },
    discard() {
      held = [];
    },
  };
}

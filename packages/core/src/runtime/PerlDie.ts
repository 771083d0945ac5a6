/**
 * A Perl `die`. `message` is the text as Perl would print it; a message raised without a
 * trailing newline is kept without Perl's " at FILE line N." suffix (`located` marks it),
 * and comparisons with recorded output ignore that suffix.
 */
export class PerlDie extends Error {
  constructor(
    message: string,
    readonly located = !message.endsWith('\n'),
  ) {
    super(message);
  }
}

/** Perl's `die $msg`: throws a PerlDie. */
export function die(message: string): never {
  throw new PerlDie(message);
}

/** The text Perl would hold in `$@` for an exception thrown by the model. */
export function errorText(err: unknown): string {
  if (err instanceof PerlDie) return err.message;
  if (err instanceof Error) return `${err.message}\n`;
  return `${String(err)}\n`;
}

/**
 * Bad input a user can produce (a file missing, malformed, unsafe): one line naming file,
 * line and key. The readers here throw it; the CLI shows the message and exits 2.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

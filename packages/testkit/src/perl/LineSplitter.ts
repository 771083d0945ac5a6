/**
 * The driver's answers as lines: bytes split at "\n" (memchr over each chunk) and each
 * line decoded once. The driver's JSON escapes every control character, so "\n" ends a
 * line and nothing else does; node:readline searched every answer (~13 KB) with a
 * regex for "\r" too, and decoded and re-joined its partial lines as strings.
 */
export class LineSplitter {
  /** The start of a line whose end has not arrived yet. */
  #pending: Buffer[] = [];

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(10); end >= 0; end = chunk.indexOf(10, start)) {
      this.#emit(chunk.subarray(start, end));
      start = end + 1;
    }
    if (start < chunk.length) this.#pending.push(chunk.subarray(start));
  }

  /** The stream ended: a last line without "\n" still counts (as readline has it). */
  end(): void {
    if (this.#pending.length > 0) this.#emit(Buffer.alloc(0));
  }

  #emit(tail: Buffer): void {
    let bytes = tail;
    if (this.#pending.length > 0) {
      bytes = Buffer.concat([...this.#pending, tail]);
      this.#pending = [];
    }
    this.onLine(bytes.toString('utf8'));
  }
}

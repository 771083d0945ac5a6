/** A statement the printer cannot lay out the way perltidy would, named by its TS origin. */
import type { Origin } from '../ir/ast.ts';

export class LayoutError extends Error {
  constructor(
    message: string,
    readonly origin: Origin | undefined,
  ) {
    super(message);
  }
}

/** Every statement of a module that could not be laid out (all reported at once). */
export class LayoutErrors extends Error {
  constructor(readonly errors: LayoutError[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}

/** Prettier docs → text on our page (4-space indentation, no tabs). */
import { builders as b, printer } from 'prettier/doc';
import { INDENT, MAX_WIDTH } from '../layout/widths.ts';

export type Doc = b.Doc;

export function printDoc(d: Doc, width = MAX_WIDTH): string {
  return printer.printDocToString(d, { printWidth: width, tabWidth: INDENT, useTabs: false }).formatted;
}

/** A doc on one line: a group printed wider than any line never breaks. */
export function printDocFlat(d: Doc): string {
  return printDoc(b.group(d), 1_000_000);
}

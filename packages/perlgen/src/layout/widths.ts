/** The page the generated Perl is laid out on: perltidy's `-l=100 -i=4` of `/.perltidyrc`. */
export const MAX_WIDTH = 100;
export const INDENT = 4;

/** The text width of a `# ` comment line at indentation `level` (kept within 98 - level*4). */
export function commentWidth(level: number): number {
  return MAX_WIDTH - 2 - level * INDENT;
}

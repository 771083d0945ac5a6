/** perltidy's blank-line rules, applied to the printed lines as they are added. */
import { INDENT } from './widths.ts';

/**
 * perltidy's `--blanks-before-blocks` (on by default, `--long-block-line-count=8`): a blank
 * line goes before an `if`/`for`/`while` block that follows at least 8 statements at the
 * same depth and 8 non-blank lines, unless a comment or blank line precedes it.
 */
export class BlankLineRules {
  readonly lines: string[] = [];
  private lastType: 'b' | '#' | 'code' = '#';
  private lastLevel = 0;
  private readonly countAtDepth: Array<number | undefined> = [];
  private nonblank = 0;

  blank(): void {
    if (this.lines.length === 0 || this.lines[this.lines.length - 1] === '') return;
    this.lines.push('');
    this.nonblank = 0;
    this.lastType = 'b';
  }

  comment(level: number, text: string): void {
    this.batch(level, [`${' '.repeat(level * INDENT)}# ${text}`.trimEnd()], '#', false);
  }

  batch(level: number, lines: string[], type: '#' | 'code', opensBlock: boolean): void {
    if (opensBlock && this.lastType === 'code') {
      let lc = this.countAtDepth[this.lastLevel] ?? 0;
      if (level !== this.lastLevel) lc = 0;
      if (lc >= 8 && this.nonblank >= 8) {
        this.lines.push('');
        this.nonblank = 0;
      }
    }
    this.lines.push(...lines);
    this.nonblank += lines.length;
    const lastLast = this.lastLevel;
    this.lastLevel = level;
    if (level === lastLast && type === 'code' && this.countAtDepth[level] !== undefined) {
      this.countAtDepth[level]!++;
    } else {
      this.countAtDepth[level] = 1;
    }
    this.lastType = type;
  }

  /** A trailing `# comment` on the last code line. */
  sideComment(text: string): void {
    this.lines[this.lines.length - 1] += ` # ${text}`;
  }
}

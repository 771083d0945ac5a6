import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_METHODS } from '../../src/lower/mapping/baseMethods.ts';
import { allRows } from '../../src/lower/mapping/index.ts';
import { SYNTAX_ROWS } from '../../src/lower/mapping/syntax.ts';

const README = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');

describe('the documented subset', () => {
  it('names every row of the mapping table in README.md', () => {
    const missing = allRows()
      .map(([key]) => key)
      .filter((key) => !README.includes(`\`${key.replace(/\|/g, '\\|')}\``));
    expect(missing).toEqual([]);
  });

  it('names every accepted syntax kind and every Base helper in README.md', () => {
    // Table cells may be padded (Prettier aligns Markdown tables).
    expect(Object.keys(SYNTAX_ROWS).filter((k) => !new RegExp(`\\|\\s*${k}\\s*\\|`).test(README))).toEqual([]);
    expect(Object.keys(BASE_METHODS).filter((k) => !README.includes(k))).toEqual([]);
  });
});

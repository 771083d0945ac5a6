/** The laid-out module → Perl source: header, `package`, `use` groups, items, `1;`. */
import type { LaidOutModule, PerlStmt } from '../ir/ast.ts';
import { BlankLineRules } from '../layout/blankLines.ts';
import { LayoutError, LayoutErrors } from './errors.ts';
import { printItem, printStatements } from './printStmt.ts';

export function printModule(mod: LaidOutModule): string {
  const out = new BlankLineRules();
  const errors: LayoutError[] = [];
  for (const h of mod.header) out.comment(0, h);
  out.batch(0, [`package ${mod.packageName};`], 'code', false);
  out.blank();
  out.batch(0, ['use strict;', 'use warnings;'], 'code', false);
  for (const group of mod.uses) {
    out.blank();
    out.batch(
      0,
      group.map((u) => `use ${u};`),
      'code',
      false,
    );
  }
  out.blank();
  out.batch(0, [`use base qw(${mod.basePackage});`], 'code', false);
  for (const item of mod.items) {
    try {
      printItem(out, item);
    } catch (e) {
      if (e instanceof LayoutErrors) errors.push(...e.errors);
      else if (e instanceof LayoutError) errors.push(e);
      else throw e;
    }
  }
  if (errors.length > 0) throw new LayoutErrors(errors);
  out.blank();
  out.batch(0, ['1;'], 'code', false);
  return `${out.lines.join('\n')}\n`;
}

/** Print a statement list on its own (for tests and snippets). */
export function printStatementsText(stmts: PerlStmt[], level = 1): string {
  const out = new BlankLineRules();
  printStatements(out, stmts, level);
  return `${out.lines.join('\n')}\n`;
}

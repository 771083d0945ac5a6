/**
 * Statement shapes a Proxmox developer writes: `my $x = eval { E };` for a declaration
 * assigned in an eval whose failure is ignored, `$x =~ s///;` and `(my $x = $y) =~ s///;`
 * instead of assigning an `s///r` copy.
 */
import type { PerlExpr, PerlStmt } from '../../ir/ast.ts';

const same = (a: PerlExpr, b: PerlExpr): boolean => a.k === 'var' && b.k === 'var' && a.sigil === b.sigil && a.name === b.name;
const silent = (s: PerlStmt): boolean => s.k === 'comment' || s.k === 'blank';

/** The rewrites that look at neighbouring statements of a list. */
export function statementForms(stmts: PerlStmt[]): PerlStmt[] {
  const out: PerlStmt[] = [];
  for (let i = 0; i < stmts.length; i++) {
    const s = stmts[i]!;
    const next = stmts[i + 1];
    // `my $x; eval { $x = E; }; if ($@) {}` → `my $x = eval { E };` (undef when E dies)
    if (
      s.k === 'my' &&
      !s.init &&
      !s.list &&
      s.vars.length === 1 &&
      next?.k === 'eval' &&
      next.handler.every(silent) &&
      next.body.length === 1 &&
      next.body[0]!.k === 'expr' &&
      !next.body[0]!.postfix &&
      next.body[0]!.expr.k === 'assign' &&
      next.body[0]!.expr.op === '=' &&
      same(next.body[0]!.expr.target, s.vars[0]!)
    ) {
      out.push({ ...s, init: { k: 'evalblock', expr: next.body[0]!.expr.value } });
      i++;
      continue;
    }
    // `$x = $x =~ s/a/b/r;` → `$x =~ s/a/b/;`
    if (s.k === 'expr' && s.expr.k === 'assign' && s.expr.op === '=' && s.expr.value.k === 'subst' && same(s.expr.target, s.expr.value.target)) {
      out.push({ ...s, expr: { ...s.expr.value, inPlace: true } });
      continue;
    }
    // `my $x = $y =~ s/a/b/r;` → `(my $x = $y) =~ s/a/b/;`
    if (s.k === 'my' && !s.list && s.vars.length === 1 && s.init?.k === 'subst' && s.init.target.k === 'var') {
      out.push({ ...s, init: { ...s.init, inPlace: true } });
      continue;
    }
    out.push(s);
  }
  return out;
}

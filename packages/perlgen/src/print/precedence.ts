/** Perl's operator precedence (perlop): parentheses come from it, never from the tree. */
import type { PerlExpr } from '../ir/ast.ts';

/** Perl precedence, tighter binds higher (perlop). */
export const PREC = {
  term: 100,
  postinc: 90,
  unary: 80,
  bind: 75,
  mul: 70,
  add: 65,
  named: 55,
  rel: 50,
  eq: 45,
  bitand: 40,
  and: 35,
  or: 30,
  range: 25,
  ternary: 20,
  assign: 10,
  listop: 5,
} as const;

export const BINOP_PREC: Record<string, number> = {
  '*': PREC.mul,
  '/': PREC.mul,
  x: PREC.mul,
  '+': PREC.add,
  '-': PREC.add,
  '.': PREC.add,
  '<': PREC.rel,
  '>': PREC.rel,
  '<=': PREC.rel,
  '>=': PREC.rel,
  lt: PREC.rel,
  gt: PREC.rel,
  le: PREC.rel,
  ge: PREC.rel,
  '==': PREC.eq,
  '!=': PREC.eq,
  eq: PREC.eq,
  ne: PREC.eq,
  '&': PREC.bitand,
  '<=>': PREC.eq,
  '&&': PREC.and,
  '||': PREC.or,
  '//': PREC.or,
};
export const NON_ASSOCIATIVE: ReadonlySet<number> = new Set([PREC.rel, PREC.eq]);
/** `a || (b || c)` means `a || b || c`: no parentheses needed on the right. */
export const ASSOCIATIVE: ReadonlySet<string> = new Set(['&&', '||', '.']);

export function precedence(e: PerlExpr): number {
  switch (e.k) {
    case 'binop':
      return BINOP_PREC[e.op] ?? PREC.term;
    case 'unop':
      return PREC.unary;
    case 'postinc':
      return PREC.postinc;
    case 'match':
    case 'subst':
      return PREC.bind;
    case 'ternary':
      return PREC.ternary;
    case 'range':
      return PREC.range;
    case 'assign':
      return PREC.assign;
    case 'blockcall':
      return PREC.listop;
    case 'call':
      return e.bare ? PREC.listop : PREC.term;
    case 'named':
      return e.op === 'keys' || e.op === 'exists' ? PREC.named : PREC.term;
    default:
      return PREC.term;
  }
}

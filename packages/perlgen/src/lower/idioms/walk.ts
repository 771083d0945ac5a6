/**
 * Walking the Perl IR for the idiom rewrites: a node with its children mapped, a statement
 * with its expressions (and nested statement lists) mapped, every expression visited.
 */
import type { PerlExpr, PerlStmt } from '../../ir/ast.ts';

/** A rewrite of a whole statement list (applied to nested lists as the walk meets them). */
export type ListFn = (stmts: PerlStmt[]) => PerlStmt[];
const same: ListFn = (l) => l;

/** `e` with `f` applied to each direct child expression (statements of subs included). */
export function mapChildren(e: PerlExpr, f: (c: PerlExpr) => PerlExpr, list: ListFn = same): PerlExpr {
  switch (e.k) {
    case 'interp':
      return { ...e, parts: e.parts.map((p) => (typeof p === 'string' ? p : f(p))) };
    case 'call':
      return { ...e, args: e.args.map(f) };
    case 'method':
      return { ...e, invocant: typeof e.invocant === 'string' ? e.invocant : f(e.invocant), args: e.args.map(f) };
    case 'codecall':
      return { ...e, code: f(e.code), args: e.args.map(f) };
    case 'elem':
      return { ...e, base: f(e.base), key: f(e.key) };
    case 'binop':
      return { ...e, left: f(e.left), right: f(e.right) };
    case 'unop':
      return { ...e, operand: f(e.operand) };
    case 'ternary':
      return { ...e, cond: f(e.cond), then: f(e.then), else: f(e.else) };
    case 'match':
      return { ...e, target: e.target && f(e.target) };
    case 'subst':
      return { ...e, target: f(e.target), replacement: typeof e.replacement === 'string' ? e.replacement : f(e.replacement) };
    case 'anonArray':
    case 'list':
      return { ...e, items: e.items.map(f) };
    case 'anonHash':
      return { ...e, entries: e.entries.map((en) => ('spread' in en ? { spread: f(en.spread) } : { key: f(en.key), value: f(en.value) })) };
    case 'deref':
      return { ...e, ref: f(e.ref) };
    case 'blockcall':
      return { ...e, block: e.block && f(e.block), list: f(e.list) };
    case 'named':
      return { ...e, operand: f(e.operand) };
    case 'range':
      return { ...e, from: f(e.from), to: f(e.to) };
    case 'assign':
      return { ...e, target: f(e.target), value: f(e.value) };
    case 'postinc':
      return { ...e, target: f(e.target) };
    case 'pair':
      return { ...e, value: f(e.value) };
    case 'anonsub':
      return { ...e, body: list(e.body.map((s) => stmtExprs(s, f, list))) };
    case 'evalblock':
      return { ...e, expr: f(e.expr) };
    default:
      return e;
  }
}

/** A statement with `f` applied to its expressions and nested statement lists. */
export function stmtExprs(s: PerlStmt, f: (e: PerlExpr) => PerlExpr, list: ListFn = same): PerlStmt {
  const body = (b: PerlStmt[]) => list(b.map((x) => stmtExprs(x, f, list)));
  const post = (p: PerlExpr | undefined) => p && f(p);
  switch (s.k) {
    case 'expr':
      return { ...s, expr: f(s.expr), postfix: post(s.postfix) };
    case 'my':
      return { ...s, vars: s.vars, init: s.init && f(s.init) };
    case 'return':
      return { ...s, value: s.value && f(s.value), postfix: post(s.postfix) };
    case 'die':
      return { ...s, message: f(s.message), postfix: post(s.postfix) };
    case 'loopctl':
      return { ...s, postfix: post(s.postfix) };
    case 'if':
      return { ...s, branches: s.branches.map((br) => ({ cond: f(br.cond), body: body(br.body) })), else: s.else && body(s.else) };
    case 'foreach':
      return { ...s, list: f(s.list), body: body(s.body) };
    case 'while':
      return { ...s, cond: f(s.cond), body: body(s.body) };
    case 'eval':
      return { ...s, body: body(s.body), handler: body(s.handler) };
    case 'lexsub':
      return { ...s, body: body(s.body) };
    default:
      return s;
  }
}

/** Every expression of a statement list, nested blocks and anonymous subs included. */
export function eachExpr(stmts: PerlStmt[], f: (e: PerlExpr) => void): void {
  const visit = (e: PerlExpr): PerlExpr => {
    f(e);
    return mapChildren(e, visit);
  };
  for (const s of stmts) stmtExprs(s, visit);
}

/**
 * Conditions as Perl tests them: a non-empty test `scalar(@x) > 0` is `@x`, also in a flag
 * variable that is only ever tested.
 */
import type { PerlExpr, PerlStmt } from '../../ir/ast.ts';
import { mapChildren, stmtExprs } from './walk.ts';

/** A condition as Perl tests it: `scalar(@x) > 0` → `@x`, `scalar(@x) == 0` → `!@x`. */
function condition(e: PerlExpr): PerlExpr {
  if (e.k === 'binop' && (e.op === '&&' || e.op === '||')) return { ...e, left: condition(e.left), right: condition(e.right) };
  if (e.k === 'unop' && e.op === '!') return { ...e, operand: condition(e.operand) };
  if (e.k === 'binop' && e.right.k === 'num' && e.right.text === '0' && e.left.k === 'named' && e.left.op === 'scalar') {
    const arr = e.left.operand;
    if (arr.k === 'var' && arr.sigil === '@') {
      if (e.op === '>' || e.op === '!=') return arr;
      if (e.op === '==') return { k: 'unop', op: '!', operand: arr };
    }
  }
  return e;
}

/** Conditions of `if`, postfix `if`, `while` and `?:` tested as Perl tests them. */
export function conditions(s: PerlStmt): PerlStmt {
  const deep = (e: PerlExpr): PerlExpr => {
    const m = mapChildren(e, deep);
    return m.k === 'ternary' ? { ...m, cond: condition(m.cond) } : m;
  };
  const t = stmtExprs(s, deep);
  const inner = (list: PerlStmt[]) => list.map(conditions);
  switch (t.k) {
    case 'expr':
    case 'return':
    case 'die':
    case 'loopctl':
      return t.postfix ? { ...t, postfix: condition(t.postfix) } : t;
    case 'if':
      return { ...t, branches: t.branches.map((b) => ({ cond: condition(b.cond), body: inner(b.body) })), else: t.else && inner(t.else) };
    case 'while':
      return { ...t, cond: condition(t.cond), body: inner(t.body) };
    case 'foreach':
      return { ...t, body: inner(t.body) };
    case 'eval':
      return { ...t, body: inner(t.body), handler: inner(t.handler) };
    default:
      return t;
  }
}

/** `my $say = scalar(@a) > 0 || ...;` tested only as a condition → `my $say = @a || ...;` */
export function conditionFlags(body: PerlStmt[]): PerlStmt[] {
  const uses = new Map<string, number>();
  const asCondition = new Map<string, number>();
  const count = (map: Map<string, number>, name: string) => map.set(name, (map.get(name) ?? 0) + 1);
  const all = (e: PerlExpr): PerlExpr => {
    if (e.k === 'var' && e.sigil === '$') count(uses, e.name);
    mapChildren(e, all);
    return e;
  };
  const cond = (e: PerlExpr | undefined): void => {
    if (!e) return;
    if (e.k === 'var' && e.sigil === '$') count(asCondition, e.name);
    if (e.k === 'binop' && (e.op === '&&' || e.op === '||')) {
      cond(e.left);
      cond(e.right);
    }
    if (e.k === 'unop' && e.op === '!') cond(e.operand);
  };
  const visitConds = (e: PerlExpr): PerlExpr => {
    if (e.k === 'ternary') cond(e.cond);
    mapChildren(e, visitConds);
    return e;
  };
  const walk = (list: PerlStmt[]) => {
    for (const st of list) {
      if ('postfix' in st) cond(st.postfix);
      if (st.k === 'if') {
        st.branches.forEach((b) => {
          cond(b.cond);
          walk(b.body);
        });
        if (st.else) walk(st.else);
      }
      if (st.k === 'while') cond(st.cond);
      if (st.k === 'foreach' || st.k === 'while') walk(st.body);
      if (st.k === 'eval') {
        walk(st.body);
        walk(st.handler);
      }
    }
  };
  // stmtExprs reaches nested statements too: once over the top level counts each use once
  for (const st of body) {
    stmtExprs(st, all);
    stmtExprs(st, visitConds);
  }
  walk(body);
  const flag = (st: PerlStmt): PerlStmt => {
    if (st.k === 'my' && st.init && st.vars.length === 1 && st.vars[0]!.k === 'var' && st.vars[0]!.sigil === '$') {
      const name = st.vars[0]!.name;
      if ((uses.get(name) ?? 0) > 0 && uses.get(name) === asCondition.get(name)) return { ...st, init: condition(st.init) };
    }
    if (st.k === 'if') return { ...st, branches: st.branches.map((b) => ({ ...b, body: b.body.map(flag) })), else: st.else?.map(flag) };
    if (st.k === 'foreach' || st.k === 'while') return { ...st, body: st.body.map(flag) };
    return st;
  };
  return body.map(flag);
}

/** Simple statements: calls, `die`/`warn` (statement rows), assignments, `++`/`--`, `return`. */
import type { Expression, ReturnStatement } from 'ts-morph';
import { Node, SyntaxKind } from '../../front/tsMorph.ts';
import { describe, isOptional, join, strip } from '../../front/types.ts';
import type { Origin, PerlStmt } from '../../ir/ast.ts';
import { scalarOf, type LExpr } from '../context.ts';
import { statementRow } from '../mapping/statements.ts';
import type { StmtCx } from './stmtCx.ts';

export function expressionStatement(st: StmtCx, expr: Expression, origin: Origin): PerlStmt {
  if (Node.isCallExpression(expr) && Node.isIdentifier(expr.getExpression())) {
    const row = statementRow(st.ex.mod.imports.get(expr.getExpression().getText()));
    if (row) return { ...row.lower(st.ex, expr), origin };
  }
  if (Node.isBinaryExpression(expr)) {
    const op = expr.getOperatorToken().getText();
    if (['=', '+=', '-=', '??='].includes(op)) return assignment(st, expr.getLeft(), op, expr.getRight(), origin);
    if (['||=', '&&=', '*=', '/=', '%='].includes(op)) st.fail(expr, `${op} is outside the subset`);
  }
  if (Node.isPostfixUnaryExpression(expr) || Node.isPrefixUnaryExpression(expr)) {
    const op = expr.getOperatorToken();
    if (op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken) {
      const target = assignable(st, expr.getOperand());
      if (target.t.k !== 'num') st.fail(expr, `++/-- on ${describe(target.t)}`);
      return { k: 'expr', expr: { k: 'postinc', op: op === SyntaxKind.PlusPlusToken ? '++' : '--', target: target.p }, origin };
    }
  }
  if (!Node.isCallExpression(expr)) st.fail(expr, 'an expression statement must be a call or an assignment');
  const e = st.ex.lower(expr);
  return { k: 'expr', expr: e.p, origin };
}

function assignable(st: StmtCx, node: Node): LExpr {
  if (Node.isIdentifier(node)) {
    const v = st.ex.scope.lookup(node.getText());
    if (!v) st.fail(node, `${node.getText()} is not a local variable`);
    if (!v.mutable) st.fail(node, `${node.getText()} is const`);
    return { p: v.perl, t: v.type, form: 'scalar' };
  }
  if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) {
    if (Node.isElementAccessExpression(node)) {
      // Writes need no own-key guard; lower the read form only for its shape and type.
      const target = st.ex.lower(node.getExpression());
      const key = st.ex.lower(node.getArgumentExpressionOrThrow());
      const t = strip(target.t);
      if (t.k === 'hash' && key.t.k === 'str') {
        return { p: { k: 'elem', base: target.p, key: key.p, brackets: '{}', arrow: true }, t: t.val, form: 'scalar' };
      }
    }
    const e = st.ex.lower(node);
    if (e.p.k !== 'elem') st.fail(node, 'not assignable');
    return e;
  }
  return st.fail(node, 'not assignable');
}

function assignment(st: StmtCx, left: Node, op: string, right: Node, origin: Origin): PerlStmt {
  const target = assignable(st, left);
  // `@rest = [...]` would store one array reference in the list
  if (target.p.k === 'var' && target.p.sigil === '@') st.fail(left, 'a rest parameter cannot be reassigned; copy it to a let first');
  const value = st.ex.lower(right);
  const tt = strip(target.t);
  const vt = strip(value.t);
  let perlOp = '=';
  if (op === '+=') {
    if (tt.k === 'str' && (vt.k === 'str' || vt.k === 'num') && !isOptional(value.t)) perlOp = '.=';
    else if (tt.k === 'num' && vt.k === 'num' && !isOptional(value.t)) perlOp = '+=';
    else st.fail(left.getParent(), `+= of ${describe(value.t)} onto ${describe(target.t)}`);
    if (isOptional(target.t)) st.fail(left, `${left.getText()} may be undefined`);
  } else if (op === '-=') {
    if (tt.k !== 'num' || vt.k !== 'num' || isOptional(target.t) || isOptional(value.t)) st.fail(left.getParent(), '-= needs numbers');
    perlOp = '-=';
  } else if (op === '??=') {
    perlOp = '//=';
  } else if (!join(target.t, value.t) && target.t.k !== 'hash') {
    st.fail(right, `a ${describe(value.t)} assigned to ${describe(target.t)}`);
  }
  return { k: 'expr', expr: { k: 'assign', op: perlOp, target: target.p, value: scalarOf(value) }, origin };
}

export function returnStatement(st: StmtCx, node: ReturnStatement, origin: Origin): PerlStmt {
  if (st.isConstructor) st.fail(node, 'return inside the constructor');
  const expr = node.getExpression();
  if (!expr || (Node.isIdentifier(expr) && expr.getText() === 'undefined')) return { k: 'return', origin };
  const want = st.returnType;
  if (want.k === 'tuple' && Node.isArrayLiteralExpression(expr)) {
    const items = expr.getElements().map((e) => scalarOf(st.ex.lower(e)));
    return { k: 'return', value: { k: 'list', items }, origin };
  }
  const value = st.ex.lower(expr);
  if (want.k === 'void') st.fail(expr, 'returning a value from a void method');
  if (!join(want, value.t) && want.k !== 'tuple') st.fail(expr, `returning ${describe(value.t)} where ${describe(want)} is declared`);
  if (value.form === 'list' && strip(value.t).k === 'tuple') return { k: 'return', value: value.p, origin };
  return { k: 'return', value: scalarOf(value), origin };
}

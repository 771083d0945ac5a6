/**
 * Operators: `!`, unary `-`, the binary operators of mapping/operators.ts, `??` and `?:`,
 * with the checks that need types (undefined becomes `defined`, booleans and mixed kinds
 * are refused, comparisons with possibly undefined values spell JS's meaning out).
 */
import type { BinaryExpression, ConditionalExpression, PrefixUnaryExpression } from 'ts-morph';
import { isUndefinedLiteral } from '../../front/narrowing.ts';
import { Node, SyntaxKind } from '../../front/tsMorph.ts';
import { BOOL, describe, isOptional, join, NUM, STR, strip, type PT } from '../../front/types.ts';
import type { PerlExpr } from '../../ir/ast.ts';
import { scalarOf, type LExpr } from '../context.ts';
import type { ExprCx } from '../exprCx.ts';
import { BINARY_OPERATORS, REFUSED_OPERATORS } from '../mapping/operators.ts';

const scalar = (p: PerlExpr, t: PT): LExpr => ({ p, t, form: 'scalar' });

/** A variable or element read: safe to evaluate twice. */
function isPlainValue(e: PerlExpr): boolean {
  if (e.k === 'var') return true;
  if (e.k === 'elem') return isPlainValue(e.base) && (e.key.k === 'str' || e.key.k === 'num' || e.key.k === 'var');
  return false;
}

export function prefix(cx: ExprCx, node: PrefixUnaryExpression): LExpr {
  const op = node.getOperatorToken();
  const operand = node.getOperand();
  if (op === SyntaxKind.ExclamationToken) {
    const inner = cx.condition(operand);
    if (inner.k === 'match' && inner.target) return scalar({ ...inner, negate: !inner.negate }, BOOL);
    return scalar({ k: 'unop', op: '!', operand: inner }, BOOL);
  }
  if (op === SyntaxKind.MinusToken) {
    const e = cx.lower(operand);
    if (e.t.k !== 'num') cx.fail(node, `unary minus of ${describe(e.t)}`);
    return scalar({ k: 'unop', op: '-', operand: e.p }, NUM);
  }
  return cx.fail(node, `the prefix operator ${node.getText().slice(0, 2)} is outside the subset`);
}

export function binary(cx: ExprCx, node: BinaryExpression): LExpr {
  const opText = node.getOperatorToken().getText();
  if (opText === '??') return nullish(cx, node);
  if (/^(?:=|\+=|-=|\?\?=|\|\|=|&&=)$/.test(opText)) {
    cx.fail(node, 'assignments only as statements of their own');
  }
  const refused = REFUSED_OPERATORS[opText];
  if (refused) cx.fail(node, refused);
  const row = BINARY_OPERATORS[opText];
  if (!row) return cx.fail(node, `the operator ${opText} is outside the subset`);

  if ((opText === '===' || opText === '!==') && (isUndefinedLiteral(node.getLeft()) || isUndefinedLiteral(node.getRight()))) {
    const other = isUndefinedLiteral(node.getLeft()) ? node.getRight() : node.getLeft();
    const e = cx.lower(other);
    if (e.t.k === 'match') {
      return scalar(opText === '===' ? { k: 'unop', op: '!', operand: e.p } : e.p, BOOL);
    }
    const defined: PerlExpr = { k: 'named', op: 'defined', operand: scalarOf(e) };
    return scalar(opText === '===' ? { k: 'unop', op: '!', operand: defined } : defined, BOOL);
  }
  if (opText === '&&' || opText === '||') {
    const left = cx.condition(node.getLeft());
    const guard = opText === '&&' ? cx.guardOf(node.getLeft()) : undefined;
    const n = cx.narrowings(node.getLeft());
    const right = cx.withNarrowing(opText === '&&' ? n.whenTrue : n.whenFalse, () => cx.withGuard(guard, () => cx.condition(node.getRight())));
    return scalar({ k: 'binop', op: row.bool!, left, right }, BOOL);
  }
  if (opText === '&') {
    const masks = [node.getLeft(), node.getRight()].filter((x) => Node.isNumericLiteral(x));
    const maskOk = masks.some((m) => {
      const v = Number(m.getText().replace(/_/g, ''));
      return Number.isInteger(v) && v >= 0 && v <= 0x7fffffff;
    });
    if (!maskOk) cx.fail(node, '& only with a literal mask below 2^31 (JS works on 32-bit signed integers)');
  }

  const left = cx.lower(node.getLeft());
  const right = cx.lower(node.getRight());
  const lk = strip(left.t).k;
  const rk = strip(right.t).k;
  const optional = isOptional(left.t) || isOptional(right.t);
  const comparison = row.result === 'bool';

  if (opText === '+' && !optional && ((lk === 'str' && (rk === 'str' || rk === 'num')) || (lk === 'num' && rk === 'str'))) {
    return scalar({ k: 'binop', op: '.', left: left.p, right: right.p }, STR);
  }
  if (lk === 'bool' || rk === 'bool') {
    cx.fail(node, `${opText} on booleans: Perl has no boolean values to compare`);
  }
  if (lk !== rk || (lk !== 'str' && lk !== 'num')) {
    cx.fail(node, `${opText} between ${describe(left.t)} and ${describe(right.t)} is outside the subset`);
  }
  const perlOp = lk === 'str' ? row.str : row.num;
  if (!perlOp) return cx.fail(node, `${opText} on ${describe(left.t)}`);
  if (optional && !(comparison && (opText === '===' || opText === '!=='))) {
    cx.fail(node, `${opText} with a possibly undefined operand: Perl treats undef as '' or 0`);
  }
  const cmp: PerlExpr = { k: 'binop', op: perlOp, left: scalarOf(left), right: scalarOf(right) };
  if (!optional) return scalar(cmp, comparison ? BOOL : strip(left.t));
  // `x === 'a'` with x possibly undefined: undef must not compare equal to ''.
  if (isOptional(left.t) && isOptional(right.t)) {
    if (!isPlainValue(left.p) || !isPlainValue(right.p)) {
      cx.fail(node, `${opText} between two possibly undefined values: bind them to consts first`);
    }
    const dl: PerlExpr = { k: 'named', op: 'defined', operand: left.p };
    const dr: PerlExpr = { k: 'named', op: 'defined', operand: right.p };
    const notDr: PerlExpr = { k: 'unop', op: '!', operand: dr };
    // undefined === undefined in JS; Perl compares undef as ''.
    return scalar(
      opText === '==='
        ? { k: 'ternary', cond: dl, then: { k: 'binop', op: '&&', left: dr, right: cmp }, else: notDr }
        : { k: 'ternary', cond: dl, then: { k: 'binop', op: '||', left: notDr, right: cmp }, else: dr },
      BOOL,
    );
  }
  if (!isPlainValue(isOptional(left.t) ? left.p : right.p)) {
    cx.fail(node, `${opText} with a possibly undefined call result: bind it to a const first`);
  }
  const maybe = isOptional(left.t) ? left.p : right.p;
  const defined: PerlExpr = { k: 'named', op: 'defined', operand: maybe };
  return scalar(
    opText === '===' ? { k: 'binop', op: '&&', left: defined, right: cmp } : { k: 'binop', op: '||', left: { k: 'unop', op: '!', operand: defined }, right: cmp },
    BOOL,
  );
}

function nullish(cx: ExprCx, node: BinaryExpression): LExpr {
  const left = cx.lower(node.getLeft());
  const right = cx.lower(node.getRight());
  const t = join(strip(left.t), right.t);
  if (!t || left.form === 'list' || right.form === 'list') {
    cx.fail(node, `?? between ${describe(left.t)} and ${describe(right.t)}`);
  }
  return scalar({ k: 'binop', op: '//', left: left.p, right: right.p }, t);
}

export function conditional(cx: ExprCx, c: ConditionalExpression): LExpr {
  const node = c;
  const cond = cx.condition(c.getCondition());
  const guard = cx.guardOf(c.getCondition());
  const n = cx.narrowings(c.getCondition());
  const whenTrue = cx.withNarrowing(n.whenTrue, () => cx.withGuard(guard, () => cx.lower(c.getWhenTrue())));
  const whenFalse = cx.withNarrowing(n.whenFalse, () => cx.lower(c.getWhenFalse()));
  const t = join(whenTrue.t, whenFalse.t);
  if (!t) cx.fail(node, `the branches have different types: ${describe(whenTrue.t)} and ${describe(whenFalse.t)}`);
  return scalar({ k: 'ternary', cond, then: scalarOf(whenTrue), else: scalarOf(whenFalse) }, t);
}

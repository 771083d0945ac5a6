/**
 * The mapping table's shared parts: what a row is and the checks rows use. THE table is
 * this folder: each file holds the rows of one kind of construct (operators, string and
 * array methods, global and imported functions, statements, Base helpers, syntax), and
 * every construct or intrinsic the lowering knows is exactly one row. Adding a construct
 * is adding a row (and a test).
 */
import type { CallExpression, Expression } from 'ts-morph';
import type { Node } from '../../front/tsMorph.ts';
import type { Row } from '../../front/subset.ts';
import { describe, type PT } from '../../front/types.ts';
import type { PerlExpr } from '../../ir/ast.ts';
import type { LExpr } from '../context.ts';
import type { ExprCx } from '../exprCx.ts';

export interface CallRow extends Row {
  lower(cx: ExprCx, call: CallExpression, args: Expression[], recv: LExpr | undefined): LExpr;
}

export const scalar = (p: PerlExpr, t: PT): LExpr => ({ p, t, form: 'scalar' });
export const dollar = (name: string): PerlExpr => ({ k: 'var', sigil: '$', name });
export const topic = (t: PT) => [{ type: t, perl: dollar('_') }];
export const list = (p: PerlExpr, t: PT): LExpr => ({ p, t, form: 'list' });

/** JS whitespace on byte strings (`trim`, `\s`). */
export const JS_SPACE_CLASS = '[\\t\\n\\x0B\\f\\r \\xA0]';

export function expectArgs(cx: ExprCx, call: Node, args: Expression[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    cx.fail(call, `expected ${min === max ? min : `${min}–${max}`} argument(s), got ${args.length}`);
  }
}

export function expectType(cx: ExprCx, node: Node, e: LExpr, ...kinds: PT['k'][]): LExpr {
  if (!kinds.includes(e.t.k)) {
    cx.fail(node, `expected ${kinds.map((k) => describe({ k } as PT)).join(' or ')} here, found ${describe(e.t)}`);
  }
  return e;
}

export function stringArg(cx: ExprCx, node: Expression): LExpr {
  return expectType(cx, node, cx.lower(node), 'str');
}

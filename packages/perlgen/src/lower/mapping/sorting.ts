/**
 * `sort` and `reverse` rows. They take the receiver unlowered: `Object.keys(h).sort()` is
 * one construct (`sort keys %$h`), and JS sorts in place, so only a fresh array may be
 * sorted.
 */
import type { CallExpression, Expression } from 'ts-morph';
import { Node } from '../../front/tsMorph.ts';
import { arr, describe, isOptional, STR, strip, type PT } from '../../front/types.ts';
import type { PerlExpr } from '../../ir/ast.ts';
import { listOf, type LExpr } from '../context.ts';
import type { ExprCx } from '../exprCx.ts';
import type { Row } from '../../front/subset.ts';

export interface ReceiverRow extends Row {
  lower(cx: ExprCx, call: CallExpression, args: Expression[], target: Expression): LExpr;
}

/** A value nobody else holds a reference to (safe to sort: JS sorts in place). */
function isFresh(e: LExpr): boolean {
  return e.form === 'list' ? !(e.p.k === 'var') : e.p.k === 'anonArray';
}

/** `Object.keys(h)` → the argument `h`, when `node` is that call. */
function keysArgument(node: Node): CallExpression | undefined {
  return Node.isCallExpression(node) && node.getExpression().getText() === 'Object.keys' ? node : undefined;
}

/** The receiver of a sort or reverse, as a list. */
function receiver(cx: ExprCx, name: string, call: CallExpression, target: Expression): LExpr {
  const keys = keysArgument(target);
  if (keys) {
    const keyArgs = cx.args(keys);
    if (keyArgs.length !== 1) cx.fail(keys, 'Object.keys takes one argument');
    const h = cx.lower(keyArgs[0]!);
    if (strip(h.t).k !== 'hash' || isOptional(h.t)) cx.fail(keyArgs[0]!, `Object.keys of ${describe(h.t)}`);
    return { p: { k: 'named', op: 'keys', operand: { k: 'deref', sigil: '%', ref: h.p } }, t: arr(STR), form: 'list' };
  }
  const recv = cx.lower(target);
  if (strip(recv.t).k !== 'arr') cx.fail(target, `${name}() on ${describe(recv.t)}`);
  if (!isFresh(recv)) cx.fail(call, `${name}() changes the array in place in JS; ${name} a copy: [...a].${name}()`);
  return recv;
}

/** `(a, b) => a - b` or `(a, b) => b - a`: which parameter comes first, or undefined. */
function numericComparator(cmp: Node): 'ab' | 'ba' | undefined {
  if (!Node.isArrowFunction(cmp) || cmp.getReturnTypeNode()) return undefined;
  const params = cmp.getParameters();
  const plain = params.every((p) => Node.isIdentifier(p.getNameNode()) && !p.getTypeNode() && !p.getInitializer() && !p.getDotDotDotToken() && !p.hasQuestionToken());
  const body = cmp.getBody();
  if (params.length !== 2 || !plain || !Node.isBinaryExpression(body) || body.getOperatorToken().getText() !== '-') return undefined;
  const [x, y] = [body.getLeft(), body.getRight()];
  if (!Node.isIdentifier(x) || !Node.isIdentifier(y)) return undefined;
  const [pa, pb] = params.map((p) => p.getName());
  if (x.getText() === pa && y.getText() === pb) return 'ab';
  if (x.getText() === pb && y.getText() === pa) return 'ba';
  return undefined;
}

export const RECEIVER_METHODS: Readonly<Record<string, ReceiverRow>> = {
  sort: {
    ts: '[...a].sort(), Object.keys(h).sort(), [...a].sort((a, b) => a - b)',
    perl: 'sort @$a, sort keys %$h, sort { $a <=> $b } @$a',
    lower(cx, call, args, target) {
      const recv = receiver(cx, 'sort', call, target);
      const el = (recv.t as { el: PT }).el;
      if (args.length === 0) {
        if (isOptional(el)) cx.fail(call, 'sorting possibly undefined values (JS puts them last)');
        return { p: { k: 'blockcall', fn: 'sort', block: undefined, list: listOf(recv) }, t: recv.t, form: 'list' };
      }
      const cmp = args[0]!;
      const order = numericComparator(cmp);
      if (args.length === 1 && order && strip(el).k === 'num' && !isOptional(el)) {
        const [l, r] = order === 'ab' ? ['a', 'b'] : ['b', 'a'];
        const block: PerlExpr = { k: 'binop', op: '<=>', left: { k: 'var', sigil: '$', name: l }, right: { k: 'var', sigil: '$', name: r } };
        return { p: { k: 'blockcall', fn: 'sort', block, list: listOf(recv) }, t: recv.t, form: 'list' };
      }
      return cx.fail(cmp, 'only sort() and numeric sort((a, b) => a - b) are in the subset');
    },
  },
  reverse: {
    ts: '[...a].reverse()',
    perl: 'reverse @$a',
    lower(cx, call, args, target) {
      const recv = receiver(cx, 'reverse', call, target);
      if (args.length) cx.fail(call, 'reverse takes no arguments');
      return { p: { k: 'call', fn: 'reverse', args: [listOf(recv)], bare: true }, t: recv.t, form: 'list' };
    },
  },
};

/** `for (const k of Object.keys(h).sort())`: the text of `h`, whose own keys `k` then runs over. */
export function sortedKeysOf(node: Node): string | undefined {
  if (!Node.isCallExpression(node) || node.getArguments().length > 0) return undefined;
  const callee = node.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'sort') return undefined;
  const keys = keysArgument(callee.getExpression());
  const args = keys?.getArguments() ?? [];
  return args.length === 1 ? args[0]!.getText() : undefined;
}

/** Global function rows: `Object.*`, `Math.*`, `String(...)`, accepted or refused. */
import type { CallExpression } from 'ts-morph';
import { unwrap } from '../../front/narrowing.ts';
import { Node } from '../../front/tsMorph.ts';
import { BOOL, describe, NUM, STR, strip } from '../../front/types.ts';
import type { PerlExpr } from '../../ir/ast.ts';
import { expectArgs, expectType, scalar, stringArg, type CallRow } from './rows.ts';

// Global functions.

export interface GlobalRow extends CallRow {
  /** The own-key fact the call asserts in a condition (`h[k]`, see ExprCx.guardOf). */
  guard?(call: CallExpression): string | undefined;
}

export const GLOBAL_CALLS: Readonly<Record<string, GlobalRow>> = {
  'Object.hasOwn': {
    ts: 'Object.hasOwn(h, k)',
    perl: 'exists $h->{$k}',
    guard(call) {
      const [h, k] = call.getArguments();
      return h && k ? `${h.getText()}[${unwrap(k).getText()}]` : undefined;
    },
    lower(cx, call, args) {
      expectArgs(cx, call, args, 2);
      const h = cx.lower(args[0]!);
      if (strip(h.t).k !== 'hash') cx.fail(args[0]!, `expected a hash, found ${describe(h.t)}`);
      const key = stringArg(cx, args[1]!);
      return scalar({ k: 'named', op: 'exists', operand: { k: 'elem', base: h.p, key: key.p, brackets: '{}', arrow: true } }, BOOL);
    },
  },
  'Math.trunc': {
    ts: 'Math.trunc(x)',
    perl: 'int($x) (integer division: Math.trunc(a / b) → int($a / $b))',
    lower(cx, call, args) {
      expectArgs(cx, call, args, 1);
      const a = args[0]!;
      let inner: PerlExpr;
      if (Node.isBinaryExpression(a) && a.getOperatorToken().getText() === '/') {
        const left = expectType(cx, a, cx.lower(a.getLeft()), 'num');
        const right = expectType(cx, a, cx.lower(a.getRight()), 'num');
        inner = { k: 'binop', op: '/', left: left.p, right: right.p };
      } else {
        inner = expectType(cx, a, cx.lower(a), 'num').p;
      }
      return scalar({ k: 'named', op: 'int', operand: inner }, NUM);
    },
  },
  'Object.keys': {
    ts: 'Object.keys(h).sort()',
    perl: 'sort keys %$h (lowered by the sort row; a bare Object.keys is refused)',
    lower(cx, call) {
      return cx.fail(call, "Perl's hash order is random: write Object.keys(h).sort()");
    },
  },
  String: {
    ts: 'String(n)',
    perl: '$n (Perl stringifies integers as JS does)',
    lower(cx, call, args) {
      expectArgs(cx, call, args, 1);
      const e = expectType(cx, args[0]!, cx.lower(args[0]!), 'num', 'str');
      return scalar(e.p, STR);
    },
  },
};

export const REFUSED_GLOBALS: Readonly<Record<string, string>> = {
  Number: "Number('') is 0 and Number('1x') is NaN in JS; Perl's numification differs",
  parseInt: "parseInt('abc') is NaN in JS, 0 in Perl",
  parseFloat: 'floats print differently in Perl',
  'Math.floor': 'Math.floor differs from int() for negative numbers; use Math.trunc',
  'Math.round': 'Math.round has no core Perl equivalent',
  'Math.max': 'Math.max needs List::Util; compare explicitly',
  'Math.min': 'Math.min needs List::Util; compare explicitly',
  'Object.values': 'hash order is random in Perl; iterate Object.keys(h).sort()',
  'Object.entries': 'hash order is random in Perl; iterate Object.keys(h).sort()',
  'Object.assign': 'use object spread: { ...a, ...b }',
  'JSON.stringify': 'JSON is outside the subset',
  'Array.isArray': 'runtime type tests are outside the subset',
};

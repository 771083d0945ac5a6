/** Array method rows (receiver: an array). */
import { arr, BOOL, describe, isOptional, NUM, opt, STR, strip, type PT } from '../../front/types.ts';
import type { PerlExpr } from '../../ir/ast.ts';
import { listOf, scalarOf, type LExpr } from '../context.ts';
import { expectArgs, expectType, list, scalar, stringArg, topic, type CallRow } from './rows.ts';

// Array methods (receiver: array).

export function elementType(recv: LExpr): PT {
  const t = strip(recv.t);
  if (t.k === 'arr') return t.el;
  if (t.k === 'tuple') return t.els[0] ?? STR;
  return STR;
}

export const ARRAY_METHODS: Readonly<Record<string, CallRow>> = {
  join: {
    ts: 'a.join(sep)',
    perl: 'join($sep, @$a)',
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 1);
      const el = strip(elementType(recv!));
      if (isOptional(elementType(recv!)) || (el.k !== 'str' && el.k !== 'num')) {
        cx.fail(call, `join of ${describe(recv!.t)}: JS prints undefined as '' and booleans as words`);
      }
      return scalar({ k: 'call', fn: 'join', args: [stringArg(cx, args[0]!).p, listOf(recv!)] }, STR);
    },
  },
  map: {
    ts: 'a.map((x) => expr)',
    perl: 'map { expr($_) } @$a',
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 1);
      const body = cx.callback(args[0]!, topic(elementType(recv!)));
      return list({ k: 'blockcall', fn: 'map', block: scalarOf(body), list: listOf(recv!) }, arr(body.t));
    },
  },
  filter: {
    ts: 'a.filter((x) => cond)',
    perl: 'grep { cond($_) } @$a',
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 1);
      const body = expectType(cx, args[0]!, cx.callback(args[0]!, topic(elementType(recv!))), 'bool');
      return list({ k: 'blockcall', fn: 'grep', block: body.p, list: listOf(recv!) }, arr(elementType(recv!)));
    },
  },
  some: {
    ts: 'a.some((x) => cond)',
    perl: 'grep { cond($_) } @$a (count, in boolean context)',
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 1);
      const body = expectType(cx, args[0]!, cx.callback(args[0]!, topic(elementType(recv!))), 'bool');
      return scalar({ k: 'blockcall', fn: 'grep', block: body.p, list: listOf(recv!) }, BOOL);
    },
  },
  every: {
    ts: 'a.every((x) => cond)',
    perl: '!grep { !cond($_) } @$a',
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 1);
      const body = expectType(cx, args[0]!, cx.callback(args[0]!, topic(elementType(recv!))), 'bool');
      const none = { k: 'blockcall', fn: 'grep', block: { k: 'unop', op: '!', operand: body.p }, list: listOf(recv!) } as const;
      return scalar({ k: 'unop', op: '!', operand: none }, BOOL);
    },
  },
  includes: {
    ts: 'a.includes(x)',
    perl: 'grep { $_ eq $x } @$a',
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 1);
      const el = elementType(recv!);
      const needle = cx.lower(args[0]!);
      if (isOptional(el) || isOptional(needle.t) || strip(needle.t).k !== strip(el).k) {
        cx.fail(call, `includes needs a ${describe(el)} without undefined`);
      }
      const op = strip(el).k === 'num' ? '==' : 'eq';
      if (strip(el).k !== 'num' && strip(el).k !== 'str') cx.fail(call, `includes on ${describe(recv!.t)}`);
      const test: PerlExpr = { k: 'binop', op, left: { k: 'var', sigil: '$', name: '_' }, right: needle.p };
      return scalar({ k: 'blockcall', fn: 'grep', block: test, list: listOf(recv!) }, BOOL);
    },
  },
  push: {
    ts: 'a.push(x, ...)',
    perl: 'push @$a, $x, ...',
    lower(cx, call, args, recv) {
      if (args.length === 0) cx.fail(call, 'push needs an item');
      if (recv!.form === 'list' && !(recv!.p.k === 'var' && recv!.p.sigil === '@')) cx.fail(call, 'push onto a temporary list');
      const target = recv!.p.k === 'var' && recv!.p.sigil === '@' ? recv!.p : ({ k: 'deref', sigil: '@', ref: recv!.p } as const);
      const items = args.map((a) => scalarOf(cx.lower(a)));
      return scalar({ k: 'call', fn: 'push', args: [target, ...items], bare: true }, NUM);
    },
  },
  at: {
    ts: 'a.at(i)',
    perl: '$a->[$i] (negative i counts from the end in both)',
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 1);
      const i = expectType(cx, args[0]!, cx.lower(args[0]!), 'num');
      const base = scalarOf(recv!);
      return scalar({ k: 'elem', base, key: i.p, brackets: '[]', arrow: true }, opt(elementType(recv!)));
    },
  },
};

export const REFUSED_ARRAY_METHODS: Readonly<Record<string, string>> = {
  forEach: 'use for (const x of a)',
  indexOf: 'indexOf on arrays has no core Perl builtin; use includes or a loop',
  slice: 'slice is outside the subset; use [...a] for a copy',
  concat: 'use spread: [...a, ...b]',
  splice: 'splice is outside the subset',
  find: 'find is outside the subset; use filter(...)[0] via a loop',
  reduce: 'reduce is outside the subset',
  shift: 'shift mutates; use a loop',
  pop: 'pop mutates; use a loop',
};

/** Regex method rows: `re.test(s)` and `const m = re.exec(s)` (receiver: a regex literal or constant). */
import type { CallExpression, Expression } from 'ts-morph';
import { BOOL, describe } from '../../front/types.ts';
import type { PerlExpr, PerlRegex } from '../../ir/ast.ts';
import type { LExpr } from '../context.ts';
import type { ExprCx } from '../exprCx.ts';
import type { TranslatedRegex } from '../regex/errors.ts';
import type { Row } from '../../front/subset.ts';
import { scalar } from './rows.ts';

export interface RegexRow extends Row {
  lower(cx: ExprCx, call: CallExpression, args: Expression[], re: TranslatedRegex): LExpr;
  /** The row's form as the initialiser of a `const` (a list-context match). */
  declare?(cx: ExprCx, call: CallExpression, args: Expression[], re: TranslatedRegex): { p: PerlExpr; groups: number };
}

function perlRegex(re: TranslatedRegex): PerlRegex {
  return re.varName ? { source: re.source, flags: re.flags, varName: re.varName } : { source: re.source, flags: re.flags };
}

export const REGEX_METHODS: Readonly<Record<string, RegexRow>> = {
  test: {
    ts: 're.test(s)',
    perl: '$s =~ /re/',
    lower(cx, call, args, re) {
      if (args.length !== 1) cx.fail(call, 'test takes one argument');
      const s = cx.lower(args[0]!);
      if (s.t.k !== 'str') cx.fail(args[0]!, `test on ${describe(s.t)} (JS would test the text "undefined")`);
      return scalar({ k: 'match', target: s.p, negate: false, regex: perlRegex(re) }, BOOL);
    },
  },
  exec: {
    ts: 'const m = re.exec(s)',
    perl: 'my @m = $s =~ /re/; (captures, or the empty list)',
    lower(cx, call) {
      return cx.fail(call, 're.exec(s) only as `const m = re.exec(s);` (a list-context match)');
    },
    declare(cx, call, args, re) {
      if (args.length !== 1) cx.fail(call, 'exec takes one argument');
      const s = cx.lower(args[0]!);
      if (s.t.k !== 'str') cx.fail(args[0]!, `exec on ${describe(s.t)}`);
      if (re.groups === 0) cx.fail(call, 'exec of a regex without a capture group: use re.test(s)');
      return { p: { k: 'match', target: s.p, negate: false, regex: perlRegex(re) }, groups: re.groups };
    },
  },
};

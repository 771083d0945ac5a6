/** Rows of the imported functions that are Perl statements: `die(...)` and `warn(...)`. */
import type { CallExpression } from 'ts-morph';
import { describe } from '../../front/types.ts';
import type { PerlStmt } from '../../ir/ast.ts';
import type { ExprCx } from '../exprCx.ts';
import type { Row } from '../../front/subset.ts';

export interface StatementRow extends Row {
  /** Module specifier suffix it must be imported from; any module when absent. */
  from?: string;
  /** Why the call is refused inside an expression (else: no Perl mapping there). */
  asExpression?: string;
  /** Never returns (narrowing: `if (x === undefined) die(...)` proves x defined after it). */
  exits?: boolean;
  lower(cx: ExprCx, call: CallExpression): Extract<PerlStmt, { k: 'die' }>;
}

function message(cx: ExprCx, call: CallExpression, name: string): Extract<PerlStmt, { k: 'die' }> {
  const args = call.getArguments();
  if (args.length !== 1) cx.fail(call, `${name} takes one message`);
  const msg = cx.lower(args[0]!);
  if (msg.t.k !== 'str') cx.fail(args[0]!, `${name} with ${describe(msg.t)}`);
  return { k: 'die', message: msg.p };
}

export const STATEMENT_CALLS: Readonly<Record<string, StatementRow>> = {
  die: {
    ts: "die('message\\n') (a statement, or a postfix if)",
    perl: 'die "message\\n";',
    asExpression: 'die() only as a statement of its own (or a postfix `if`)',
    exits: true,
    lower: (cx, call) => message(cx, call, 'die'),
  },
  warn: {
    from: 'pve/perl.ts',
    ts: "warn('message\\n') (a statement)",
    perl: 'warn "message\\n";',
    lower: (cx, call) => ({ ...message(cx, call, 'die'), fn: 'warn' }),
  },
};

/** The statement row for an imported name, when it is one. */
export function statementRow(imported: { module: string; name: string } | undefined): StatementRow | undefined {
  const row = imported ? STATEMENT_CALLS[imported.name] : undefined;
  return row && (row.from === undefined || row.from === imported!.module) ? row : undefined;
}

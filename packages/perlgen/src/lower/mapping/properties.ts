/** Property rows: `.length`, and the fields of the opaque objects a plugin may read. */
import type { PropertyAccessExpression } from 'ts-morph';
import { isOptional, NUM, strip, type PT } from '../../front/types.ts';
import type { PerlExpr } from '../../ir/ast.ts';
import type { LExpr } from '../context.ts';
import type { ExprCx } from '../exprCx.ts';
import type { Row } from '../../front/subset.ts';
import { scalar } from './rows.ts';

export interface PropertyRow extends Row {
  /** The lowered read, or undefined when the receiver's type is not this row's. */
  lower(cx: ExprCx, node: PropertyAccessExpression, recv: LExpr): LExpr | undefined;
  /** Why `x.name()` is refused. */
  asCall: string;
}

export const PROPERTIES: Readonly<Record<string, PropertyRow>> = {
  length: {
    ts: 's.length, a.length',
    perl: 'length($s), scalar(@$a)',
    asCall: 'length is a property',
    lower(cx, node, recv) {
      const target = node.getExpression();
      if (isOptional(recv.t)) cx.fail(node, `${target.getText()} may be undefined`);
      const t = strip(recv.t);
      if (t.k === 'str') return scalar({ k: 'named', op: 'length', operand: recv.p }, NUM);
      if (t.k !== 'arr' && t.k !== 'tuple') return undefined;
      // scalar(@$ref) / scalar(@x) count elements; a bare list in scalar() would not.
      const listExpr: PerlExpr =
        recv.form === 'scalar'
          ? { k: 'deref', sigil: '@', ref: recv.p }
          : recv.p.k === 'var'
            ? recv.p
            : { k: 'deref', sigil: '@', ref: { k: 'anonArray', items: [recv.p] } };
      return scalar({ k: 'named', op: 'scalar', operand: listExpr }, NUM);
    },
  },
};

/** Opaque objects: the fields a plugin may read, as Perl method calls. */
export const OBJECT_FIELDS: Readonly<Record<string, Readonly<Record<string, { perl: string; type: PT }>>>> = {
  /** `ct_stat` returns a File::stat object. */
  Stat: {
    mode: { perl: 'mode', type: NUM },
    uid: { perl: 'uid', type: NUM },
    gid: { perl: 'gid', type: NUM },
    size: { perl: 'size', type: NUM },
  },
};

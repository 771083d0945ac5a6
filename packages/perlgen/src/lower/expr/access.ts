/**
 * Property and element access: `this.f` (a field of `$self`), object fields, `.length` and
 * the other property rows, `h.k` / `h?.k`, `a[i]`, `m[1]`, and `h[k]`, which needs an
 * own-key guard (JS would also find Object.prototype members).
 */
import type { ElementAccessExpression, PropertyAccessExpression } from 'ts-morph';
import { unwrap } from '../../front/narrowing.ts';
import { Node, SyntaxKind } from '../../front/tsMorph.ts';
import { BOOL, describe, hash, isOptional, opt, STR, strip, UNDEF, type PT } from '../../front/types.ts';
import { PLUGIN_HASH_FIELDS } from '../../facts/proxmoxSubs.ts';
import type { PerlExpr } from '../../ir/ast.ts';
import { scalarOf, type LExpr } from '../context.ts';
import type { ExprCx } from '../exprCx.ts';
import { OBJECT_FIELDS, PROPERTIES } from '../mapping/properties.ts';

const scalar = (p: PerlExpr, t: PT): LExpr => ({ p, t, form: 'scalar' });
const SELF: PerlExpr = { k: 'var', sigil: '$', name: 'self' };

export function property(cx: ExprCx, node: PropertyAccessExpression): LExpr {
  const name = node.getName();
  const target = node.getExpression();
  if (target.getKind() === SyntaxKind.ThisKeyword) {
    if (!cx.hasSelf) cx.fail(node, 'this is not available here');
    const field = cx.mod.fields.get(name);
    const key = field?.key ?? PLUGIN_HASH_FIELDS[name];
    if (!key) cx.fail(node, `cx.${name} is neither a field of the plugin nor one Proxmox keeps on $self`);
    const t = field?.type ?? selfFieldType(name);
    return scalar({ k: 'elem', base: SELF, key: { k: 'str', value: key }, brackets: '{}', arrow: true }, t);
  }
  const recv = cx.lower(target);
  const t = strip(recv.t);
  if (t.k === 'obj') {
    const field = OBJECT_FIELDS[t.name]?.[name];
    if (!field) cx.fail(node, `${t.name} has no field ${name} in the subset`);
    if (isOptional(recv.t)) cx.fail(target, `${target.getText()} may be undefined`);
    return scalar({ k: 'method', invocant: recv.p, name: field.perl, args: [], accessor: true }, field.type);
  }
  const row = PROPERTIES[name];
  const read = row?.lower(cx, node, recv);
  if (read) return read;
  if (t.k === 'hash') {
    const fieldType = t.fields?.[name] ?? t.val;
    const base = scalarOf(recv);
    const access: PerlExpr = { k: 'elem', base, key: { k: 'str', value: name }, brackets: '{}', arrow: true };
    if (node.hasQuestionDotToken()) {
      // `h?.k`: no autovivification, undefined when h is.
      return scalar({ k: 'binop', op: '&&', left: base, right: access }, opt(fieldType));
    }
    if (isOptional(recv.t)) cx.fail(node, `${target.getText()} may be undefined; use ?.`);
    return scalar(access, fieldType);
  }
  return cx.fail(node, `.${name} on ${describe(recv.t)} is outside the subset`);
}

export function element(cx: ExprCx, node: ElementAccessExpression): LExpr {
  const target = node.getExpression();
  const arg = node.getArgumentExpressionOrThrow();
  const recv = cx.lower(target);
  const t = strip(recv.t);
  const optional = node.hasQuestionDotToken();
  if (isOptional(recv.t) && !optional && recv.t.k !== 'match') cx.fail(node, `${target.getText()} may be undefined`);

  if (recv.t.k === 'match') {
    const i = Node.isNumericLiteral(arg) ? Number(arg.getLiteralText()) : NaN;
    if (!(i >= 1 && i <= recv.t.groups)) {
      cx.fail(arg, `m[${arg.getText()}]: only capture groups m[1]..m[${recv.t.groups}] (m[0], the whole match, is not kept)`);
    }
    return scalar({ k: 'elem', base: recv.p, key: { k: 'num', text: String(i - 1) }, brackets: '[]', arrow: false }, opt(STR));
  }
  if (t.k === 'arr' || t.k === 'tuple') {
    const index = cx.lower(arg);
    if (index.t.k !== 'num') cx.fail(arg, `array index of type ${describe(index.t)}`);
    const nonNegative = (index.p.k === 'num' && !index.p.text.startsWith('-')) || (Node.isIdentifier(arg) && cx.scope.lookup(arg.getText())?.nonNegative === true);
    if (!nonNegative) cx.fail(arg, 'a[i] needs a literal or loop-counter index (Perl reads negative indexes from the end)');
    const el = t.k === 'arr' ? opt(t.el) : (t.els[Number((index.p as { text: string }).text)] ?? UNDEF);
    if (recv.form === 'list') {
      return scalar({ k: 'elem', base: { k: 'list', items: [recv.p] }, key: index.p, brackets: '[]', arrow: false }, el);
    }
    return scalar({ k: 'elem', base: recv.p, key: index.p, brackets: '[]', arrow: true }, el);
  }
  if (t.k === 'hash') {
    const key = cx.lower(arg);
    if (key.t.k !== 'str') cx.fail(arg, `hash key of type ${describe(key.t)}`);
    const owned =
      key.p.k === 'str' ||
      (Node.isIdentifier(unwrap(arg)) && cx.scope.lookup(unwrap(arg).getText())?.ownKeyOf === target.getText()) ||
      cx.guarded(`${target.getText()}[${unwrap(arg).getText()}]`);
    if (!owned) {
      cx.fail(
        node,
        `${node.getText()} with an arbitrary key also finds Object.prototype members in JS; ` +
          `guard it: Object.hasOwn(${target.getText()}, ${arg.getText()}) ? ${node.getText()} : undefined`,
      );
    }
    const fieldType = key.p.k === 'str' ? (t.fields?.[key.p.value] ?? t.val) : t.val;
    const access: PerlExpr = { k: 'elem', base: recv.p, key: key.p, brackets: '{}', arrow: true };
    if (optional) return scalar({ k: 'binop', op: '&&', left: recv.p, right: access }, opt(fieldType));
    return scalar(access, fieldType);
  }
  return cx.fail(node, `indexing ${describe(recv.t)} is outside the subset`);
}

/** The type of a hash key the dispatcher keeps on `$self` (the release profile holds flags). */
function selfFieldType(name: string): PT {
  if (name === 'rootdir') return STR;
  if (name === 'hostTimezone' || name === 'hostLocaltime') return opt(STR);
  if (name === 'release') return hash(BOOL);
  return hash(opt(STR));
}

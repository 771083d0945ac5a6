/** Literals: integers, templates (interpolated or joined with `.`), hashes and arrays. */
import type { ArrayLiteralExpression, ObjectLiteralExpression, TemplateExpression } from 'ts-morph';
import { Node } from '../../front/tsMorph.ts';
import { arr, describe, hash, isOptional, join, NUM, opt, STR, strip, type PT } from '../../front/types.ts';
import type { HashEntry, PerlExpr } from '../../ir/ast.ts';
import { interpolatable } from '../../ir/interpolation.ts';
import { listOf, scalarOf, type LExpr } from '../context.ts';
import type { ExprCx } from '../exprCx.ts';

const scalar = (p: PerlExpr, t: PT): LExpr => ({ p, t, form: 'scalar' });

export function numberLiteral(cx: ExprCx, node: Node): LExpr {
  // The raw spelling: getLiteralText() would give the decimal value of 0o755.
  const text = node.getText().replace(/_/g, '');
  if (/^0[oO][0-7]+$/.test(text)) {
    // Leading-zero literals trip perlcritic's ProhibitLeadingZeros; oct() says the same.
    return scalar({ k: 'call', fn: 'oct', args: [{ k: 'str', value: `0${text.slice(2)}` }] }, NUM);
  }
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return scalar({ k: 'num', text: text.toLowerCase() }, NUM);
  if (!/^(0|[1-9][0-9]*)$/.test(text)) cx.fail(node, 'only integer literals (floats print differently in Perl)');
  if (Number(text) > Number.MAX_SAFE_INTEGER) cx.fail(node, 'integers beyond 2^53 lose precision in JS');
  return scalar({ k: 'num', text }, NUM);
}

export function template(cx: ExprCx, tpl: TemplateExpression): LExpr {
  // getLiteralText() is the cooked text (escapes applied), as JS evaluates it.
  const parts: Array<string | PerlExpr> = [tpl.getHead().getLiteralText()];
  for (const span of tpl.getTemplateSpans()) {
    const e = cx.lower(span.getExpression());
    const k = e.t.k;
    if (k !== 'str' && k !== 'num') {
      cx.fail(
        span.getExpression(),
        `only strings and numbers can be interpolated, found ${describe(e.t)}` + (isOptional(e.t) ? ' (JS would print "undefined", Perl "")' : ''),
      );
    }
    parts.push(scalarOf(e), span.getLiteral().getLiteralText());
  }
  const clean = parts.filter((p) => p !== '');
  if (clean.every((p) => typeof p === 'string' || interpolatable(p))) return scalar({ k: 'interp', parts: clean }, STR);
  // Something that does not interpolate (a call): join the pieces with `.`.
  let acc: PerlExpr | undefined;
  let pending: Array<string | PerlExpr> = [];
  const flush = () => {
    if (pending.length === 0) return;
    const piece: PerlExpr = pending.length === 1 && typeof pending[0] === 'string' ? { k: 'str', value: pending[0] } : { k: 'interp', parts: pending };
    acc = acc ? { k: 'binop', op: '.', left: acc, right: piece } : piece;
    pending = [];
  };
  for (const p of clean) {
    if (typeof p === 'string' || interpolatable(p)) {
      pending.push(p);
      continue;
    }
    flush();
    acc = acc ? { k: 'binop', op: '.', left: acc, right: p } : p;
  }
  flush();
  return scalar(acc ?? { k: 'str', value: '' }, STR);
}

export function objectLiteral(cx: ExprCx, obj: ObjectLiteralExpression): LExpr {
  const entries: HashEntry[] = [];
  let valueType: PT | undefined;
  const fields: Record<string, PT> = {};
  const note = (t: PT, where: Node) => {
    const j = valueType ? join(valueType, t) : t;
    if (!j) cx.fail(where, `hash values of different kinds (${describe(valueType!)} and ${describe(t)})`);
    valueType = j;
  };
  for (const prop of obj.getProperties()) {
    if (Node.isPropertyAssignment(prop)) {
      const nameNode = prop.getNameNode();
      let key: PerlExpr;
      if (Node.isComputedPropertyName(nameNode)) {
        const k = cx.lower(nameNode.getExpression());
        if (k.t.k !== 'str') cx.fail(nameNode, `a computed key of type ${describe(k.t)}`);
        key = k.p;
      } else if (Node.isIdentifier(nameNode) || Node.isStringLiteral(nameNode)) {
        key = { k: 'str', value: Node.isStringLiteral(nameNode) ? nameNode.getLiteralValue() : nameNode.getText() };
      } else {
        return cx.fail(nameNode, 'numeric keys are outside the subset');
      }
      if (key.k === 'str' && key.value === '__proto__') cx.fail(nameNode, '__proto__ sets the prototype in JS');
      const value = cx.lower(prop.getInitializerOrThrow());
      note(value.t, prop);
      if (key.k === 'str') fields[key.value] = value.t;
      entries.push({ key, value: scalarOf(value) });
    } else if (Node.isShorthandPropertyAssignment(prop)) {
      const value = cx.identifier(prop.getName(), prop);
      note(value.t, prop);
      fields[prop.getName()] = value.t;
      entries.push({ key: { k: 'str', value: prop.getName() }, value: scalarOf(value) });
    } else if (Node.isSpreadAssignment(prop)) {
      const inner = cx.lower(prop.getExpression());
      const it = strip(inner.t);
      if (it.k !== 'hash') cx.fail(prop, `spreading ${describe(inner.t)} into a hash`);
      // Spreading undefined is a no-op in JS; `%{ undef }` dies under strict refs.
      const ref: PerlExpr = isOptional(inner.t) ? { k: 'binop', op: '//', left: inner.p, right: { k: 'anonHash', entries: [] } } : inner.p;
      note(strip(it.val), prop);
      entries.push({ spread: ref });
    } else {
      return cx.fail(prop, 'methods and accessors in object literals are outside the subset');
    }
  }
  return scalar({ k: 'anonHash', entries }, hash(opt(strip(valueType ?? STR)), fields));
}

export function arrayLiteral(cx: ExprCx, lit: ArrayLiteralExpression): LExpr {
  const items: PerlExpr[] = [];
  let el: PT | undefined;
  for (const e of lit.getElements()) {
    if (Node.isOmittedExpression(e)) cx.fail(e, 'holes in array literals are outside the subset');
    if (Node.isSpreadElement(e)) {
      const inner = cx.lower(e.getExpression());
      const it = strip(inner.t);
      if (it.k !== 'arr' || isOptional(inner.t)) cx.fail(e, `spreading ${describe(inner.t)}`);
      el = el ? join(el, (it as { el: PT }).el) : (it as { el: PT }).el;
      items.push(listOf(inner, e));
      continue;
    }
    const v = cx.lower(e);
    if (v.form === 'list') cx.fail(e, 'a nested list; spread it with ...');
    el = el ? join(el, v.t) : v.t;
    if (!el) cx.fail(e, 'array elements of different kinds');
    items.push(v.p);
  }
  return scalar({ k: 'anonArray', items }, arr(el ?? STR));
}

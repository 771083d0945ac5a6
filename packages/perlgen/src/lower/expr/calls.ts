/**
 * Calls: of the plugin's own methods and helpers, of Base helpers on `$self`, and of
 * everything in the mapping rows (global, imported, string, array, regex and receiver
 * methods). The dispatch order decides which row a call meets first.
 */
import type { CallExpression, Expression } from 'ts-morph';
import { Node, SyntaxKind } from '../../front/tsMorph.ts';
import { describe, isOptional, strip } from '../../front/types.ts';
import type { PerlExpr } from '../../ir/ast.ts';
import { listOf, scalarOf, type LExpr, type OwnCallable } from '../context.ts';
import type { ExprCx } from '../exprCx.ts';
import { ARRAY_METHODS, REFUSED_ARRAY_METHODS } from '../mapping/arrays.ts';
import { BASE_METHODS } from '../mapping/baseMethods.ts';
import { GLOBAL_CALLS, REFUSED_GLOBALS } from '../mapping/globals.ts';
import { IMPORTED_FUNCTIONS } from '../mapping/imports.ts';
import { PROPERTIES } from '../mapping/properties.ts';
import { REGEX_METHODS } from '../mapping/regexMethods.ts';
import { RECEIVER_METHODS } from '../mapping/sorting.ts';
import { statementRow } from '../mapping/statements.ts';
import { REFUSED_STRING_METHODS, STRING_METHODS } from '../mapping/strings.ts';
import { snakeCase } from '../naming.ts';

const SELF: PerlExpr = { k: 'var', sigil: '$', name: 'self' };

export function call(cx: ExprCx, node: CallExpression): LExpr {
  const callee = node.getExpression();
  const args = cx.args(node);

  if (Node.isIdentifier(callee)) return plainCall(cx, callee.getText(), node, args);
  if (!Node.isPropertyAccessExpression(callee)) return cx.fail(node, 'only calls of names and methods are in the subset');
  const name = callee.getName();
  const target = callee.getExpression();
  if (callee.hasQuestionDotToken()) cx.fail(callee, 'optional method calls are outside the subset');

  if (target.getKind() === SyntaxKind.ThisKeyword) return selfCall(cx, name, node, args, false);
  if (target.getKind() === SyntaxKind.SuperKeyword) return selfCall(cx, name, node, args, true);

  const qualified = `${target.getText()}.${name}`;
  const global = GLOBAL_CALLS[qualified];
  if (global) return global.lower(cx, node, args, undefined);
  if (REFUSED_GLOBALS[qualified]) return cx.fail(node, REFUSED_GLOBALS[qualified]!);

  const re = cx.regexLiteral(target, 'is');
  if (re) {
    const row = REGEX_METHODS[name];
    if (row) return row.lower(cx, node, args, re);
    return cx.fail(node, `the regex method ${name} is outside the subset`);
  }

  const receiverRow = RECEIVER_METHODS[name];
  if (receiverRow) return receiverRow.lower(cx, node, args, target);
  const property = PROPERTIES[name];
  if (property) cx.fail(node, property.asCall);

  const recv = cx.lower(target);
  const t = strip(recv.t);
  if (t.k === 'str') {
    const row = STRING_METHODS[name];
    if (row) return row.lower(cx, node, args, recv);
    return cx.fail(node, REFUSED_STRING_METHODS[name] ?? `the string method ${name} is outside the subset`);
  }
  if (t.k === 'arr' || t.k === 'tuple') {
    if (isOptional(recv.t)) cx.fail(target, `${target.getText()} may be undefined`);
    const row = ARRAY_METHODS[name];
    if (row) return row.lower(cx, node, args, recv);
    return cx.fail(node, REFUSED_ARRAY_METHODS[name] ?? `the array method ${name} is outside the subset`);
  }
  return cx.fail(node, `${name}() on ${describe(recv.t)} is outside the subset`);
}

/** `const m = re.exec(s)` → `my @m = $s =~ /re/;` (captures, or the empty list). */
export function declaredMatch(cx: ExprCx, init: Node): { p: PerlExpr; groups: number } | undefined {
  if (!Node.isCallExpression(init)) return undefined;
  const callee = init.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const row = REGEX_METHODS[callee.getName()];
  if (!row?.declare) return undefined;
  const re = cx.regexLiteral(callee.getExpression(), 'is');
  if (!re) return undefined;
  return row.declare(cx, init, cx.args(init), re);
}

function plainCall(cx: ExprCx, name: string, node: CallExpression, args: Expression[]): LExpr {
  const own = cx.mod.functions.get(name);
  if (own) return ownCall(cx, own, args, undefined);
  const imported = cx.mod.imports.get(name);
  if (imported) {
    const asExpression = statementRow(imported)?.asExpression;
    if (asExpression) cx.fail(node, asExpression);
    const row = IMPORTED_FUNCTIONS[imported.name];
    if (row && imported.module === row.from) return row.lower(cx, node, args, undefined);
    return cx.fail(node, `${imported.name} from ${imported.module} has no Perl mapping`);
  }
  const global = GLOBAL_CALLS[name];
  if (global) return global.lower(cx, node, args, undefined);
  if (REFUSED_GLOBALS[name]) return cx.fail(node, REFUSED_GLOBALS[name]!);
  return cx.fail(node, `unknown function ${name}`);
}

function selfCall(cx: ExprCx, name: string, node: CallExpression, args: Expression[], viaSuper: boolean): LExpr {
  if (!cx.hasSelf) cx.fail(node, 'this is not available here');
  const own = viaSuper ? undefined : cx.mod.methods.get(name);
  if (own) return ownCall(cx, own, args, SELF);
  const perlName = snakeCase(name);
  if (!cx.mod.parentSubs.has(perlName)) {
    cx.fail(
      node,
      `${name} → ${perlName} is not a sub of Proxmox's ${cx.mod.parent}.pm (a helper that exists only in the TS ` + 'model would be a call into nothing on a real host)',
    );
  }
  const row = BASE_METHODS[name];
  if (!row) return cx.fail(node, `no signature for the Base helper ${name} in facts/proxmoxSubs.ts`);
  const perlArgs: PerlExpr[] = [];
  args.forEach((a, i) => {
    const kind = row.params[Math.min(i, row.params.length - 1)];
    if (i >= row.params.length && kind !== 'rest') cx.fail(a, `${name} takes ${row.params.length} argument(s)`);
    if (Node.isSpreadElement(a)) {
      if (kind !== 'rest') cx.fail(a, 'spread only into a rest parameter');
      perlArgs.push(listOf(cx.lower(a.getExpression()), a));
      return;
    }
    if (kind === 'options') {
      perlArgs.push(...options(cx, a));
      return;
    }
    perlArgs.push(scalarOf(cx.lower(a)));
  });
  const method = viaSuper ? `SUPER::${perlName}` : perlName;
  const p: PerlExpr = { k: 'method', invocant: SELF, name: method, args: perlArgs };
  return { p, t: row.returns, form: row.list ? 'list' : 'scalar' };
}

/** `{ replace: true }` → `replace => 1` flattened into the call (Perl's `%opt`). */
function options(cx: ExprCx, node: Node): PerlExpr[] {
  if (!Node.isObjectLiteralExpression(node)) return cx.fail(node, 'options must be an object literal');
  const out: PerlExpr[] = [];
  for (const prop of node.getProperties()) {
    if (!Node.isPropertyAssignment(prop) || !Node.isIdentifier(prop.getNameNode())) {
      cx.fail(prop, 'options must be plain `key: value` pairs');
    }
    out.push({ k: 'pair', key: prop.getName(), value: scalarOf(cx.lower(prop.getInitializerOrThrow())) });
  }
  return out;
}

function ownCall(cx: ExprCx, own: OwnCallable, args: Expression[], self: PerlExpr | undefined): LExpr {
  const perlArgs: PerlExpr[] = self && own.takesSelf && own.lexical ? [self] : [];
  args.forEach((a, i) => {
    const param = own.params[Math.min(i, own.params.length - 1)];
    if (!param || (i >= own.params.length && !param.rest)) cx.fail(a, `too many arguments`);
    if (Node.isSpreadElement(a)) {
      if (!param.rest) cx.fail(a, 'spread only into a rest parameter');
      perlArgs.push(listOf(cx.lower(a.getExpression()), a));
    } else {
      perlArgs.push(scalarOf(cx.lower(a)));
    }
  });
  const p: PerlExpr = own.lexical
    ? { k: 'codecall', code: { k: 'var', sigil: '$', name: own.perlName }, args: perlArgs }
    : { k: 'method', invocant: SELF, name: own.perlName, args: perlArgs };
  return { p, t: own.returns, form: own.returns.k === 'tuple' ? 'list' : 'scalar' };
}

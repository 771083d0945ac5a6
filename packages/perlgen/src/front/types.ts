/**
 * The few value types the subset knows, read from annotations (syntax only, no checker).
 * They decide the Perl spelling where TS and Perl differ: `eq` vs `==`, `.` vs `+`,
 * arrays as references vs lists, and whether a value may be undefined.
 */
import type { TypeNode } from 'ts-morph';
import { Node, SyntaxKind } from './tsMorph.ts';
import { CompileError } from './diagnostics.ts';

export type PT =
  | { k: 'str' }
  | { k: 'num' }
  | { k: 'bool' }
  | { k: 'undef' }
  | { k: 'void' }
  | { k: 'never' }
  | { k: 'arr'; el: PT }
  | { k: 'tuple'; els: PT[] }
  | { k: 'hash'; val: PT; fields?: Readonly<Record<string, PT>> }
  | { k: 'opt'; t: PT }
  /** The result of `re.exec(s)`: captures, or nothing. */
  | { k: 'match'; groups: number }
  | { k: 'regex' }
  /** An opaque Perl object or code ref (`File::stat` results, `$log_warn`): passed on, or
   * read through the fields listed in lower/mapping/properties.ts OBJECT_FIELDS. */
  | { k: 'obj'; name: string };

export const STR: PT = { k: 'str' };
export const NUM: PT = { k: 'num' };
export const BOOL: PT = { k: 'bool' };
export const UNDEF: PT = { k: 'undef' };
export const VOID: PT = { k: 'void' };
export const NEVER: PT = { k: 'never' };
export const opt = (t: PT): PT => (t.k === 'opt' || t.k === 'undef' ? t : { k: 'opt', t });
export const arr = (el: PT): PT => ({ k: 'arr', el });
export const hash = (val: PT, fields?: Record<string, PT>): PT => ({ k: 'hash', val, fields });

/** The non-undefined part of a type. */
export function strip(t: PT): PT {
  return t.k === 'opt' ? t.t : t;
}

export function isOptional(t: PT): boolean {
  return t.k === 'opt' || t.k === 'undef';
}

export function describe(t: PT): string {
  switch (t.k) {
    case 'str':
      return 'string';
    case 'num':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'undef':
      return 'undefined';
    case 'void':
    case 'never':
    case 'regex':
      return t.k === 'regex' ? 'RegExp' : t.k;
    case 'arr':
      return `${describe(t.el)}[]`;
    case 'tuple':
      return `[${t.els.map(describe).join(', ')}]`;
    case 'hash':
      return `Record<string, ${describe(t.val)}>`;
    case 'opt':
      return `${describe(t.t)} | undefined`;
    case 'match':
      return 'RegExpExecArray | null';
    case 'obj':
      return t.name;
  }
}

/** Join of two branch types (`a ? x : y`, `x ?? y`). */
export function join(a: PT, b: PT): PT | undefined {
  if (a.k === 'never') return b;
  if (b.k === 'never') return a;
  if (a.k === 'undef') return opt(b);
  if (b.k === 'undef') return opt(a);
  const sa = strip(a);
  const sb = strip(b);
  if (sa.k !== sb.k) return undefined;
  if (sa.k === 'arr' && sb.k === 'arr' && sa.el.k !== sb.el.k) return undefined;
  if (sa.k === 'obj' && sb.k === 'obj' && sa.name !== sb.name) return undefined;
  return isOptional(a) || isOptional(b) ? opt(sa) : sa;
}

const STRING_FIELDS = (names: string[]): Record<string, PT> => Object.fromEntries(names.map((n) => [n, opt(STR)]));

/** Named types from core that plugins use; all of them are hashes of strings in Perl. */
const NAMED_TYPES: Record<string, PT> = {
  PctConf: hash(opt(STR), { lxc: opt(arr({ k: 'tuple', els: [STR, STR] })) }),
  NetConf: hash(opt(STR), STRING_FIELDS(['name', 'type'])),
  OsRelease: hash(opt(STR)),
  LogWarn: { k: 'obj', name: 'LogWarn' },
  Stat: { k: 'obj', name: 'Stat' },
};

export function typeFromNode(node: TypeNode | undefined, where: Node): PT {
  if (!node) throw new CompileError(where, 'a type annotation is needed here (the subset infers types only from literals)');
  if (Node.isParenthesizedTypeNode(node)) return typeFromNode(node.getTypeNode(), where);
  switch (node.getKind()) {
    case SyntaxKind.StringKeyword:
      return STR;
    case SyntaxKind.NumberKeyword:
      return NUM;
    case SyntaxKind.BooleanKeyword:
      return BOOL;
    case SyntaxKind.UndefinedKeyword:
      return UNDEF;
    case SyntaxKind.VoidKeyword:
      return VOID;
    case SyntaxKind.NeverKeyword:
      return NEVER;
    default:
      break;
  }
  if (Node.isLiteralTypeNode(node)) {
    const lit = node.getLiteral();
    if (Node.isStringLiteral(lit) || Node.isNoSubstitutionTemplateLiteral(lit)) return STR;
    if (Node.isNumericLiteral(lit)) return NUM;
    if (lit.getKind() === SyntaxKind.TrueKeyword || lit.getKind() === SyntaxKind.FalseKeyword) return BOOL;
    if (lit.getKind() === SyntaxKind.NullKeyword) {
      throw new CompileError(node, 'null is outside the subset (use undefined, which becomes undef)');
    }
  }
  if (Node.isTemplateLiteralTypeNode(node)) return STR;
  if (Node.isUnionTypeNode(node)) {
    const parts = node.getTypeNodes();
    let result: PT | undefined;
    let optional = false;
    for (const p of parts) {
      if (p.getKind() === SyntaxKind.UndefinedKeyword) {
        optional = true;
        continue;
      }
      if (Node.isLiteralTypeNode(p) && p.getLiteral().getKind() === SyntaxKind.NullKeyword) {
        const isMatch = parts.some((q) => q.getText() === 'RegExpExecArray' || q.getText() === 'RegExpMatchArray');
        if (isMatch) continue;
        throw new CompileError(p, 'null is outside the subset (use undefined, which becomes undef)');
      }
      const t = typeFromNode(p, where);
      result = result ? join(result, t) : t;
      if (!result) throw new CompileError(node, `the union ${node.getText()} mixes kinds Perl cannot tell apart`);
    }
    if (!result) return UNDEF;
    return optional ? opt(result) : result;
  }
  if (Node.isArrayTypeNode(node)) return arr(typeFromNode(node.getElementTypeNode(), where));
  if (Node.isTypeOperatorTypeNode(node) && node.getOperator() === SyntaxKind.ReadonlyKeyword) {
    return typeFromNode(node.getTypeNode(), where);
  }
  if (Node.isTupleTypeNode(node)) return { k: 'tuple', els: node.getElements().map((e) => typeFromNode(e as TypeNode, where)) };
  if (Node.isTypeReference(node)) {
    const name = node.getTypeName().getText();
    const args = node.getTypeArguments();
    if ((name === 'Array' || name === 'ReadonlyArray') && args.length === 1) return arr(typeFromNode(args[0], where));
    if (name === 'Record' && args.length === 2 && args[0]!.getKind() === SyntaxKind.StringKeyword) {
      return hash(opt(typeFromNode(args[1], where)));
    }
    if ((name === 'Partial' || name === 'Readonly') && args.length === 1) return typeFromNode(args[0], where);
    if (name === 'RegExpExecArray' || name === 'RegExpMatchArray') return { k: 'match', groups: 9 };
    const named = NAMED_TYPES[name];
    if (named) return named;
  }
  throw new CompileError(node, `the type ${node.getText()} is outside the subset`);
}

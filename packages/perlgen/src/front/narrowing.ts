/**
 * What a TS condition proves about undefined-ness, read from the syntax alone: the keys
 * (normalised expression texts) a condition proves defined when true or when false, the
 * texts a function reassigns (never narrowed), and statements that never fall through.
 */
import type { CallExpression } from 'ts-morph';
import { Node, SyntaxKind } from './tsMorph.ts';

export interface Narrowing {
  whenTrue: string[];
  whenFalse: string[];
}

/** `(e)`, `e!` and `e as T` seen through. */
export function unwrap(node: Node): Node {
  let n = node;
  while (Node.isParenthesizedExpression(n) || Node.isNonNullExpression(n) || Node.isAsExpression(n)) n = n.getExpression();
  return n;
}

/** An expression's text as a narrowing key: `net.name`, `ip`, `h['k']`. */
export function narrowKey(node: Node): string {
  return unwrap(node).getText().replace(/\s+/g, '').replace(/\?\./g, '.');
}

export function isUndefinedLiteral(node: Node): boolean {
  return Node.isIdentifier(node) && node.getText() === 'undefined';
}

/** Texts assigned (or ++/--'d) anywhere in a function: narrowing never trusts them. */
export function assignedTexts(body: Node | undefined): string[] {
  const out: string[] = [];
  body?.forEachDescendant((d) => {
    if (Node.isBinaryExpression(d) && /^(?:=|\+=|-=|\?\?=|\|\|=|&&=|\*=)$/.test(d.getOperatorToken().getText())) {
      out.push(narrowKey(d.getLeft()));
    }
    if (Node.isPostfixUnaryExpression(d) || Node.isPrefixUnaryExpression(d)) {
      const op = d.getOperatorToken();
      if (op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken) out.push(narrowKey(d.getOperand()));
    }
  });
  return out;
}

/**
 * What a condition proves when true and when false. `aliasOf` answers for a name that is
 * a const boolean alias of an earlier condition (what it being true proves).
 */
export function narrowings(cond: Node, aliasOf: (name: string) => string[] | undefined): Narrowing {
  if (Node.isParenthesizedExpression(cond)) return narrowings(cond.getExpression(), aliasOf);
  if (Node.isPrefixUnaryExpression(cond) && cond.getOperatorToken() === SyntaxKind.ExclamationToken) {
    const inner = narrowings(cond.getOperand(), aliasOf);
    return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
  }
  if (Node.isBinaryExpression(cond)) {
    const op = cond.getOperatorToken().getText();
    const [l, r] = [cond.getLeft(), cond.getRight()];
    if (op === '!==' || op === '===') {
      const other = isUndefinedLiteral(r) ? l : isUndefinedLiteral(l) ? r : undefined;
      if (other) {
        const key = [narrowKey(other)];
        return op === '!==' ? { whenTrue: key, whenFalse: [] } : { whenTrue: [], whenFalse: key };
      }
    }
    if (op === '&&') {
      const a = narrowings(l, aliasOf);
      const b = narrowings(r, aliasOf);
      return { whenTrue: [...a.whenTrue, ...b.whenTrue], whenFalse: [] };
    }
    if (op === '||') {
      const a = narrowings(l, aliasOf);
      const b = narrowings(r, aliasOf);
      return { whenTrue: [], whenFalse: [...a.whenFalse, ...b.whenFalse] };
    }
  }
  if (Node.isIdentifier(cond)) {
    const alias = aliasOf(cond.getText());
    if (alias) return { whenTrue: alias, whenFalse: [] };
  }
  return { whenTrue: [], whenFalse: [] };
}

/**
 * A statement that never falls through: return, break, continue, a call `exits` says
 * never returns (`die(...)`), or a block ending so.
 */
export function alwaysExits(node: Node, exits: (call: CallExpression) => boolean): boolean {
  if (Node.isBlock(node)) {
    const last = node.getStatements().at(-1);
    return last !== undefined && alwaysExits(last, exits);
  }
  if (Node.isReturnStatement(node) || Node.isContinueStatement(node) || Node.isBreakStatement(node)) return true;
  if (Node.isThrowStatement(node)) return true;
  if (!Node.isExpressionStatement(node)) return false;
  const e = node.getExpression();
  return Node.isCallExpression(e) && exits(e);
}

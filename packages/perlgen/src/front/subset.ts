/**
 * The syntax allowlist check: every node kind a plugin file contains must be one the
 * mapping accepts (lower/mapping/syntax.ts); anything else is a compile error at its
 * position, before any lowering is attempted. (Type annotations and JSDoc are skipped:
 * they only inform the lowering.)
 */
import type { SourceFile } from 'ts-morph';
import { Node, SyntaxKind } from './tsMorph.ts';
import { handWrittenReason } from './handWritten.ts';

/** A documented pair: the TS form and the Perl it becomes (README tables, messages). */
export interface Row {
  ts: string;
  perl: string;
}

export interface SubsetViolation {
  node: Node;
  message: string;
}

/** Node kinds outside `accepted` are refused, with the reason `refusals` gives for some. */
export function checkSubset(sf: SourceFile, accepted: Readonly<Record<string, Row>>, refusals: Readonly<Record<string, string>>): SubsetViolation[] {
  const found: SubsetViolation[] = [];
  sf.forEachDescendant((node, traversal) => {
    if (Node.isTypeNode(node) || Node.isJSDoc(node) || Node.isTypeParameterDeclaration(node)) {
      traversal.skip();
      return;
    }
    const kind = node.getKind();
    if (kind >= SyntaxKind.FirstToken && kind <= SyntaxKind.LastToken) return;
    if (Node.isTypeAliasDeclaration(node) || Node.isInterfaceDeclaration(node) || handWrittenReason(node) !== undefined) {
      traversal.skip();
      return;
    }
    const name = node.getKindName();
    if (accepted[name]) return;
    found.push({ node, message: refusals[name] ?? `${name} is outside the subset` });
    traversal.skip();
  });
  return found;
}

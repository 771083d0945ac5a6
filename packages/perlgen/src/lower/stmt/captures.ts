/** `const [, a, b] = re.exec(s) ?? [];` → `my ($a, $b) = $s =~ /re/;` (undef where JS has undefined). */
import { Node } from '../../front/tsMorph.ts';
import { STR } from '../../front/types.ts';
import type { Origin, PerlExpr, PerlStmt } from '../../ir/ast.ts';
import { declaredMatch } from '../expr/calls.ts';
import type { StmtCx } from './stmtCx.ts';

export function captures(st: StmtCx, pattern: Node, init: Node, mutable: boolean, origin: Origin): PerlStmt | undefined {
  if (!Node.isBinaryExpression(init) || init.getOperatorToken().getText() !== '??') return undefined;
  const empty = init.getRight();
  if (!Node.isArrayLiteralExpression(empty) || empty.getElements().length > 0) return undefined;
  const match = declaredMatch(st.ex, init.getLeft());
  if (!match || !Node.isArrayBindingPattern(pattern)) return undefined;
  const [whole, ...groups] = pattern.getElements();
  if (!whole || !Node.isOmittedExpression(whole)) st.fail(pattern, 'the whole match is not kept: skip it, as in const [, a] = re.exec(s) ?? []');
  if (groups.length > match.groups) st.fail(pattern, `the regex has ${match.groups} capture group(s)`);
  const vars = groups.map((el): PerlExpr => {
    if (Node.isOmittedExpression(el)) return { k: 'undef' };
    if (el.getDotDotDotToken() || !Node.isIdentifier(el.getNameNode()) || el.getInitializer()) st.fail(el, 'only plain names in array destructuring');
    return st.declareVar(el.getName(), el, { type: { k: 'opt', t: STR }, mutable });
  });
  return { k: 'my', vars, init: match.p, list: true, origin };
}

/** What the statement helpers may ask of the statement lowerer (so they need not import it). */
import type { Statement } from 'ts-morph';
import type { Node } from '../../front/tsMorph.ts';
import type { PT } from '../../front/types.ts';
import type { Origin, PerlExpr, PerlStmt } from '../../ir/ast.ts';
import type { VarInfo } from '../context.ts';
import type { ExprCx } from '../exprCx.ts';

export interface StmtCx {
  readonly ex: ExprCx;
  readonly returnType: PT;
  readonly isConstructor: boolean;
  fail(node: Node | undefined, reason: string): never;
  origin(node: Node): Origin;
  statement(node: Statement): PerlStmt[];
  /** A nested block (or single statement) in a scope of its own. */
  body(node: Statement): PerlStmt[];
  /** A loop's body: `break`/`continue` are allowed inside. */
  loopBody(node: Statement): PerlStmt[];
  /** Declare a TS name in scope; returns its Perl variable. */
  declareVar(name: string, node: Node, info: Omit<VarInfo, 'perl'> & { sigil?: '$' | '@' }): PerlExpr;
}

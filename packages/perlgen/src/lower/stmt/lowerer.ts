/**
 * TS statements → Perl statements. Comments and blank lines between statements are kept
 * (as source lines; layout/ wraps them); each statement is lowered on its own so one file
 * reports all its errors at once.
 */
import type { CallExpression, Statement } from 'ts-morph';
import { commentLines } from '../../front/comments.ts';
import { CompileError, diagnosticAt } from '../../front/diagnostics.ts';
import { alwaysExits } from '../../front/narrowing.ts';
import { Node, SyntaxKind } from '../../front/tsMorph.ts';
import type { PT } from '../../front/types.ts';
import type { Origin, PerlExpr, PerlStmt } from '../../ir/ast.ts';
import { Scope, type VarInfo } from '../context.ts';
import type { ExprCx } from '../exprCx.ts';
import { statementRow } from '../mapping/statements.ts';
import { RESERVED_PERL_NAMES, snakeCase } from '../naming.ts';
import { forCounting, forOf, ifStatement, tryStatement } from './control.ts';
import { expressionStatement, returnStatement } from './simple.ts';
import type { StmtCx } from './stmtCx.ts';
import { variables } from './variables.ts';

export class StmtLowerer implements StmtCx {
  private loops = 0;

  constructor(
    readonly ex: ExprCx,
    readonly returnType: PT,
    readonly isConstructor = false,
  ) {}

  fail(node: Node | undefined, reason: string): never {
    throw new CompileError(node, reason);
  }

  origin(node: Node): Origin {
    const { line, column } = node.getSourceFile().getLineAndColumnAtPos(node.getStart());
    return { file: this.ex.mod.file, line, column };
  }

  /** Statements of a block (with their comments and blank lines). */
  block(nodes: Node[]): PerlStmt[] {
    const out: PerlStmt[] = [];
    let prev: Node | undefined;
    for (const node of nodes) {
      if (prev && /\n[ \t]*\n/.test(node.getSourceFile().getFullText().slice(prev.getEnd(), node.getStart()))) {
        out.push({ k: 'blank' });
      }
      prev = node;
      if (Node.isCommentStatement(node) || node.getKind() === SyntaxKind.SingleLineCommentTrivia || node.getKind() === SyntaxKind.MultiLineCommentTrivia) {
        for (const line of commentLines(node.getText())) out.push({ k: 'comment', text: line });
        continue;
      }
      try {
        out.push(...this.statement(node as Statement));
        for (const c of (node as Statement).getTrailingCommentRanges()) {
          out.push({ k: 'comment', text: commentLines(c.getText()).join(' '), side: true });
        }
        // `if (x === undefined) return;` proves x defined for the rest of the block.
        if (Node.isIfStatement(node) && !node.getElseStatement() && alwaysExits(node.getThenStatement(), (c) => this.exits(c))) {
          this.ex.scope.markDefined(this.ex.narrowings(node.getExpression()).whenFalse);
        }
      } catch (e) {
        if (!(e instanceof CompileError)) throw e;
        if (!e.silent) this.ex.mod.diagnostics.push(diagnosticAt(this.ex.mod.file, e.node ?? node, e.message));
        if (Node.isVariableStatement(node)) this.poison(node);
      }
    }
    return out;
  }

  /** Names a failed declaration would have declared: later uses stay quiet. */
  private poison(node: Node): void {
    for (const d of node.asKindOrThrow(SyntaxKind.VariableStatement).getDeclarations()) {
      for (const id of [d.getNameNode(), ...d.getNameNode().getDescendantsOfKind(SyntaxKind.Identifier)]) {
        if (Node.isIdentifier(id) && !this.ex.scope.lookup(id.getText())) {
          this.ex.scope.declare(id.getText(), { perl: { k: 'undef' }, type: { k: 'undef' }, mutable: true, poisoned: true });
        }
      }
    }
  }

  /** A call of a statement row that never returns (`die`). */
  private exits(call: CallExpression): boolean {
    const callee = call.getExpression();
    return Node.isIdentifier(callee) && statementRow(this.ex.mod.imports.get(callee.getText()))?.exits === true;
  }

  body(node: Statement): PerlStmt[] {
    const outer = this.ex.scope;
    this.ex.scope = new Scope(outer);
    try {
      if (Node.isBlock(node)) return this.block(node.getStatementsWithComments());
      return this.block([node]);
    } finally {
      this.ex.scope = outer;
    }
  }

  statement(node: Statement): PerlStmt[] {
    const origin = this.origin(node);
    if (Node.isVariableStatement(node)) return variables(this, node, origin);
    if (Node.isExpressionStatement(node)) return [expressionStatement(this, node.getExpression(), origin)];
    if (Node.isIfStatement(node)) return [ifStatement(this, node, origin)];
    if (Node.isReturnStatement(node)) return [returnStatement(this, node, origin)];
    if (Node.isForOfStatement(node)) return [forOf(this, node, origin)];
    if (Node.isForStatement(node)) return [forCounting(this, node, origin)];
    if (Node.isWhileStatement(node)) {
      const cond = this.ex.condition(node.getExpression());
      const proven = this.ex.narrowings(node.getExpression()).whenTrue;
      return [{ k: 'while', cond, body: this.ex.withNarrowing(proven, () => this.loopBody(node.getStatement())), origin }];
    }
    if (Node.isContinueStatement(node) || Node.isBreakStatement(node)) {
      if (node.getLabel()) this.fail(node, 'labels are outside the subset');
      if (this.loops === 0) this.fail(node, 'break/continue outside a loop');
      return [{ k: 'loopctl', word: Node.isContinueStatement(node) ? 'next' : 'last', origin }];
    }
    if (Node.isTryStatement(node)) return [tryStatement(this, node, origin)];
    if (Node.isThrowStatement(node)) this.fail(node, "throw is outside the subset; use die('message\\n')");
    if (Node.isBlock(node)) this.fail(node, 'a bare block is outside the subset');
    if (Node.isSwitchStatement(node)) this.fail(node, 'switch is outside the subset; use if/else if');
    if (Node.isForInStatement(node)) this.fail(node, "for...in walks keys in JS order and Perl's is random; use for (const k of Object.keys(h).sort())");
    if (Node.isDoStatement(node)) this.fail(node, 'do...while is outside the subset');
    return this.fail(node, `${node.getKindName()} is outside the subset`);
  }

  loopBody(node: Statement): PerlStmt[] {
    this.loops++;
    try {
      return this.body(node);
    } finally {
      this.loops--;
    }
  }

  /** A callback parameter: declared in scope, returned as its Perl name. */
  declareParam(name: string, node: Node, type: PT): string {
    const v = this.declareVar(name, node, { type, mutable: false });
    return (v as { name: string }).name;
  }

  declareVar(name: string, node: Node, info: Omit<VarInfo, 'perl'> & { sigil?: '$' | '@' }): PerlExpr {
    const perlName = snakeCase(name);
    if (RESERVED_PERL_NAMES.has(perlName)) this.fail(node, `the name ${name} would become the Perl special $${perlName}`);
    const existing = this.ex.scope.lookup(name);
    const taken = [...this.ex.scope.perlNames()].includes(perlName);
    if (taken && !(existing && existing.perl.k === 'var' && existing.perl.name === perlName)) {
      this.fail(node, `${name} and another name both become $${perlName} in Perl`);
    }
    const perl: PerlExpr = { k: 'var', sigil: info.sigil ?? '$', name: perlName };
    const { sigil: _sigil, ...rest } = info;
    this.ex.scope.declare(name, { perl, ...rest });
    return perl;
  }
}

/** Control flow: `if` (or a postfix `if`), `for...of`, counting `for`, `try`/`catch`. */
import type { Block, ForOfStatement, ForStatement, IfStatement, Statement, TryStatement } from 'ts-morph';
import { assignedTexts } from '../../front/narrowing.ts';
import { Node, SyntaxKind } from '../../front/tsMorph.ts';
import { describe, isOptional, NUM, strip } from '../../front/types.ts';
import type { Origin, PerlExpr, PerlStmt } from '../../ir/ast.ts';
import { listOf, Scope } from '../context.ts';
import { IMPORTED_FUNCTIONS } from '../mapping/imports.ts';
import { sortedKeysOf } from '../mapping/sorting.ts';
import type { StmtCx } from './stmtCx.ts';

function simpleStatement(node: Statement): boolean {
  if (Node.isReturnStatement(node) || Node.isContinueStatement(node) || Node.isBreakStatement(node)) return true;
  if (!Node.isExpressionStatement(node)) return false;
  const e = node.getExpression();
  return Node.isCallExpression(e) || (Node.isBinaryExpression(e) && /^(?:=|\+=|-=|\?\?=)$/.test(e.getOperatorToken().getText()));
}

export function ifStatement(st: StmtCx, first: IfStatement, origin: Origin): PerlStmt {
  const then = first.getThenStatement();
  if (!first.getElseStatement() && !Node.isBlock(then) && simpleStatement(then)) {
    // `if (c) return x;` → upstream's postfix `return $x if $c;`
    const cond = st.ex.condition(first.getExpression());
    const guard = st.ex.guardOf(first.getExpression());
    const proven = st.ex.narrowings(first.getExpression()).whenTrue;
    const [stmt] = st.ex.withNarrowing(proven, () => st.ex.withGuard(guard, () => st.statement(then)));
    if (stmt && (stmt.k === 'return' || stmt.k === 'die' || stmt.k === 'loopctl' || stmt.k === 'expr')) {
      return { ...stmt, postfix: cond, origin };
    }
  }
  const branches: Array<{ cond: PerlExpr; body: PerlStmt[] }> = [];
  let current: Node | undefined = first;
  let elseBody: PerlStmt[] | undefined;
  const falsified: string[] = [];
  while (current) {
    if (Node.isIfStatement(current)) {
      const ifNode: IfStatement = current;
      const n = st.ex.withNarrowing([...falsified], () => st.ex.narrowings(ifNode.getExpression()));
      const cond = st.ex.withNarrowing([...falsified], () => st.ex.condition(ifNode.getExpression()));
      const guard = st.ex.guardOf(ifNode.getExpression());
      const thenNode = ifNode.getThenStatement();
      const body = st.ex.withNarrowing([...falsified, ...n.whenTrue], () => st.ex.withGuard(guard, () => st.body(thenNode)));
      branches.push({ cond, body });
      falsified.push(...n.whenFalse);
      current = ifNode.getElseStatement();
    } else {
      const elseNode = current as Statement;
      elseBody = st.ex.withNarrowing([...falsified], () => st.body(elseNode));
      current = undefined;
    }
  }
  return { k: 'if', branches, else: elseBody, origin };
}

export function forOf(st: StmtCx, loop: ForOfStatement, origin: Origin): PerlStmt {
  const node = loop;
  if (loop.isAwaited()) st.fail(node, 'for await is outside the subset');
  const init = loop.getInitializer();
  if (!Node.isVariableDeclarationList(init) || init.getDeclarations().length !== 1) st.fail(init, 'for (const x of ...) only');
  const decl = init.getDeclarations()[0]!;
  if (!Node.isIdentifier(decl.getNameNode())) st.fail(decl, 'destructuring loop variables is outside the subset');
  const iterable = st.ex.lower(loop.getExpression());
  const t = strip(iterable.t);
  if (t.k !== 'arr' || isOptional(iterable.t)) st.fail(loop.getExpression(), `iterating ${describe(iterable.t)}`);
  const keysOf = sortedKeysOf(loop.getExpression());
  const list = listOf(iterable, loop.getExpression());
  const outer = st.ex.scope;
  st.ex.scope = new Scope(outer);
  try {
    const v = st.declareVar(decl.getName(), decl, { type: t.el, mutable: false, ownKeyOf: keysOf });
    return { k: 'foreach', var: v, list, body: st.loopBody(loop.getStatement()), origin };
  } finally {
    st.ex.scope = outer;
  }
}

/** `for (let i = A; i < B; i++)` → `for my $i (A .. B - 1)`. */
export function forCounting(st: StmtCx, loop: ForStatement, origin: Origin): PerlStmt {
  const node = loop;
  const shape = 'only for (let i = A; i < B; i++) counting loops are in the subset';
  const init = loop.getInitializer();
  if (!Node.isVariableDeclarationList(init) || init.getDeclarations().length !== 1) st.fail(node, shape);
  const decl = init.getDeclarations()[0]!;
  const name = decl.getName();
  const start = decl.getInitializer();
  const cond = loop.getCondition();
  const inc = loop.getIncrementor();
  if (!start || !cond || !inc || !Node.isBinaryExpression(cond)) st.fail(node, shape);
  const cmp = cond.getOperatorToken().getText();
  if (cond.getLeft().getText() !== name || (cmp !== '<' && cmp !== '<=')) st.fail(cond, shape);
  if (!/^(?:\+\+\s*(\w+)|(\w+)\s*\+\+|(\w+)\s*\+=\s*1)$/.test(inc.getText()) || !inc.getText().includes(name)) st.fail(inc, shape);
  const body = loop.getStatement();
  const assigned = body
    .getDescendants()
    .some(
      (d) =>
        (Node.isBinaryExpression(d) && /^[-+*/?|&]?\??=$/.test(d.getOperatorToken().getText()) && d.getLeft().getText() === name) ||
        ((Node.isPostfixUnaryExpression(d) || Node.isPrefixUnaryExpression(d)) && d.getOperand().getText() === name),
    );
  if (assigned) st.fail(body, `the loop body changes ${name}; Perl's range is fixed when the loop starts`);
  const bound = cond.getRight();
  const assignedInBody = assignedTexts(body);
  const pureCall =
    Node.isCallExpression(bound) &&
    Node.isIdentifier(bound.getExpression()) &&
    IMPORTED_FUNCTIONS[st.ex.mod.imports.get(bound.getExpression().getText())?.name ?? '']?.pure === true &&
    bound.getArguments().every((a) => Node.isIdentifier(a) && !assignedInBody.some((t) => t === a.getText() || t.startsWith(`${a.getText()}.`)));
  const boundOk =
    Node.isNumericLiteral(bound) ||
    pureCall ||
    (Node.isIdentifier(bound) && st.ex.scope.lookup(bound.getText())?.mutable === false) ||
    (Node.isPropertyAccessExpression(bound) && bound.getName() === 'length' && !body.getText().includes('.push('));
  if (!boundOk) st.fail(bound, 'the loop bound must be a literal, a const, or the length of an array the loop does not grow');
  const from = st.ex.lower(start);
  const to = st.ex.lower(bound);
  if (from.t.k !== 'num' || to.t.k !== 'num') st.fail(node, 'loop bounds must be numbers');
  let last: PerlExpr = to.p;
  if (cmp === '<')
    last =
      to.p.k === 'num' && /^\d+$/.test(to.p.text)
        ? { k: 'num', text: String(Number(to.p.text) - 1) }
        : { k: 'binop', op: '-', left: to.p, right: { k: 'num', text: '1' } };
  const outer = st.ex.scope;
  st.ex.scope = new Scope(outer);
  try {
    const nonNegative = from.p.k === 'num' && !from.p.text.startsWith('-');
    const v = st.declareVar(name, decl, { type: NUM, mutable: false, nonNegative });
    return { k: 'foreach', var: v, list: { k: 'range', from: from.p, to: last }, body: st.loopBody(body), origin };
  } finally {
    st.ex.scope = outer;
  }
}

export function tryStatement(st: StmtCx, t: TryStatement, origin: Origin): PerlStmt {
  const node = t;
  if (t.getFinallyBlock()) st.fail(t.getFinallyBlock(), 'finally is outside the subset');
  const c = t.getCatchClause();
  if (!c) st.fail(node, 'try needs a catch');
  const tryBlock: Block = t.getTryBlock();
  const escapes = tryBlock.getDescendants().find((d) => Node.isReturnStatement(d) || Node.isContinueStatement(d) || Node.isBreakStatement(d));
  if (escapes) st.fail(escapes, 'return/break/continue inside try: in Perl they would only leave the eval block');
  const binding = c.getVariableDeclaration();
  if (binding) {
    const name = binding.getName();
    const used = c
      .getBlock()
      .getDescendantsOfKind(SyntaxKind.Identifier)
      .some((i) => i.getText() === name);
    if (used) st.fail(binding, 'using the caught error is outside the subset ($@ text differs from JS errors)');
  }
  return { k: 'eval', body: st.body(tryBlock), handler: st.body(c.getBlock()), origin };
}

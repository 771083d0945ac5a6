/**
 * TS statements → Perl statements. Comments and blank lines between statements are kept;
 * each statement is lowered on its own so one file reports all its errors at once.
 */
import { constructedRegex, isRegExpConstruction } from './regexConstruct.ts';
import type { Block, Expression, IfStatement, Statement } from 'ts-morph';
import { Node, SyntaxKind } from './tsMorph.ts';
import type { Origin, PerlExpr, PerlStmt } from '../perl/ast.ts';
import { RESERVED_PERL_NAMES, snakeCase } from '../naming.ts';
import { listOf, scalarOf, Scope, type LExpr, type VarInfo } from './context.ts';
import { CompileError, diagnosticAt } from './diagnostics.ts';
import { assignedTexts, translateRegexLiteral, type ExprLowerer } from './lowerExpr.ts';
import { IMPORTED_FUNCTIONS } from './mapping.ts';
import { arr, describe, isOptional, join, NUM, STR, strip, typeFromNode, type PT } from './types.ts';

/** `// text` / `/* text *\/` → comment lines without the markers. */
export function commentLines(text: string): string[] {
  if (text.startsWith('//')) return [text.replace(/^\/\/ ?/, '').trimEnd()];
  const body = text.replace(/^\/\*\*?/, '').replace(/\*\/$/, '');
  const lines = body.split('\n').map((l) => (/^\s*\*/.test(l) ? l.replace(/^\s*\* ?/, '') : l.trim()).trimEnd());
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines.map((l) => l.trim() === '' ? '' : l);
}

/** Re-wrap comment lines that would pass `width` columns, never leaving one word alone on the last line. */
export function wrapComment(lines: string[], width: number): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (line.length <= width) {
      out.push(line);
      continue;
    }
    const start = out.length;
    let current = '';
    for (const word of line.split(' ')) {
      if (current !== '' && current.length + 1 + word.length > width) {
        out.push(current);
        current = word;
      } else {
        current = current === '' ? word : `${current} ${word}`;
      }
    }
    if (current !== '') out.push(current);
    // No lone word on the last line: the line before hands it its last word.
    const last = out.length - 1;
    const prev = out[last - 1];
    if (out[last] !== undefined && !out[last]!.includes(' ') && prev?.includes(' ') && out.length - 1 > start) {
      const cut = prev.lastIndexOf(' ');
      out[last] = `${prev.slice(cut + 1)} ${out[last]}`;
      out[last - 1] = prev.slice(0, cut);
    }
  }
  return out;
}

/** A statement that never falls through: return, break, continue, die(...), or a block ending so. */
export function alwaysExits(node: Node): boolean {
  if (Node.isBlock(node)) {
    const last = node.getStatements().at(-1);
    return last !== undefined && alwaysExits(last);
  }
  if (Node.isReturnStatement(node) || Node.isContinueStatement(node) || Node.isBreakStatement(node)) return true;
  if (Node.isThrowStatement(node)) return true;
  return Node.isExpressionStatement(node) && /^die\(/.test(node.getExpression().getText());
}

export class StmtLowerer {
  private loops = 0;

  constructor(
    readonly ex: ExprLowerer,
    readonly returnType: PT,
    readonly isConstructor = false,
  ) {}

  private fail(node: Node | undefined, reason: string): never {
    throw new CompileError(node, reason);
  }

  origin(node: Node): Origin {
    const { line, column } = node.getSourceFile().getLineAndColumnAtPos(node.getStart());
    return { file: this.ex.mod.file, line, column };
  }

  /** Statements of a block (with their comments and blank lines). */
  block(nodes: Node[], level: number): PerlStmt[] {
    const out: PerlStmt[] = [];
    let prev: Node | undefined;
    for (const node of nodes) {
      if (prev && /\n[ \t]*\n/.test(node.getSourceFile().getFullText().slice(prev.getEnd(), node.getStart()))) {
        out.push({ k: 'blank' });
      }
      prev = node;
      if (Node.isCommentStatement(node) || node.getKind() === SyntaxKind.SingleLineCommentTrivia || node.getKind() === SyntaxKind.MultiLineCommentTrivia) {
        for (const line of wrapComment(commentLines(node.getText()), 98 - level * 4)) out.push({ k: 'comment', text: line });
        continue;
      }
      try {
        out.push(...this.statement(node as Statement, level));
        for (const c of (node as Statement).getTrailingCommentRanges()) {
          out.push({ k: 'comment', text: commentLines(c.getText()).join(' '), side: true });
        }
        // `if (x === undefined) return;` proves x defined for the rest of the block.
        if (Node.isIfStatement(node) && !node.getElseStatement() && alwaysExits(node.getThenStatement())) {
          this.ex.scope.markDefined(this.ex.narrowings(node.getExpression()).whenFalse);
        }
      } catch (e) {
        if (!(e instanceof CompileError)) throw e;
        if (!e.silent) this.ex.mod.diagnostics.push(diagnosticAt(this.ex.mod.file, e.node ?? node, e.message));
        if (Node.isVariableStatement(node)) {
          for (const d of node.getDeclarations()) {
            for (const id of [d.getNameNode(), ...d.getNameNode().getDescendantsOfKind(SyntaxKind.Identifier)]) {
              if (Node.isIdentifier(id) && !this.ex.scope.lookup(id.getText())) {
                this.ex.scope.declare(id.getText(), { perl: { k: 'undef' }, type: { k: 'undef' }, mutable: true, poisoned: true });
              }
            }
          }
        }
      }
    }
    return out;
  }

  private body(node: Statement, level: number): PerlStmt[] {
    const outer = this.ex.scope;
    this.ex.scope = new Scope(outer);
    try {
      if (Node.isBlock(node)) return this.block(node.getStatementsWithComments(), level);
      return this.block([node], level);
    } finally {
      this.ex.scope = outer;
    }
  }

  statement(node: Statement, level: number): PerlStmt[] {
    const origin = this.origin(node);
    if (Node.isVariableStatement(node)) return this.variables(node, origin);
    if (Node.isExpressionStatement(node)) return [this.expressionStatement(node.getExpression(), origin)];
    if (Node.isIfStatement(node)) return [this.ifStatement(node, level, origin)];
    if (Node.isReturnStatement(node)) return [this.returnStatement(node, origin)];
    if (Node.isForOfStatement(node)) return [this.forOf(node, level, origin)];
    if (Node.isForStatement(node)) return [this.forCounting(node, level, origin)];
    if (Node.isWhileStatement(node)) {
      const cond = this.ex.condition(node.getExpression());
      const proven = this.ex.narrowings(node.getExpression()).whenTrue;
      return [{ k: 'while', cond, body: this.ex.withNarrowing(proven, () => this.loopBody(node.getStatement(), level)), origin }];
    }
    if (Node.isContinueStatement(node) || Node.isBreakStatement(node)) {
      if (node.getLabel()) this.fail(node, 'labels are outside the subset');
      if (this.loops === 0) this.fail(node, 'break/continue outside a loop');
      return [{ k: 'loopctl', word: Node.isContinueStatement(node) ? 'next' : 'last', origin }];
    }
    if (Node.isTryStatement(node)) return [this.tryStatement(node, level, origin)];
    if (Node.isThrowStatement(node)) this.fail(node, "throw is outside the subset; use die('message\\n')");
    if (Node.isBlock(node)) this.fail(node, 'a bare block is outside the subset');
    if (Node.isSwitchStatement(node)) this.fail(node, 'switch is outside the subset; use if/else if');
    if (Node.isForInStatement(node)) this.fail(node, "for...in walks keys in JS order and Perl's is random; use for (const k of Object.keys(h).sort())");
    if (Node.isDoStatement(node)) this.fail(node, 'do...while is outside the subset');
    return this.fail(node, `${node.getKindName()} is outside the subset`);
  }

  private loopBody(node: Statement, level: number): PerlStmt[] {
    this.loops++;
    try {
      return this.body(node, level + 1);
    } finally {
      this.loops--;
    }
  }

  // -------------------------------------------------------------------------------------

  /** A callback parameter: declared in scope, returned as its Perl name. */
  declareParam(name: string, node: Node, type: PT): string {
    const v = this.declareVar(name, node, { type, mutable: false });
    return (v as { name: string }).name;
  }

  private declareVar(name: string, node: Node, info: Omit<VarInfo, 'perl'> & { sigil?: '$' | '@' }): PerlExpr {
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

  private variables(node: Node, origin: Origin): PerlStmt[] {
    const stmt = node.asKindOrThrow(SyntaxKind.VariableStatement);
    const list = stmt.getDeclarationList();
    const mutable = list.getText().startsWith('let');
    if (list.getText().startsWith('var')) this.fail(node, 'var is outside the subset; use const or let');
    const out: PerlStmt[] = [];
    for (const decl of list.getDeclarations()) {
      const nameNode = decl.getNameNode();
      const init = decl.getInitializer();
      const annotated = decl.getTypeNode() ? typeFromNode(decl.getTypeNode(), decl) : undefined;

      if (Node.isArrayBindingPattern(nameNode)) {
        if (!init) this.fail(decl, 'destructuring needs an initializer');
        const captures = this.captures(nameNode, init, mutable, origin);
        if (captures) {
          out.push(captures);
          continue;
        }
        const value = this.ex.lower(init);
        const t = strip(value.t);
        if (t.k !== 'tuple' && t.k !== 'arr') this.fail(init, `destructuring ${describe(value.t)}`);
        const vars: PerlExpr[] = [];
        nameNode.getElements().forEach((el, i) => {
          if (Node.isOmittedExpression(el)) {
            vars.push({ k: 'undef' });
            return;
          }
          if (el.getDotDotDotToken() || !Node.isIdentifier(el.getNameNode()) || el.getInitializer()) {
            this.fail(el, 'only plain names in array destructuring');
          }
          const elType = t.k === 'tuple' ? (t.els[i] ?? { k: 'undef' }) : { k: 'opt', t: t.el } as PT;
          vars.push(this.declareVar(el.getName(), el, { type: elType, mutable }));
        });
        out.push({ k: 'my', vars, init: listOf(value, init), list: true, origin });
        continue;
      }
      if (!Node.isIdentifier(nameNode)) this.fail(nameNode, 'object destructuring is outside the subset');
      const name = nameNode.getText();

      if (init && (Node.isRegularExpressionLiteral(init) || isRegExpConstruction(init))) {
        if (mutable) this.fail(decl, 'a regex must be const');
        const re = isRegExpConstruction(init)
          ? constructedRegex(this.ex, this.ex.mod, init, 'gis')
          : translateRegexLiteral(init.getLiteralText(), 'gis', init);
        const v = this.declareVar(name, decl, { type: { k: 'regex' }, mutable: false });
        const varName = (v as { name: string }).name;
        this.ex.scope.declare(name, { perl: v, type: { k: 'regex' }, mutable: false, regex: { ...re, varName } });
        out.push({ k: 'my', vars: [v], init: { k: 'qr', regex: { source: re.source, flags: re.flags.replace('g', '') } }, origin });
        continue;
      }
      if (init) {
        const match = this.ex.execMatch(init);
        if (match) {
          const v = this.declareVar(name, decl, { type: { k: 'match', groups: match.groups }, mutable: false, sigil: '@' });
          if (mutable) this.fail(decl, 'a match result must be const');
          out.push({ k: 'my', vars: [v], init: match.p, origin });
          continue;
        }
      }
      if (!init) {
        if (!annotated) this.fail(decl, `let ${name} needs a type annotation`);
        if (!mutable) this.fail(decl, 'const needs an initializer');
        out.push({ k: 'my', vars: [this.declareVar(name, decl, { type: annotated, mutable })], origin });
        continue;
      }
      const value = this.ex.lower(init);
      if (value.form === 'list' && strip(value.t).k === 'tuple') this.fail(init, 'destructure a list of several values: const [a, b] = ...');
      let type = annotated ?? value.t;
      if (annotated && !join(annotated, value.t)) this.fail(init, `a ${describe(value.t)} assigned to ${describe(annotated)}`);
      if (type.k === 'undef') this.fail(decl, `${name} needs a type annotation`);
      if (!annotated && type.k === 'arr' && value.p.k === 'anonArray' && value.p.items.length === 0) type = arr(STR);
      const aliasTrue = !mutable && type.k === 'bool' ? this.ex.narrowings(init).whenTrue : undefined;
      const v = this.declareVar(name, decl, { type, mutable, aliasTrue });
      out.push({ k: 'my', vars: [v], init: scalarOf(value), origin });
    }
    return out;
  }

  /** `const [, a, b] = re.exec(s) ?? [];` → `my ($a, $b) = $s =~ /re/;` (undef where JS has undefined). */
  private captures(pattern: Node, init: Node, mutable: boolean, origin: Origin): PerlStmt | undefined {
    if (!Node.isBinaryExpression(init) || init.getOperatorToken().getText() !== '??') return undefined;
    const empty = init.getRight();
    if (!Node.isArrayLiteralExpression(empty) || empty.getElements().length > 0) return undefined;
    const match = this.ex.execMatch(init.getLeft());
    if (!match || !Node.isArrayBindingPattern(pattern)) return undefined;
    const [whole, ...groups] = pattern.getElements();
    if (!whole || !Node.isOmittedExpression(whole)) this.fail(pattern, 'the whole match is not kept: skip it, as in const [, a] = re.exec(s) ?? []');
    if (groups.length > match.groups) this.fail(pattern, `the regex has ${match.groups} capture group(s)`);
    const vars = groups.map((el): PerlExpr => {
      if (Node.isOmittedExpression(el)) return { k: 'undef' };
      if (el.getDotDotDotToken() || !Node.isIdentifier(el.getNameNode()) || el.getInitializer()) this.fail(el, 'only plain names in array destructuring');
      return this.declareVar(el.getName(), el, { type: { k: 'opt', t: STR }, mutable });
    });
    return { k: 'my', vars, init: match.p, list: true, origin };
  }

  private expressionStatement(expr: Expression, origin: Origin): PerlStmt {
    if (Node.isCallExpression(expr) && Node.isIdentifier(expr.getExpression())) {
      const imported = this.ex.mod.imports.get(expr.getExpression().getText());
      if (imported?.name === 'die') return this.die(expr, origin);
      if (imported?.name === 'warn' && imported.module === 'pve/perl.ts') return { ...this.die(expr, origin), fn: 'warn' };
    }
    if (Node.isBinaryExpression(expr)) {
      const op = expr.getOperatorToken().getText();
      if (['=', '+=', '-=', '??='].includes(op)) return this.assignment(expr.getLeft(), op, expr.getRight(), origin);
      if (['||=', '&&=', '*=', '/=', '%='].includes(op)) this.fail(expr, `${op} is outside the subset`);
    }
    if (Node.isPostfixUnaryExpression(expr) || Node.isPrefixUnaryExpression(expr)) {
      const op = expr.getOperatorToken();
      if (op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken) {
        const target = this.assignable(expr.getOperand());
        if (target.t.k !== 'num') this.fail(expr, `++/-- on ${describe(target.t)}`);
        return { k: 'expr', expr: { k: 'postinc', op: op === SyntaxKind.PlusPlusToken ? '++' : '--', target: target.p }, origin };
      }
    }
    if (!Node.isCallExpression(expr)) this.fail(expr, 'an expression statement must be a call or an assignment');
    const e = this.ex.lower(expr);
    return { k: 'expr', expr: e.p, origin };
  }

  private die(call: Node, origin: Origin, postfix?: PerlExpr): Extract<PerlStmt, { k: 'die' }> {
    const args = call.asKindOrThrow(SyntaxKind.CallExpression).getArguments();
    if (args.length !== 1) this.fail(call, 'die takes one message');
    const msg = this.ex.lower(args[0]!);
    if (msg.t.k !== 'str') this.fail(args[0]!, `die with ${describe(msg.t)}`);
    return { k: 'die', message: msg.p, postfix, origin };
  }

  private assignable(node: Node): LExpr {
    if (Node.isIdentifier(node)) {
      const v = this.ex.scope.lookup(node.getText());
      if (!v) this.fail(node, `${node.getText()} is not a local variable`);
      if (!v.mutable) this.fail(node, `${node.getText()} is const`);
      return { p: v.perl, t: v.type, form: 'scalar' };
    }
    if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) {
      if (Node.isElementAccessExpression(node)) {
        // Writes need no own-key guard; lower the read form only for its shape and type.
        const target = this.ex.lower(node.getExpression());
        const key = this.ex.lower(node.getArgumentExpressionOrThrow());
        const t = strip(target.t);
        if (t.k === 'hash' && key.t.k === 'str') {
          return { p: { k: 'elem', base: target.p, key: key.p, brackets: '{}', arrow: true }, t: t.val, form: 'scalar' };
        }
      }
      const e = this.ex.lower(node);
      if (e.p.k !== 'elem') this.fail(node, 'not assignable');
      return e;
    }
    return this.fail(node, 'not assignable');
  }

  private assignment(left: Node, op: string, right: Node, origin: Origin): PerlStmt {
    const target = this.assignable(left);
    // `@rest = [...]` would store one array reference in the list
    if (target.p.k === 'var' && target.p.sigil === '@') this.fail(left, 'a rest parameter cannot be reassigned; copy it to a let first');
    const value = this.ex.lower(right);
    const tt = strip(target.t);
    const vt = strip(value.t);
    let perlOp = '=';
    if (op === '+=') {
      if (tt.k === 'str' && (vt.k === 'str' || vt.k === 'num') && !isOptional(value.t)) perlOp = '.=';
      else if (tt.k === 'num' && vt.k === 'num' && !isOptional(value.t)) perlOp = '+=';
      else this.fail(left.getParent(), `+= of ${describe(value.t)} onto ${describe(target.t)}`);
      if (isOptional(target.t)) this.fail(left, `${left.getText()} may be undefined`);
    } else if (op === '-=') {
      if (tt.k !== 'num' || vt.k !== 'num' || isOptional(target.t) || isOptional(value.t)) this.fail(left.getParent(), '-= needs numbers');
      perlOp = '-=';
    } else if (op === '??=') {
      perlOp = '//=';
    } else if (!join(target.t, value.t) && target.t.k !== 'hash') {
      this.fail(right, `a ${describe(value.t)} assigned to ${describe(target.t)}`);
    }
    return { k: 'expr', expr: { k: 'assign', op: perlOp, target: target.p, value: scalarOf(value) }, origin };
  }

  private simpleStatement(node: Statement): boolean {
    if (Node.isReturnStatement(node) || Node.isContinueStatement(node) || Node.isBreakStatement(node)) return true;
    if (!Node.isExpressionStatement(node)) return false;
    const e = node.getExpression();
    return Node.isCallExpression(e) || (Node.isBinaryExpression(e) && /^(?:=|\+=|-=|\?\?=)$/.test(e.getOperatorToken().getText()));
  }

  private ifStatement(node: Node, level: number, origin: Origin): PerlStmt {
    const first = node.asKindOrThrow(SyntaxKind.IfStatement);
    const then = first.getThenStatement();
    if (!first.getElseStatement() && !Node.isBlock(then) && this.simpleStatement(then)) {
      // `if (c) return x;` → upstream's postfix `return $x if $c;`
      const cond = this.ex.condition(first.getExpression());
      const guard = this.ex.guardOf(first.getExpression());
      const proven = this.ex.narrowings(first.getExpression()).whenTrue;
      const [stmt] = this.ex.withNarrowing(proven, () => this.ex.withGuard(guard, () => this.statement(then, level)));
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
        const n = this.ex.withNarrowing([...falsified], () => this.ex.narrowings(ifNode.getExpression()));
        const cond = this.ex.withNarrowing([...falsified], () => this.ex.condition(ifNode.getExpression()));
        const guard = this.ex.guardOf(ifNode.getExpression());
        const thenNode = ifNode.getThenStatement();
        const body = this.ex.withNarrowing([...falsified, ...n.whenTrue], () =>
          this.ex.withGuard(guard, () => this.body(thenNode, level + 1)),
        );
        branches.push({ cond, body });
        falsified.push(...n.whenFalse);
        current = ifNode.getElseStatement();
      } else {
        const elseNode = current as Statement;
        elseBody = this.ex.withNarrowing([...falsified], () => this.body(elseNode, level + 1));
        current = undefined;
      }
    }
    return { k: 'if', branches, else: elseBody, origin };
  }

  private returnStatement(node: Node, origin: Origin): PerlStmt {
    if (this.isConstructor) this.fail(node, 'return inside the constructor');
    const expr = node.asKindOrThrow(SyntaxKind.ReturnStatement).getExpression();
    if (!expr || (Node.isIdentifier(expr) && expr.getText() === 'undefined')) return { k: 'return', origin };
    const want = this.returnType;
    if (want.k === 'tuple' && Node.isArrayLiteralExpression(expr)) {
      const items = expr.getElements().map((e) => scalarOf(this.ex.lower(e)));
      return { k: 'return', value: { k: 'list', items }, origin };
    }
    const value = this.ex.lower(expr);
    if (want.k === 'void') this.fail(expr, 'returning a value from a void method');
    if (!join(want, value.t) && want.k !== 'tuple') this.fail(expr, `returning ${describe(value.t)} where ${describe(want)} is declared`);
    if (value.form === 'list' && strip(value.t).k === 'tuple') return { k: 'return', value: value.p, origin };
    return { k: 'return', value: scalarOf(value), origin };
  }

  private forOf(node: Node, level: number, origin: Origin): PerlStmt {
    const loop = node.asKindOrThrow(SyntaxKind.ForOfStatement);
    if (loop.isAwaited()) this.fail(node, 'for await is outside the subset');
    const init = loop.getInitializer();
    if (!Node.isVariableDeclarationList(init) || init.getDeclarations().length !== 1) this.fail(init, 'for (const x of ...) only');
    const decl = init.getDeclarations()[0]!;
    if (!Node.isIdentifier(decl.getNameNode())) this.fail(decl, 'destructuring loop variables is outside the subset');
    const iterable = this.ex.lower(loop.getExpression());
    const t = strip(iterable.t);
    if (t.k !== 'arr' || isOptional(iterable.t)) this.fail(loop.getExpression(), `iterating ${describe(iterable.t)}`);
    const keysOf = /^Object\.keys\((.+)\)\.sort\(\)$/.exec(loop.getExpression().getText())?.[1];
    const list = listOf(iterable, loop.getExpression());
    const outer = this.ex.scope;
    this.ex.scope = new Scope(outer);
    try {
      const v = this.declareVar(decl.getName(), decl, { type: t.el, mutable: false, ownKeyOf: keysOf });
      return { k: 'foreach', var: v, list, body: this.loopBody(loop.getStatement(), level), origin };
    } finally {
      this.ex.scope = outer;
    }
  }

  /** `for (let i = A; i < B; i++)` → `for my $i (A .. B - 1)`. */
  private forCounting(node: Node, level: number, origin: Origin): PerlStmt {
    const loop = node.asKindOrThrow(SyntaxKind.ForStatement);
    const shape = 'only for (let i = A; i < B; i++) counting loops are in the subset';
    const init = loop.getInitializer();
    if (!Node.isVariableDeclarationList(init) || init.getDeclarations().length !== 1) this.fail(node, shape);
    const decl = init.getDeclarations()[0]!;
    const name = decl.getName();
    const start = decl.getInitializer();
    const cond = loop.getCondition();
    const inc = loop.getIncrementor();
    if (!start || !cond || !inc || !Node.isBinaryExpression(cond)) this.fail(node, shape);
    const cmp = cond.getOperatorToken().getText();
    if (cond.getLeft().getText() !== name || (cmp !== '<' && cmp !== '<=')) this.fail(cond, shape);
    if (!/^(?:\+\+\s*(\w+)|(\w+)\s*\+\+|(\w+)\s*\+=\s*1)$/.test(inc.getText()) || !inc.getText().includes(name)) this.fail(inc, shape);
    const body = loop.getStatement();
    const assigned = body.getDescendants().some(
      (d) =>
        ((Node.isBinaryExpression(d) && /^[-+*/?|&]?\??=$/.test(d.getOperatorToken().getText()) && d.getLeft().getText() === name) ||
          ((Node.isPostfixUnaryExpression(d) || Node.isPrefixUnaryExpression(d)) && d.getOperand().getText() === name)),
    );
    if (assigned) this.fail(body, `the loop body changes ${name}; Perl's range is fixed when the loop starts`);
    const bound = cond.getRight();
    const assignedInBody = assignedTexts(body);
    const pureCall =
      Node.isCallExpression(bound) &&
      Node.isIdentifier(bound.getExpression()) &&
      IMPORTED_FUNCTIONS[this.ex.mod.imports.get(bound.getExpression().getText())?.name ?? '']?.pure === true &&
      bound.getArguments().every((a) => Node.isIdentifier(a) && !assignedInBody.some((t) => t === a.getText() || t.startsWith(`${a.getText()}.`)));
    const boundOk =
      Node.isNumericLiteral(bound) ||
      pureCall ||
      (Node.isIdentifier(bound) && this.ex.scope.lookup(bound.getText())?.mutable === false) ||
      (Node.isPropertyAccessExpression(bound) && bound.getName() === 'length' && !body.getText().includes('.push('));
    if (!boundOk) this.fail(bound, 'the loop bound must be a literal, a const, or the length of an array the loop does not grow');
    const from = this.ex.lower(start);
    const to = this.ex.lower(bound);
    if (from.t.k !== 'num' || to.t.k !== 'num') this.fail(node, 'loop bounds must be numbers');
    let last: PerlExpr = to.p;
    if (cmp === '<') last = to.p.k === 'num' && /^\d+$/.test(to.p.text) ? { k: 'num', text: String(Number(to.p.text) - 1) } : { k: 'binop', op: '-', left: to.p, right: { k: 'num', text: '1' } };
    const outer = this.ex.scope;
    this.ex.scope = new Scope(outer);
    try {
      const nonNegative = from.p.k === 'num' && !from.p.text.startsWith('-');
      const v = this.declareVar(name, decl, { type: NUM, mutable: false, nonNegative });
      return { k: 'foreach', var: v, list: { k: 'range', from: from.p, to: last }, body: this.loopBody(body, level), origin };
    } finally {
      this.ex.scope = outer;
    }
  }

  private tryStatement(node: Node, level: number, origin: Origin): PerlStmt {
    const t = node.asKindOrThrow(SyntaxKind.TryStatement);
    if (t.getFinallyBlock()) this.fail(t.getFinallyBlock(), 'finally is outside the subset');
    const c = t.getCatchClause();
    if (!c) this.fail(node, 'try needs a catch');
    const tryBlock: Block = t.getTryBlock();
    const escapes = tryBlock.getDescendants().find(
      (d) => Node.isReturnStatement(d) || Node.isContinueStatement(d) || Node.isBreakStatement(d),
    );
    if (escapes) this.fail(escapes, 'return/break/continue inside try: in Perl they would only leave the eval block');
    const binding = c.getVariableDeclaration();
    if (binding) {
      const name = binding.getName();
      const used = c.getBlock().getDescendantsOfKind(SyntaxKind.Identifier).some((i) => i.getText() === name);
      if (used) this.fail(binding, 'using the caught error is outside the subset ($@ text differs from JS errors)');
    }
    return { k: 'eval', body: this.body(tryBlock, level + 1), handler: this.body(c.getBlock(), level + 1), origin };
  }
}

export { STR };

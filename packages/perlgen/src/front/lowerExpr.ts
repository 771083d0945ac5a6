/**
 * TS expressions → Perl expressions, checking the subset as it goes. Operators, methods
 * and calls are looked up in mapping.ts; this file handles the syntax around them and the
 * semantic checks that need types (undefined, truthiness, hash order, string vs number).
 */
import type { BinaryExpression, CallExpression, ElementAccessExpression, Expression, PropertyAccessExpression } from 'ts-morph';
import { Node, SyntaxKind } from './tsMorph.ts';
import type { HashEntry, PerlExpr, PerlStmt } from '../perl/ast.ts';
import { RegexError, translateReplacement, translateRegex, type TranslatedRegex } from '../perl/regex.ts';
import { interpolatable } from '../perl/printExpr.ts';
import { PLUGIN_HASH_FIELDS } from '../facts/proxmoxSubs.ts';
import { snakeCase } from '../naming.ts';
import { listOf, scalarOf, Scope, type LExpr, type OwnCallable, type VarInfo } from './context.ts';
import { CompileError } from './diagnostics.ts';
import {
  ARRAY_METHODS,
  BASE_METHODS,
  BINARY_OPERATORS,
  GLOBAL_CALLS,
  IMPORTED_FUNCTIONS,
  OBJECT_FIELDS,
  PRELUDE,
  REFUSED_ARRAY_METHODS,
  REFUSED_GLOBALS,
  REFUSED_OPERATORS,
  REFUSED_STRING_METHODS,
  STRING_METHODS,
  type ExprCx,
} from './mapping.ts';
import type { ModuleInfo } from './module.ts';
import { StmtLowerer } from './lowerStmt.ts';
import { arr, BOOL, describe, hash, isOptional, join, NUM, opt, STR, strip, typeFromNode, UNDEF, VOID, type PT } from './types.ts';
import { constructedRegex, isRegExpConstruction } from './regexConstruct.ts';

/** An expression's text as a narrowing key: `net.name`, `ip`, `h['k']`. */
export function narrowKey(node: Node): string {
  let n = node;
  while (Node.isParenthesizedExpression(n) || Node.isNonNullExpression(n) || Node.isAsExpression(n)) n = n.getExpression();
  return n.getText().replace(/\s+/g, '').replace(/\?\./g, '.');
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

export interface Narrowing {
  whenTrue: string[];
  whenFalse: string[];
}

const scalar = (p: PerlExpr, t: PT): LExpr => ({ p, t, form: 'scalar' });
const UNDEF_EXPR: PerlExpr = { k: 'undef' };
const SELF: PerlExpr = { k: 'var', sigil: '$', name: 'self' };

/** A value nobody else holds a reference to (safe to sort: JS sorts in place). */
function isFresh(e: LExpr): boolean {
  return e.form === 'list' ? !(e.p.k === 'var') : e.p.k === 'anonArray';
}

export class ExprLowerer implements ExprCx {
  scope: Scope;
  /** `Object.hasOwn(h, k)` facts in force: `h[k]` only sees own keys. */
  private readonly guards: string[] = [];
  /** Expressions a surrounding condition proves defined (`x !== undefined && ...x...`). */
  private readonly narrowed: string[][] = [];
  /** Texts the current function assigns: never narrowed (see assignedTexts). */
  assigned: string[] = [];

  constructor(
    readonly mod: ModuleInfo,
    scope: Scope,
    readonly hasSelf: boolean,
  ) {
    this.scope = scope;
  }

  fail(node: Node | undefined, reason: string): never {
    throw new CompileError(node, reason);
  }

  use(module: string): void {
    if (module) this.mod.uses.add(module);
  }

  withGuard<T>(guard: string | undefined, fn: () => T): T {
    if (guard) this.guards.push(guard);
    try {
      return fn();
    } finally {
      if (guard) this.guards.pop();
    }
  }

  withNarrowing<T>(texts: string[], fn: () => T): T {
    this.narrowed.push(texts);
    try {
      return fn();
    } finally {
      this.narrowed.pop();
    }
  }

  /** Whether `text` is proven defined here and nothing in the function reassigns it. */
  isNarrowed(text: string): boolean {
    const proven = this.narrowed.some((l) => l.includes(text)) || this.scope.isDefined(text);
    if (!proven) return false;
    return !this.assigned.some((a) => text === a || text.startsWith(`${a}.`) || text.startsWith(`${a}[`));
  }

  /** What a condition proves about undefined-ness when true and when false. */
  narrowings(cond: Node): Narrowing {
    if (Node.isParenthesizedExpression(cond)) return this.narrowings(cond.getExpression());
    if (Node.isPrefixUnaryExpression(cond) && cond.getOperatorToken() === SyntaxKind.ExclamationToken) {
      const inner = this.narrowings(cond.getOperand());
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
        const a = this.narrowings(l);
        const b2 = this.narrowings(r);
        return { whenTrue: [...a.whenTrue, ...b2.whenTrue], whenFalse: [] };
      }
      if (op === '||') {
        const a = this.narrowings(l);
        const b2 = this.narrowings(r);
        return { whenTrue: [], whenFalse: [...a.whenFalse, ...b2.whenFalse] };
      }
    }
    if (Node.isIdentifier(cond)) {
      const alias = this.scope.lookup(cond.getText())?.aliasTrue;
      if (alias) return { whenTrue: alias, whenFalse: [] };
    }
    return { whenTrue: [], whenFalse: [] };
  }

  /** Apply narrowing to a freshly lowered name or member. */
  private narrowed_(node: Node, e: LExpr): LExpr {
    if (e.t.k === 'opt' && this.isNarrowed(narrowKey(node))) return { ...e, t: e.t.t };
    return e;
  }

  prelude(name: keyof typeof PRELUDE): string {
    this.mod.prelude.add(name);
    return name;
  }

  anonymousSub(node: Node, bindings: PT[]): PerlExpr {
    if (!Node.isArrowFunction(node)) return this.fail(node, 'expected an arrow function');
    const body = node.getBody();
    if (!Node.isBlock(body)) return this.fail(body, 'this callback needs a block body');
    const outer = this.scope;
    this.scope = new Scope(outer);
    try {
      const returns = node.getReturnTypeNode() ? this.typeOf(node) : VOID;
      const st = new StmtLowerer(this, returns);
      const params = node.getParameters().map((p, i) => {
        if (!Node.isIdentifier(p.getNameNode()) || p.getDotDotDotToken()) this.fail(p, 'callback parameters must be plain names');
        return st.declareParam(p.getName(), p, bindings[i]!);
      });
      const stmts: PerlStmt[] = st.block(body.getStatementsWithComments(), 2);
      return { k: 'anonsub', params, body: stmts };
    } finally {
      this.scope = outer;
    }
  }

  private typeOf(node: Node & { getReturnTypeNode(): Node | undefined }): PT {
    return typeFromNode(node.getReturnTypeNode() as Parameters<typeof typeFromNode>[0], node);
  }

  /** The `Object.hasOwn(h, k)` a condition asserts (directly or as an `&&` conjunct). */
  guardOf(cond: Node): string | undefined {
    if (Node.isParenthesizedExpression(cond)) return this.guardOf(cond.getExpression());
    if (Node.isBinaryExpression(cond) && cond.getOperatorToken().getText() === '&&') {
      return this.guardOf(cond.getLeft()) ?? this.guardOf(cond.getRight());
    }
    if (Node.isCallExpression(cond) && cond.getExpression().getText() === 'Object.hasOwn') {
      const [h, k] = cond.getArguments();
      if (h && k) return `${h.getText()}[${unwrap(k).getText()}]`;
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------

  lower(node: Node): LExpr {
    if (Node.isParenthesizedExpression(node)) return this.lower(node.getExpression());
    if (Node.isNonNullExpression(node)) {
      const e = this.lower(node.getExpression());
      return { ...e, t: e.t.k === 'match' ? e.t : strip(e.t) };
    }
    if (Node.isAsExpression(node) || Node.isSatisfiesExpression(node) || Node.isTypeAssertion(node)) {
      return this.lower(node.getExpression());
    }
    if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) {
      return scalar({ k: 'str', value: node.getLiteralValue() }, STR);
    }
    if (Node.isNumericLiteral(node)) return this.number(node);
    if (node.getKind() === SyntaxKind.TrueKeyword) return scalar({ k: 'num', text: '1' }, BOOL);
    if (node.getKind() === SyntaxKind.FalseKeyword) return scalar({ k: 'num', text: '0' }, BOOL);
    if (node.getKind() === SyntaxKind.NullKeyword) this.fail(node, 'null is outside the subset (use undefined, which becomes undef)');
    if (Node.isIdentifier(node)) return this.narrowed_(node, this.identifier(node.getText(), node));
    if (Node.isTemplateExpression(node)) return this.template(node);
    if (Node.isPrefixUnaryExpression(node)) return this.prefix(node);
    if (Node.isBinaryExpression(node)) return this.binary(node);
    if (Node.isConditionalExpression(node)) return this.conditional(node);
    if (Node.isCallExpression(node)) return this.call(node);
    if (Node.isPropertyAccessExpression(node)) return this.narrowed_(node, this.property(node));
    if (Node.isElementAccessExpression(node)) return this.narrowed_(node, this.element(node));
    if (Node.isObjectLiteralExpression(node)) return this.objectLiteral(node);
    if (Node.isArrayLiteralExpression(node)) return this.arrayLiteral(node);
    if (Node.isRegularExpressionLiteral(node) || isRegExpConstruction(node)) {
      this.fail(node, 'a regex must be used directly (re.test(s), re.exec(s), s.replace(re, ...)) or held in a const');
    }
    if (Node.isNewExpression(node)) this.fail(node, 'new is outside the subset (only new RegExp(...))');
    if (Node.isPostfixUnaryExpression(node)) this.fail(node, 'i++/i-- only as a statement of its own');
    if (Node.isArrowFunction(node)) this.fail(node, 'arrow functions only as callbacks of map/filter/some/every/replace');
    if (node.getKind() === SyntaxKind.ThisKeyword) this.fail(node, 'this only as this.field or this.method(...)');
    return this.fail(node, `${node.getKindName()} is outside the subset`);
  }

  /** A condition: must be boolean (or a match result, or possibly-undefined boolean). */
  condition(node: Node): PerlExpr {
    const e = this.lower(node);
    if (e.t.k === 'match') return e.p;
    if (strip(e.t).k !== 'bool') {
      this.fail(
        node,
        `a condition must be a boolean, found ${describe(e.t)}: JS and Perl disagree on the truth of "0" ` +
          "and ''; compare explicitly or use perlTrue(x)",
      );
    }
    return e.p;
  }

  private number(node: Node): LExpr {
    // The raw spelling: getLiteralText() would give the decimal value of 0o755.
    const text = node.getText().replace(/_/g, '');
    if (/^0[oO][0-7]+$/.test(text)) {
      // Leading-zero literals trip perlcritic's ProhibitLeadingZeros; oct() says the same.
      return scalar({ k: 'call', fn: 'oct', args: [{ k: 'str', value: `0${text.slice(2)}` }] }, NUM);
    }
    if (/^0[xX][0-9a-fA-F]+$/.test(text)) return scalar({ k: 'num', text: text.toLowerCase() }, NUM);
    if (!/^(0|[1-9][0-9]*)$/.test(text)) this.fail(node, 'only integer literals (floats print differently in Perl)');
    if (Number(text) > Number.MAX_SAFE_INTEGER) this.fail(node, 'integers beyond 2^53 lose precision in JS');
    return scalar({ k: 'num', text }, NUM);
  }

  identifier(name: string, node: Node): LExpr {
    if (name === 'undefined') return scalar(UNDEF_EXPR, UNDEF);
    const local = this.scope.lookup(name);
    if (local?.poisoned) throw new CompileError(node, `${name} failed to compile`, true);
    if (local && !local.regex) return this.varExpr(local);
    const constant = this.mod.constants.get(name);
    if (constant) return this.varExpr(constant);
    if (this.mod.regexes.has(name) || local?.regex) this.fail(node, 'a regex constant must be used directly (RE.test(s), RE.exec(s))');
    if (name === 'NaN' || name === 'Infinity') this.fail(node, `${name} has no faithful Perl spelling`);
    if (this.mod.imports.has(name)) this.fail(node, `${name} can only be called here`);
    return this.fail(node, `unknown name ${name}`);
  }

  private varExpr(v: VarInfo): LExpr {
    if (v.type.k === 'match') return { p: v.perl, t: v.type, form: 'scalar' };
    if (v.perl.k === 'var' && v.perl.sigil === '@') return { p: v.perl, t: v.type, form: 'list' };
    return scalar(v.perl, v.type);
  }

  private template(node: Node): LExpr {
    const tpl = node.asKindOrThrow(SyntaxKind.TemplateExpression);
    // getLiteralText() is the cooked text (escapes applied), as JS evaluates it.
    const parts: Array<string | PerlExpr> = [tpl.getHead().getLiteralText()];
    for (const span of tpl.getTemplateSpans()) {
      const e = this.lower(span.getExpression());
      const k = e.t.k;
      if (k !== 'str' && k !== 'num') {
        this.fail(
          span.getExpression(),
          `only strings and numbers can be interpolated, found ${describe(e.t)}` +
            (isOptional(e.t) ? ' (JS would print "undefined", Perl "")' : ''),
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
      const piece: PerlExpr =
        pending.length === 1 && typeof pending[0] === 'string' ? { k: 'str', value: pending[0] } : { k: 'interp', parts: pending };
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

  private prefix(node: Node): LExpr {
    const pre = node.asKindOrThrow(SyntaxKind.PrefixUnaryExpression);
    const op = pre.getOperatorToken();
    const operand = pre.getOperand();
    if (op === SyntaxKind.ExclamationToken) {
      const inner = this.condition(operand);
      if (inner.k === 'match' && inner.target) return scalar({ ...inner, negate: !inner.negate }, BOOL);
      return scalar({ k: 'unop', op: '!', operand: inner }, BOOL);
    }
    if (op === SyntaxKind.MinusToken) {
      const e = this.lower(operand);
      if (e.t.k !== 'num') this.fail(node, `unary minus of ${describe(e.t)}`);
      return scalar({ k: 'unop', op: '-', operand: e.p }, NUM);
    }
    return this.fail(node, `the prefix operator ${node.getText().slice(0, 2)} is outside the subset`);
  }

  private binary(node: BinaryExpression): LExpr {
    const opText = node.getOperatorToken().getText();
    if (opText === '??') return this.nullish(node);
    if (/^(?:=|\+=|-=|\?\?=|\|\|=|&&=)$/.test(opText)) {
      this.fail(node, 'assignments only as statements of their own');
    }
    const refused = REFUSED_OPERATORS[opText];
    if (refused) this.fail(node, refused);
    const row = BINARY_OPERATORS[opText];
    if (!row) return this.fail(node, `the operator ${opText} is outside the subset`);

    if ((opText === '===' || opText === '!==') && (isUndefinedLiteral(node.getLeft()) || isUndefinedLiteral(node.getRight()))) {
      const other = isUndefinedLiteral(node.getLeft()) ? node.getRight() : node.getLeft();
      const e = this.lower(other);
      if (e.t.k === 'match') {
        return scalar(opText === '===' ? { k: 'unop', op: '!', operand: e.p } : e.p, BOOL);
      }
      const defined: PerlExpr = { k: 'named', op: 'defined', operand: scalarOf(e) };
      return scalar(opText === '===' ? { k: 'unop', op: '!', operand: defined } : defined, BOOL);
    }
    if (opText === '&&' || opText === '||') {
      const left = this.condition(node.getLeft());
      const guard = opText === '&&' ? this.guardOf(node.getLeft()) : undefined;
      const n = this.narrowings(node.getLeft());
      const right = this.withNarrowing(opText === '&&' ? n.whenTrue : n.whenFalse, () =>
        this.withGuard(guard, () => this.condition(node.getRight())),
      );
      return scalar({ k: 'binop', op: row.bool!, left, right }, BOOL);
    }
    if (opText === '&') {
      const masks = [node.getLeft(), node.getRight()].filter((x) => Node.isNumericLiteral(x));
      const maskOk = masks.some((m) => {
        const v = Number(m.getText().replace(/_/g, ''));
        return Number.isInteger(v) && v >= 0 && v <= 0x7fffffff;
      });
      if (!maskOk) this.fail(node, '& only with a literal mask below 2^31 (JS works on 32-bit signed integers)');
    }

    const left = this.lower(node.getLeft());
    const right = this.lower(node.getRight());
    const lk = strip(left.t).k;
    const rk = strip(right.t).k;
    const optional = isOptional(left.t) || isOptional(right.t);
    const comparison = row.result === 'bool';

    if (opText === '+' && !optional && ((lk === 'str' && (rk === 'str' || rk === 'num')) || (lk === 'num' && rk === 'str'))) {
      return scalar({ k: 'binop', op: '.', left: left.p, right: right.p }, STR);
    }
    if (lk === 'bool' || rk === 'bool') {
      this.fail(node, `${opText} on booleans: Perl has no boolean values to compare`);
    }
    if (lk !== rk || (lk !== 'str' && lk !== 'num')) {
      this.fail(node, `${opText} between ${describe(left.t)} and ${describe(right.t)} is outside the subset`);
    }
    const perlOp = lk === 'str' ? row.str : row.num;
    if (!perlOp) return this.fail(node, `${opText} on ${describe(left.t)}`);
    if (optional && !(comparison && (opText === '===' || opText === '!=='))) {
      this.fail(node, `${opText} with a possibly undefined operand: Perl treats undef as '' or 0`);
    }
    const cmp: PerlExpr = { k: 'binop', op: perlOp, left: scalarOf(left), right: scalarOf(right) };
    if (!optional) return scalar(cmp, comparison ? BOOL : strip(left.t));
    // `x === 'a'` with x possibly undefined: undef must not compare equal to ''.
    if (isOptional(left.t) && isOptional(right.t)) {
      if (!isPlainValue(left.p) || !isPlainValue(right.p)) {
        this.fail(node, `${opText} between two possibly undefined values: bind them to consts first`);
      }
      const dl: PerlExpr = { k: 'named', op: 'defined', operand: left.p };
      const dr: PerlExpr = { k: 'named', op: 'defined', operand: right.p };
      const notDr: PerlExpr = { k: 'unop', op: '!', operand: dr };
      // undefined === undefined in JS; Perl compares undef as ''.
      return scalar(
        opText === '==='
          ? { k: 'ternary', cond: dl, then: { k: 'binop', op: '&&', left: dr, right: cmp }, else: notDr }
          : { k: 'ternary', cond: dl, then: { k: 'binop', op: '||', left: notDr, right: cmp }, else: dr },
        BOOL,
      );
    }
    if (!isPlainValue(isOptional(left.t) ? left.p : right.p)) {
      this.fail(node, `${opText} with a possibly undefined call result: bind it to a const first`);
    }
    const maybe = isOptional(left.t) ? left.p : right.p;
    const defined: PerlExpr = { k: 'named', op: 'defined', operand: maybe };
    return scalar(
      opText === '==='
        ? { k: 'binop', op: '&&', left: defined, right: cmp }
        : { k: 'binop', op: '||', left: { k: 'unop', op: '!', operand: defined }, right: cmp },
      BOOL,
    );
  }

  private nullish(node: BinaryExpression): LExpr {
    const left = this.lower(node.getLeft());
    const right = this.lower(node.getRight());
    const t = join(strip(left.t), right.t);
    if (!t || left.form === 'list' || right.form === 'list') {
      this.fail(node, `?? between ${describe(left.t)} and ${describe(right.t)}`);
    }
    return scalar({ k: 'binop', op: '//', left: left.p, right: right.p }, t);
  }

  private conditional(node: Node): LExpr {
    const c = node.asKindOrThrow(SyntaxKind.ConditionalExpression);
    const cond = this.condition(c.getCondition());
    const guard = this.guardOf(c.getCondition());
    const n = this.narrowings(c.getCondition());
    const whenTrue = this.withNarrowing(n.whenTrue, () => this.withGuard(guard, () => this.lower(c.getWhenTrue())));
    const whenFalse = this.withNarrowing(n.whenFalse, () => this.lower(c.getWhenFalse()));
    const t = join(whenTrue.t, whenFalse.t);
    if (!t) this.fail(node, `the branches have different types: ${describe(whenTrue.t)} and ${describe(whenFalse.t)}`);
    return scalar({ k: 'ternary', cond, then: scalarOf(whenTrue), else: scalarOf(whenFalse) }, t);
  }

  // -------------------------------------------------------------------------------------
  // Calls

  regexLiteral(node: Node, allowedFlags: string): TranslatedRegex | undefined {
    if (Node.isIdentifier(node)) {
      const re = this.scope.lookup(node.getText())?.regex ?? this.mod.regexes.get(node.getText());
      if (re && [...re.flags].some((f) => f !== 'a' && f !== 'm' && !allowedFlags.includes(f))) {
        this.fail(node, `the regex flags ${re.flags} are not allowed here`);
      }
      return re;
    }
    if (isRegExpConstruction(node)) return constructedRegex(this, this.mod, node, allowedFlags);
    if (!Node.isRegularExpressionLiteral(node)) return undefined;
    return translateRegexLiteral(node.getLiteralText(), allowedFlags, node);
  }

  callback(node: Node, bindings: Array<{ type: PT; perl: PerlExpr }>): LExpr {
    if (!Node.isArrowFunction(node)) return this.fail(node, 'expected an arrow function (x) => expr');
    const params = node.getParameters();
    if (params.length > bindings.length) this.fail(node, `this callback takes at most ${bindings.length} parameter(s)`);
    const body = node.getBody();
    if (!Node.isExpression(body)) return this.fail(body, 'callback bodies must be a single expression');
    const outer = this.scope;
    this.scope = new Scope(outer);
    try {
      params.forEach((p, i) => {
        if (p.getDotDotDotToken() || !Node.isIdentifier(p.getNameNode())) this.fail(p, 'callback parameters must be plain names');
        const name = p.getName();
        // `$_` is one variable: a nested callback would shadow the outer one's.
        if (bindings[i]!.perl.k === 'var' && (bindings[i]!.perl as { name: string }).name === '_' && outer.lookup('$_')) {
          this.fail(p, 'nested callbacks both using $_');
        }
        this.scope.declare(name, { perl: bindings[i]!.perl, type: bindings[i]!.type, mutable: false });
      });
      if (bindings[0]?.perl.k === 'var' && (bindings[0].perl as { name: string }).name === '_') {
        this.scope.declare('$_', { perl: bindings[0].perl, type: bindings[0].type, mutable: false });
      }
      return this.lower(body);
    } finally {
      this.scope = outer;
    }
  }

  private args(call: CallExpression): Expression[] {
    if (call.hasQuestionDotToken()) this.fail(call, 'optional calls (f?.()) are outside the subset');
    if (call.getTypeArguments().length > 0) this.fail(call, 'type arguments on calls are outside the subset');
    return call.getArguments() as Expression[];
  }

  call(node: CallExpression): LExpr {
    const callee = node.getExpression();
    const args = this.args(node);

    if (Node.isIdentifier(callee)) return this.plainCall(callee.getText(), node, args);
    if (!Node.isPropertyAccessExpression(callee)) return this.fail(node, 'only calls of names and methods are in the subset');
    const name = callee.getName();
    const target = callee.getExpression();
    if (callee.hasQuestionDotToken()) this.fail(callee, 'optional method calls are outside the subset');

    if (target.getKind() === SyntaxKind.ThisKeyword) return this.selfCall(name, node, args, false);
    if (target.getKind() === SyntaxKind.SuperKeyword) return this.selfCall(name, node, args, true);

    const qualified = `${target.getText()}.${name}`;
    const global = GLOBAL_CALLS[qualified];
    if (global) return global.lower(this, node, args, undefined);
    if (REFUSED_GLOBALS[qualified]) return this.fail(node, REFUSED_GLOBALS[qualified]!);
    if (qualified === 'Object.keys') {
      this.fail(node, "Perl's hash order is random: write Object.keys(h).sort()");
    }

    const re = this.regexLiteral(target, name === 'exec' ? 'is' : 'is');
    if (re) return this.regexCall(re, name, node, args);

    if (name === 'sort' || name === 'reverse') return this.sortCall(target, name, node, args);
    if (name === 'length') this.fail(node, 'length is a property');

    const recv = this.lower(target);
    const t = strip(recv.t);
    if (t.k === 'str') {
      const row = STRING_METHODS[name];
      if (row) return row.lower(this, node, args, recv);
      return this.fail(node, REFUSED_STRING_METHODS[name] ?? `the string method ${name} is outside the subset`);
    }
    if (t.k === 'arr' || t.k === 'tuple') {
      if (isOptional(recv.t)) this.fail(target, `${target.getText()} may be undefined`);
      const row = ARRAY_METHODS[name];
      if (row) return row.lower(this, node, args, recv);
      return this.fail(node, REFUSED_ARRAY_METHODS[name] ?? `the array method ${name} is outside the subset`);
    }
    return this.fail(node, `${name}() on ${describe(recv.t)} is outside the subset`);
  }

  private regexCall(re: TranslatedRegex, name: string, node: CallExpression, args: Expression[]): LExpr {
    if (name === 'test') {
      if (args.length !== 1) this.fail(node, 'test takes one argument');
      const s = this.lower(args[0]!);
      if (s.t.k !== 'str') this.fail(args[0]!, `test on ${describe(s.t)} (JS would test the text "undefined")`);
      return scalar({ k: 'match', target: s.p, negate: false, regex: perlRegex(re) }, BOOL);
    }
    if (name === 'exec') this.fail(node, 're.exec(s) only as `const m = re.exec(s);` (a list-context match)');
    return this.fail(node, `the regex method ${name} is outside the subset`);
  }

  /** `const m = re.exec(s)` → `my @m = $s =~ /re/;` (captures, or the empty list). */
  execMatch(init: Node): { p: PerlExpr; groups: number } | undefined {
    if (!Node.isCallExpression(init)) return undefined;
    const callee = init.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'exec') return undefined;
    const re = this.regexLiteral(callee.getExpression(), 'is');
    if (!re) return undefined;
    const args = this.args(init);
    if (args.length !== 1) this.fail(init, 'exec takes one argument');
    const s = this.lower(args[0]!);
    if (s.t.k !== 'str') this.fail(args[0]!, `exec on ${describe(s.t)}`);
    if (re.groups === 0) this.fail(init, 'exec of a regex without a capture group: use re.test(s)');
    return { p: { k: 'match', target: s.p, negate: false, regex: perlRegex(re) }, groups: re.groups };
  }

  private sortCall(target: Expression, name: string, node: CallExpression, args: Expression[]): LExpr {
    let recv: LExpr;
    if (Node.isCallExpression(target) && target.getExpression().getText() === 'Object.keys') {
      const keyArgs = this.args(target);
      if (keyArgs.length !== 1) this.fail(target, 'Object.keys takes one argument');
      const h = this.lower(keyArgs[0]!);
      if (strip(h.t).k !== 'hash' || isOptional(h.t)) this.fail(keyArgs[0]!, `Object.keys of ${describe(h.t)}`);
      recv = { p: { k: 'named', op: 'keys', operand: { k: 'deref', sigil: '%', ref: h.p } }, t: arr(STR), form: 'list' };
    } else {
      recv = this.lower(target);
      const t = strip(recv.t);
      if (t.k !== 'arr') this.fail(target, `${name}() on ${describe(recv.t)}`);
      if (!isFresh(recv)) this.fail(node, `${name}() changes the array in place in JS; ${name} a copy: [...a].${name}()`);
    }
    const el = (recv.t as { el: PT }).el;
    if (name === 'reverse') {
      if (args.length) this.fail(node, 'reverse takes no arguments');
      return { p: { k: 'call', fn: 'reverse', args: [listOf(recv)], bare: true }, t: recv.t, form: 'list' };
    }
    if (args.length === 0) {
      if (isOptional(el)) this.fail(node, 'sorting possibly undefined values (JS puts them last)');
      return { p: { k: 'blockcall', fn: 'sort', block: undefined, list: listOf(recv) }, t: recv.t, form: 'list' };
    }
    const cmp = args[0]!;
    const numeric = /^\(?\s*(\w+)\s*,\s*(\w+)\s*\)?\s*=>\s*(\w+)\s*-\s*(\w+)$/.exec(cmp.getText());
    if (args.length === 1 && numeric && strip(el).k === 'num' && !isOptional(el)) {
      const [, pa, pb, x, y] = numeric;
      if ((x === pa && y === pb) || (x === pb && y === pa)) {
        const [l, r] = x === pa ? ['a', 'b'] : ['b', 'a'];
        const block: PerlExpr = {
          k: 'binop',
          op: '<=>',
          left: { k: 'var', sigil: '$', name: l! },
          right: { k: 'var', sigil: '$', name: r! },
        };
        return { p: { k: 'blockcall', fn: 'sort', block, list: listOf(recv) }, t: recv.t, form: 'list' };
      }
    }
    return this.fail(cmp, 'only sort() and numeric sort((a, b) => a - b) are in the subset');
  }

  private plainCall(name: string, node: CallExpression, args: Expression[]): LExpr {
    const own = this.mod.functions.get(name);
    if (own) return this.ownCall(own, node, args, undefined);
    const imported = this.mod.imports.get(name);
    if (imported) {
      if (imported.name === 'die') this.fail(node, 'die() only as a statement of its own (or a postfix `if`)');
      const row = IMPORTED_FUNCTIONS[imported.name];
      if (row && imported.module === row.from) return row.lower(this, node, args, undefined);
      return this.fail(node, `${imported.name} from ${imported.module} has no Perl mapping`);
    }
    const global = GLOBAL_CALLS[name];
    if (global) return global.lower(this, node, args, undefined);
    if (REFUSED_GLOBALS[name]) return this.fail(node, REFUSED_GLOBALS[name]!);
    return this.fail(node, `unknown function ${name}`);
  }

  private selfCall(name: string, node: CallExpression, args: Expression[], viaSuper: boolean): LExpr {
    if (!this.hasSelf) this.fail(node, 'this is not available here');
    const own = viaSuper ? undefined : this.mod.methods.get(name);
    if (own) return this.ownCall(own, node, args, SELF);
    const perlName = snakeCase(name);
    if (!this.mod.parentSubs.has(perlName)) {
      this.fail(
        node,
        `${name} → ${perlName} is not a sub of Proxmox's ${this.mod.parent}.pm (a helper that exists only in the TS ` +
          'model would be a call into nothing on a real host)',
      );
    }
    const row = BASE_METHODS[name];
    if (!row) return this.fail(node, `no signature for the Base helper ${name} in mapping.ts`);
    const perlArgs: PerlExpr[] = [];
    args.forEach((a, i) => {
      const kind = row.params[Math.min(i, row.params.length - 1)];
      if (i >= row.params.length && kind !== 'rest') this.fail(a, `${name} takes ${row.params.length} argument(s)`);
      if (Node.isSpreadElement(a)) {
        if (kind !== 'rest') this.fail(a, 'spread only into a rest parameter');
        perlArgs.push(listOf(this.lower(a.getExpression()), a));
        return;
      }
      if (kind === 'options') {
        perlArgs.push(...this.options(a));
        return;
      }
      perlArgs.push(scalarOf(this.lower(a)));
    });
    const method = viaSuper ? `SUPER::${perlName}` : perlName;
    const p: PerlExpr = { k: 'method', invocant: SELF, name: method, args: perlArgs };
    return { p, t: row.returns, form: row.list ? 'list' : 'scalar' };
  }

  /** `{ replace: true }` → `replace => 1` flattened into the call (Perl's `%opt`). */
  private options(node: Node): PerlExpr[] {
    if (!Node.isObjectLiteralExpression(node)) return this.fail(node, 'options must be an object literal');
    const out: PerlExpr[] = [];
    for (const prop of node.getProperties()) {
      if (!Node.isPropertyAssignment(prop) || !Node.isIdentifier(prop.getNameNode())) {
        this.fail(prop, 'options must be plain `key: value` pairs');
      }
      out.push({ k: 'pair', key: prop.getName(), value: scalarOf(this.lower(prop.getInitializerOrThrow())) });
    }
    return out;
  }

  private ownCall(own: OwnCallable, node: CallExpression, args: Expression[], self: PerlExpr | undefined): LExpr {
    const perlArgs: PerlExpr[] = self && own.takesSelf && own.lexical ? [self] : [];
    args.forEach((a, i) => {
      const param = own.params[Math.min(i, own.params.length - 1)];
      if (!param || (i >= own.params.length && !param.rest)) this.fail(a, `too many arguments`);
      if (Node.isSpreadElement(a)) {
        if (!param.rest) this.fail(a, 'spread only into a rest parameter');
        perlArgs.push(listOf(this.lower(a.getExpression()), a));
      } else {
        perlArgs.push(scalarOf(this.lower(a)));
      }
    });
    const p: PerlExpr = own.lexical
      ? { k: 'codecall', code: { k: 'var', sigil: '$', name: own.perlName }, args: perlArgs }
      : { k: 'method', invocant: SELF, name: own.perlName, args: perlArgs };
    return { p, t: own.returns, form: own.returns.k === 'tuple' ? 'list' : 'scalar' };
  }

  // -------------------------------------------------------------------------------------
  // Property and element access

  private property(node: PropertyAccessExpression): LExpr {
    const name = node.getName();
    const target = node.getExpression();
    if (target.getKind() === SyntaxKind.ThisKeyword) {
      if (!this.hasSelf) this.fail(node, 'this is not available here');
      const field = this.mod.fields.get(name);
      const key = field?.key ?? PLUGIN_HASH_FIELDS[name];
      if (!key) this.fail(node, `this.${name} is neither a field of the plugin nor one Proxmox keeps on $self`);
      const t = field?.type ?? selfFieldType(name);
      return scalar({ k: 'elem', base: SELF, key: { k: 'str', value: key }, brackets: '{}', arrow: true }, t);
    }
    const recv = this.lower(target);
    const t = strip(recv.t);
    if (t.k === 'obj') {
      const field = OBJECT_FIELDS[t.name]?.[name];
      if (!field) this.fail(node, `${t.name} has no field ${name} in the subset`);
      if (isOptional(recv.t)) this.fail(target, `${target.getText()} may be undefined`);
      return scalar({ k: 'method', invocant: recv.p, name: field.perl, args: [], accessor: true }, field.type);
    }
    if (name === 'length') {
      if (isOptional(recv.t)) this.fail(node, `${target.getText()} may be undefined`);
      if (t.k === 'str') return scalar({ k: 'named', op: 'length', operand: recv.p }, NUM);
      if (t.k === 'arr' || t.k === 'tuple') {
        // scalar(@$ref) / scalar(@x) count elements; a bare list in scalar() would not.
        const listExpr: PerlExpr =
          recv.form === 'scalar'
            ? { k: 'deref', sigil: '@', ref: recv.p }
            : recv.p.k === 'var'
              ? recv.p
              : { k: 'deref', sigil: '@', ref: { k: 'anonArray', items: [recv.p] } };
        return scalar({ k: 'named', op: 'scalar', operand: listExpr }, NUM);
      }
    }
    if (t.k === 'hash') {
      const fieldType = t.fields?.[name] ?? t.val;
      const base = scalarOf(recv);
      const access: PerlExpr = { k: 'elem', base, key: { k: 'str', value: name }, brackets: '{}', arrow: true };
      if (node.hasQuestionDotToken()) {
        // `h?.k`: no autovivification, undefined when h is.
        return scalar({ k: 'binop', op: '&&', left: base, right: access }, opt(fieldType));
      }
      if (isOptional(recv.t)) this.fail(node, `${target.getText()} may be undefined; use ?.`);
      return scalar(access, fieldType);
    }
    return this.fail(node, `.${name} on ${describe(recv.t)} is outside the subset`);
  }

  private element(node: ElementAccessExpression): LExpr {
    const target = node.getExpression();
    const arg = node.getArgumentExpressionOrThrow();
    const recv = this.lower(target);
    const t = strip(recv.t);
    const optional = node.hasQuestionDotToken();
    if (isOptional(recv.t) && !optional && recv.t.k !== 'match') this.fail(node, `${target.getText()} may be undefined`);

    if (recv.t.k === 'match') {
      const i = Node.isNumericLiteral(arg) ? Number(arg.getLiteralText()) : NaN;
      if (!(i >= 1 && i <= recv.t.groups)) {
        this.fail(arg, `m[${arg.getText()}]: only capture groups m[1]..m[${recv.t.groups}] (m[0], the whole match, is not kept)`);
      }
      return scalar({ k: 'elem', base: recv.p, key: { k: 'num', text: String(i - 1) }, brackets: '[]', arrow: false }, opt(STR));
    }
    if (t.k === 'arr' || t.k === 'tuple') {
      const index = this.lower(arg);
      if (index.t.k !== 'num') this.fail(arg, `array index of type ${describe(index.t)}`);
      const nonNegative =
        (index.p.k === 'num' && !index.p.text.startsWith('-')) ||
        (Node.isIdentifier(arg) && this.scope.lookup(arg.getText())?.nonNegative === true);
      if (!nonNegative) this.fail(arg, 'a[i] needs a literal or loop-counter index (Perl reads negative indexes from the end)');
      const el = t.k === 'arr' ? opt(t.el) : (t.els[Number((index.p as { text: string }).text)] ?? UNDEF);
      if (recv.form === 'list') {
        return scalar({ k: 'elem', base: { k: 'list', items: [recv.p] }, key: index.p, brackets: '[]', arrow: false }, el);
      }
      return scalar({ k: 'elem', base: recv.p, key: index.p, brackets: '[]', arrow: true }, el);
    }
    if (t.k === 'hash') {
      const key = this.lower(arg);
      if (key.t.k !== 'str') this.fail(arg, `hash key of type ${describe(key.t)}`);
      const owned =
        key.p.k === 'str' ||
        (Node.isIdentifier(unwrap(arg)) && this.scope.lookup(unwrap(arg).getText())?.ownKeyOf === target.getText()) ||
        this.guards.includes(`${target.getText()}[${unwrap(arg).getText()}]`);
      if (!owned) {
        this.fail(
          node,
          `${node.getText()} with an arbitrary key also finds Object.prototype members in JS; ` +
            `guard it: Object.hasOwn(${target.getText()}, ${arg.getText()}) ? ${node.getText()} : undefined`,
        );
      }
      const fieldType = key.p.k === 'str' ? (t.fields?.[key.p.value] ?? t.val) : t.val;
      const access: PerlExpr = { k: 'elem', base: recv.p, key: key.p, brackets: '{}', arrow: true };
      if (optional) return scalar({ k: 'binop', op: '&&', left: recv.p, right: access }, opt(fieldType));
      return scalar(access, fieldType);
    }
    return this.fail(node, `indexing ${describe(recv.t)} is outside the subset`);
  }

  // -------------------------------------------------------------------------------------
  // Literals

  private objectLiteral(node: Node): LExpr {
    const obj = node.asKindOrThrow(SyntaxKind.ObjectLiteralExpression);
    const entries: HashEntry[] = [];
    let valueType: PT | undefined;
    const fields: Record<string, PT> = {};
    const note = (t: PT, where: Node) => {
      const j = valueType ? join(valueType, t) : t;
      if (!j) this.fail(where, `hash values of different kinds (${describe(valueType!)} and ${describe(t)})`);
      valueType = j;
    };
    for (const prop of obj.getProperties()) {
      if (Node.isPropertyAssignment(prop)) {
        const nameNode = prop.getNameNode();
        let key: PerlExpr;
        if (Node.isComputedPropertyName(nameNode)) {
          const k = this.lower(nameNode.getExpression());
          if (k.t.k !== 'str') this.fail(nameNode, `a computed key of type ${describe(k.t)}`);
          key = k.p;
        } else if (Node.isIdentifier(nameNode) || Node.isStringLiteral(nameNode)) {
          key = { k: 'str', value: Node.isStringLiteral(nameNode) ? nameNode.getLiteralValue() : nameNode.getText() };
        } else {
          return this.fail(nameNode, 'numeric keys are outside the subset');
        }
        if (key.k === 'str' && key.value === '__proto__') this.fail(nameNode, '__proto__ sets the prototype in JS');
        const value = this.lower(prop.getInitializerOrThrow());
        note(value.t, prop);
        if (key.k === 'str') fields[key.value] = value.t;
        entries.push({ key, value: scalarOf(value) });
      } else if (Node.isShorthandPropertyAssignment(prop)) {
        const value = this.identifier(prop.getName(), prop);
        note(value.t, prop);
        fields[prop.getName()] = value.t;
        entries.push({ key: { k: 'str', value: prop.getName() }, value: scalarOf(value) });
      } else if (Node.isSpreadAssignment(prop)) {
        const inner = this.lower(prop.getExpression());
        const it = strip(inner.t);
        if (it.k !== 'hash') this.fail(prop, `spreading ${describe(inner.t)} into a hash`);
        // Spreading undefined is a no-op in JS; `%{ undef }` dies under strict refs.
        const ref: PerlExpr = isOptional(inner.t)
          ? { k: 'binop', op: '//', left: inner.p, right: { k: 'anonHash', entries: [] } }
          : inner.p;
        note(strip(it.val), prop);
        entries.push({ spread: ref });
      } else {
        return this.fail(prop, 'methods and accessors in object literals are outside the subset');
      }
    }
    return scalar({ k: 'anonHash', entries }, hash(opt(strip(valueType ?? STR)), fields));
  }

  private arrayLiteral(node: Node): LExpr {
    const lit = node.asKindOrThrow(SyntaxKind.ArrayLiteralExpression);
    const items: PerlExpr[] = [];
    let el: PT | undefined;
    for (const e of lit.getElements()) {
      if (Node.isOmittedExpression(e)) this.fail(e, 'holes in array literals are outside the subset');
      if (Node.isSpreadElement(e)) {
        const inner = this.lower(e.getExpression());
        const it = strip(inner.t);
        if (it.k !== 'arr' || isOptional(inner.t)) this.fail(e, `spreading ${describe(inner.t)}`);
        el = el ? join(el, (it as { el: PT }).el) : (it as { el: PT }).el;
        items.push(listOf(inner, e));
        continue;
      }
      const v = this.lower(e);
      if (v.form === 'list') this.fail(e, 'a nested list; spread it with ...');
      el = el ? join(el, v.t) : v.t;
      if (!el) this.fail(e, 'array elements of different kinds');
      items.push(v.p);
    }
    return scalar({ k: 'anonArray', items }, arr(el ?? STR));
  }
}

function unwrap(node: Node): Node {
  let n = node;
  while (Node.isParenthesizedExpression(n) || Node.isNonNullExpression(n) || Node.isAsExpression(n)) n = n.getExpression();
  return n;
}

function perlRegex(re: TranslatedRegex): { source: string; flags: string; varName?: string } {
  return re.varName ? { source: re.source, flags: re.flags, varName: re.varName } : { source: re.source, flags: re.flags };
}

/** A variable or element read: safe to evaluate twice. */
function isPlainValue(e: PerlExpr): boolean {
  if (e.k === 'var') return true;
  if (e.k === 'elem') return isPlainValue(e.base) && (e.key.k === 'str' || e.key.k === 'num' || e.key.k === 'var');
  return false;
}

function isUndefinedLiteral(node: Node): boolean {
  return Node.isIdentifier(node) && node.getText() === 'undefined';
}

export function translateRegexLiteral(text: string, allowedFlags: string, node: Node): TranslatedRegex {
  const slash = text.lastIndexOf('/');
  const pattern = text.slice(1, slash);
  const flags = text.slice(slash + 1);
  try {
    return translateRegex(pattern, flags, allowedFlags);
  } catch (e) {
    if (e instanceof RegexError) throw new CompileError(node, `regex ${text}: ${e.message}`);
    throw e;
  }
}

export { translateReplacement, snakeCase };

/** The type of a hash key the dispatcher keeps on `$self` (the release profile holds flags). */
function selfFieldType(name: string): PT {
  if (name === 'rootdir') return STR;
  if (name === 'hostTimezone' || name === 'hostLocaltime') return opt(STR);
  if (name === 'release') return hash(BOOL);
  return hash(opt(STR));
}

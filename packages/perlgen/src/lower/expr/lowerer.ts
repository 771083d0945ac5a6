/**
 * TS expressions → Perl expressions, checking the subset as it goes. The lowerer holds the
 * state (scope, narrowing, own-key guards) and dispatches on the node kind; operators,
 * access, literals and calls are lowered in the files next to it, against the mapping rows.
 */
import type { CallExpression, Expression } from 'ts-morph';
import { CompileError } from '../../front/diagnostics.ts';
import { narrowKey, narrowings, type Narrowing } from '../../front/narrowing.ts';
import { Node, SyntaxKind } from '../../front/tsMorph.ts';
import { BOOL, describe, STR, strip, typeFromNode, UNDEF, VOID, type PT } from '../../front/types.ts';
import type { PerlExpr, PerlStmt } from '../../ir/ast.ts';
import { Scope, type LExpr, type VarInfo } from '../context.ts';
import type { ExprCx } from '../exprCx.ts';
import { GLOBAL_CALLS } from '../mapping/globals.ts';
import type { PRELUDE } from '../mapping/prelude.ts';
import type { ModuleInfo } from '../moduleInfo.ts';
import { constructedRegex, isRegExpConstruction } from '../regex/construct.ts';
import type { TranslatedRegex } from '../regex/errors.ts';
import { translateRegexLiteral } from '../regex/literal.ts';
import { StmtLowerer } from '../stmt/lowerer.ts';
import { element, property } from './access.ts';
import { call } from './calls.ts';
import { arrayLiteral, numberLiteral, objectLiteral, template } from './literals.ts';
import { binary, conditional, prefix } from './operators.ts';

const scalar = (p: PerlExpr, t: PT): LExpr => ({ p, t, form: 'scalar' });

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

  guarded(text: string): boolean {
    return this.guards.includes(text);
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
    return narrowings(cond, (name) => this.scope.lookup(name)?.aliasTrue);
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
      const returns = node.getReturnTypeNode() ? typeFromNode(node.getReturnTypeNode(), node) : VOID;
      const st = new StmtLowerer(this, returns);
      const params = node.getParameters().map((p, i) => {
        if (!Node.isIdentifier(p.getNameNode()) || p.getDotDotDotToken()) this.fail(p, 'callback parameters must be plain names');
        return st.declareParam(p.getName(), p, bindings[i]!);
      });
      const stmts: PerlStmt[] = st.block(body.getStatementsWithComments());
      return { k: 'anonsub', params, body: stmts };
    } finally {
      this.scope = outer;
    }
  }

  /** The `Object.hasOwn(h, k)` a condition asserts (directly or as an `&&` conjunct). */
  guardOf(cond: Node): string | undefined {
    if (Node.isParenthesizedExpression(cond)) return this.guardOf(cond.getExpression());
    if (Node.isBinaryExpression(cond) && cond.getOperatorToken().getText() === '&&') {
      return this.guardOf(cond.getLeft()) ?? this.guardOf(cond.getRight());
    }
    if (Node.isCallExpression(cond)) return GLOBAL_CALLS[cond.getExpression().getText()]?.guard?.(cond);
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
    if (Node.isNumericLiteral(node)) return numberLiteral(this, node);
    if (node.getKind() === SyntaxKind.TrueKeyword) return scalar({ k: 'num', text: '1' }, BOOL);
    if (node.getKind() === SyntaxKind.FalseKeyword) return scalar({ k: 'num', text: '0' }, BOOL);
    if (node.getKind() === SyntaxKind.NullKeyword) this.fail(node, 'null is outside the subset (use undefined, which becomes undef)');
    if (Node.isIdentifier(node)) return this.narrowed_(node, this.identifier(node.getText(), node));
    if (Node.isTemplateExpression(node)) return template(this, node);
    if (Node.isPrefixUnaryExpression(node)) return prefix(this, node);
    if (Node.isBinaryExpression(node)) return binary(this, node);
    if (Node.isConditionalExpression(node)) return conditional(this, node);
    if (Node.isCallExpression(node)) return call(this, node);
    if (Node.isPropertyAccessExpression(node)) return this.narrowed_(node, property(this, node));
    if (Node.isElementAccessExpression(node)) return this.narrowed_(node, element(this, node));
    if (Node.isObjectLiteralExpression(node)) return objectLiteral(this, node);
    if (Node.isArrayLiteralExpression(node)) return arrayLiteral(this, node);
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
        `a condition must be a boolean, found ${describe(e.t)}: JS and Perl disagree on the truth of "0" ` + "and ''; compare explicitly or use perlTrue(x)",
      );
    }
    return e.p;
  }

  identifier(name: string, node: Node): LExpr {
    if (name === 'undefined') return scalar({ k: 'undef' }, UNDEF);
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

  args(call: CallExpression): Expression[] {
    if (call.hasQuestionDotToken()) this.fail(call, 'optional calls (f?.()) are outside the subset');
    if (call.getTypeArguments().length > 0) this.fail(call, 'type arguments on calls are outside the subset');
    return call.getArguments() as Expression[];
  }
}

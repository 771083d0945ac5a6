/**
 * What lowering an expression may ask of the expression lowerer: the interface the
 * mapping rows, the expression helpers and the statement lowerer work against (so none
 * of them imports the lowerer class itself).
 */
import type { CallExpression, Expression } from 'ts-morph';
import type { Node } from '../front/tsMorph.ts';
import type { Narrowing } from '../front/narrowing.ts';
import type { PT } from '../front/types.ts';
import type { PerlExpr } from '../ir/ast.ts';
import type { LExpr, Scope } from './context.ts';
import type { PRELUDE } from './mapping/prelude.ts';
import type { ModuleInfo } from './moduleInfo.ts';
import type { TranslatedRegex } from './regex/errors.ts';

export interface ExprCx {
  readonly mod: ModuleInfo;
  scope: Scope;
  /** Whether `this` is available (methods, not module functions). */
  readonly hasSelf: boolean;
  lower(node: Node): LExpr;
  /** A condition: a boolean (or a match result) as Perl. */
  condition(node: Node): PerlExpr;
  identifier(name: string, node: Node): LExpr;
  /** `(x, y) => expr` with its parameters bound to the given Perl values (`$_`, `$1`...). */
  callback(node: Node, bindings: Array<{ type: PT; perl: PerlExpr }>): LExpr;
  /** A regex literal argument, translated; undefined when `node` is not one. */
  regexLiteral(node: Node, allowedFlags: string): TranslatedRegex | undefined;
  fail(node: Node | undefined, reason: string): never;
  use(module: string): void;
  /** An arrow function with a block body as a Perl `sub { my (...) = @_; ... }`. */
  anonymousSub(node: Node, bindings: PT[]): PerlExpr;
  /** Ask for a helper sub of the generated module's prelude (see PRELUDE). */
  prelude(name: keyof typeof PRELUDE): string;
  /** The call's arguments, refusing `f?.()` and type arguments. */
  args(call: CallExpression): Expression[];
  narrowings(cond: Node): Narrowing;
  withNarrowing<T>(texts: string[], fn: () => T): T;
  /** The `Object.hasOwn(h, k)` a condition asserts (see mapping/globals.ts). */
  guardOf(cond: Node): string | undefined;
  withGuard<T>(guard: string | undefined, fn: () => T): T;
  /** Whether `h[k]` is guarded here (an own key of `h`). */
  guarded(text: string): boolean;
}

/**
 * What the lowering knows while it walks a plugin: the module's names, the variables in
 * scope, and lowered expressions with their types. Also the conversions between Perl's
 * two ways of holding a TS array (a reference in a scalar, or a flat list).
 */
import type { Node } from 'ts-morph';
import { CompileError } from '../front/diagnostics.ts';
import { describe, strip, type PT } from '../front/types.ts';
import type { PerlExpr } from '../ir/ast.ts';
import type { TranslatedRegex } from './regex/errors.ts';

/**
 * A lowered expression. `list` marks a Perl list standing for a TS array (`split_list(...)`,
 * `sort keys %$h`, `@$x`); a `scalar` array-typed expression is an array reference.
 */
export interface LExpr {
  p: PerlExpr;
  t: PT;
  form: 'scalar' | 'list';
}

export interface VarInfo {
  perl: PerlExpr;
  type: PT;
  /** Assigned after its declaration (a loop counter must not be). */
  mutable: boolean;
  /** `for (let i = n; ...)` counters known to be non-negative. */
  nonNegative?: boolean;
  /** Keys of `Object.keys(h)` loops: `h[key]` then only sees own keys. */
  ownKeyOf?: string;
  /** A `qr//` constant. */
  regex?: TranslatedRegex;
  /** A const boolean alias of a condition: what it being true proves defined. */
  aliasTrue?: string[];
  /** Its declaration failed to compile (already reported): uses stay quiet. */
  poisoned?: boolean;
}

export class Scope {
  private readonly vars = new Map<string, VarInfo>();
  /** Expressions (by normalised text) known to be defined from here on (early returns). */
  private readonly defined = new Set<string>();
  constructor(readonly parent?: Scope) {}

  markDefined(texts: string[]): void {
    for (const t of texts) this.defined.add(t);
  }

  isDefined(text: string): boolean {
    return this.defined.has(text) || (this.parent?.isDefined(text) ?? false);
  }

  lookup(name: string): VarInfo | undefined {
    return this.vars.get(name) ?? this.parent?.lookup(name);
  }

  declare(name: string, info: VarInfo): void {
    this.vars.set(name, info);
  }

  /** Every Perl variable name visible here (to refuse two TS names folding into one). */
  perlNames(): Set<string> {
    const names = this.parent?.perlNames() ?? new Set<string>();
    for (const v of this.vars.values()) if (v.perl.k === 'var') names.add(v.perl.name);
    return names;
  }
}

/** A method or helper the plugin defines itself. */
export interface OwnCallable {
  perlName: string;
  /** Private helpers are lexical subs (`my sub x {...}`, perl/idioms.ts), called `x(...)`. */
  lexical: boolean;
  /** Takes `$self` first (methods, private methods). */
  takesSelf: boolean;
  params: Array<{ type: PT; rest: boolean }>;
  returns: PT;
  node: Node;
}

export function scalarOf(e: LExpr): PerlExpr {
  if (e.form === 'scalar') return e.p;
  if (e.t.k === 'tuple') throw new CompileError(undefined, 'a list of several values cannot be kept in one variable; destructure it');
  if (e.p.k === 'var' && e.p.sigil === '@') return { k: 'unop', op: '\\', operand: e.p };
  return { k: 'anonArray', items: [e.p] };
}

/** The array as a Perl list (flattened): `@$x`, `@{ ... }`, or the list itself. */
export function listOf(e: LExpr, node?: Node): PerlExpr {
  if (e.form === 'list') return e.p;
  const t = strip(e.t);
  if (t.k !== 'arr' && t.k !== 'tuple') throw new CompileError(node, `expected an array, found ${describe(e.t)}`);
  if (e.p.k === 'anonArray') return e.p.items.length === 1 ? e.p.items[0]! : { k: 'list', items: e.p.items };
  return { k: 'deref', sigil: '@', ref: e.p };
}

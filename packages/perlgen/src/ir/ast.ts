/**
 * The Perl IR: the small Perl syntax tree that lower/ produces, layout/ shapes and print/
 * prints. It holds only what setup plugins need; print/ owns spelling and precedence,
 * layout/ the perltidy-shaped decisions (blank lines, comment wrapping, list breaking).
 */

/** A regex already in Perl syntax (see lower/regex/): `/source/flags`, or a `qr//` variable. */
export interface PerlRegex {
  source: string;
  flags: string;
  /** Held in `my $name = qr/.../;` — used as `$name`. */
  varName?: string;
}

export type PerlExpr =
  /** `$x`, `@x`, `%x` */
  | { k: 'var'; sigil: '$' | '@' | '%'; name: string }
  /** An integer literal, printed as written (`42`, `0x1f`). */
  | { k: 'num'; text: string }
  /** A string literal; quoting is the printer's choice. */
  | { k: 'str'; value: string }
  /** A double-quoted string with interpolated scalars (only var/elem chains). */
  | { k: 'interp'; parts: Array<string | PerlExpr> }
  | { k: 'undef' }
  /** `name(args)` for a builtin or a fully qualified sub; `bare` prints without parens
   * (`die "..."`, `return`-like list operators). */
  | { k: 'call'; fn: string; args: PerlExpr[]; bare?: boolean }
  /** `$obj->name(args)` or `Class->name(args)` (invocant printed as given). */
  | { k: 'method'; invocant: PerlExpr | string; name: string; args: PerlExpr[]; accessor?: boolean }
  /** `$code->(args)` */
  | { k: 'codecall'; code: PerlExpr; args: PerlExpr[] }
  /** `$h->{key}` / `$a->[i]` (arrow) or `$m[i]` (element of an array variable). */
  | { k: 'elem'; base: PerlExpr; key: PerlExpr; brackets: '{}' | '[]'; arrow: boolean }
  | { k: 'binop'; op: string; left: PerlExpr; right: PerlExpr }
  /** `!x`, `-x`, `\@x` */
  | { k: 'unop'; op: '!' | '-' | '\\'; operand: PerlExpr }
  | { k: 'ternary'; cond: PerlExpr; then: PerlExpr; else: PerlExpr }
  /** `$s =~ /re/` (`!~` when negated); a bare `/re/` matches `$_`. */
  | { k: 'match'; target: PerlExpr | undefined; negate: boolean; regex: PerlRegex }
  /** `$s =~ s/re/replacement/r` — `replacement` is raw Perl replacement text, or an
   * expression evaluated per match (`/e`; a scalar or interpolation prints as text).
   * `inPlace`: `$s =~ s/re/replacement/` changing `$s` (a statement or `my` initialiser). */
  | { k: 'subst'; target: PerlExpr; regex: PerlRegex; replacement: string | PerlExpr; inPlace?: boolean }
  /** `eval { expr }` — the value, or undef when it dies. */
  | { k: 'evalblock'; expr: PerlExpr }
  /** `[ ... ]` */
  | { k: 'anonArray'; items: PerlExpr[] }
  /** `{ key => value, %$spread }` */
  | { k: 'anonHash'; entries: Array<HashEntry> }
  /** `( ... )` — a Perl list. */
  | { k: 'list'; items: PerlExpr[] }
  /** `@$x` / `@{ expr }` / `%$x` */
  | { k: 'deref'; sigil: '@' | '%'; ref: PerlExpr }
  /** `map { ... } LIST`, `grep { ... } LIST`, `sort { ... } LIST`, `sort LIST` */
  | { k: 'blockcall'; fn: 'map' | 'grep' | 'sort'; block: PerlExpr | undefined; list: PerlExpr }
  /** `keys %$h` / `scalar(...)` / `defined(...)` style named unary operators. */
  | { k: 'named'; op: 'keys' | 'scalar' | 'defined' | 'exists' | 'int' | 'length'; operand: PerlExpr }
  /** `A .. B` */
  | { k: 'range'; from: PerlExpr; to: PerlExpr }
  /** `$x = ...`, `$x .= ...` (only as statements or `my` initialisers). */
  | { k: 'assign'; op: string; target: PerlExpr; value: PerlExpr }
  /** `$x++` */
  | { k: 'postinc'; op: '++' | '--'; target: PerlExpr }
  /** `key => value` in an argument list (Perl's `%opt` calling convention). */
  | { k: 'pair'; key: string; value: PerlExpr }
  /** `qr/source/flags` */
  | { k: 'qr'; regex: PerlRegex }
  /** `sub { my (...) = @_; body }` — a callback passed to a Proxmox function. */
  | { k: 'anonsub'; params: string[]; body: PerlStmt[] };

export type HashEntry = { key: PerlExpr; value: PerlExpr } | { spread: PerlExpr };

export type PerlStmt =
  | { k: 'expr'; expr: PerlExpr; postfix?: PerlExpr; origin?: Origin }
  /** `my $x = init;` / `my ($a, $b) = init;` / `my @m = init;` */
  | { k: 'my'; vars: PerlExpr[]; init?: PerlExpr; list?: boolean; origin?: Origin }
  | { k: 'return'; value?: PerlExpr; postfix?: PerlExpr; origin?: Origin }
  /** `die MESSAGE;` (or `warn MESSAGE;`) */
  | { k: 'die'; message: PerlExpr; fn?: 'warn'; postfix?: PerlExpr; origin?: Origin }
  | { k: 'loopctl'; word: 'next' | 'last'; postfix?: PerlExpr; origin?: Origin }
  | {
      k: 'if';
      branches: Array<{ cond: PerlExpr; body: PerlStmt[] }>;
      else?: PerlStmt[];
      origin?: Origin;
    }
  | { k: 'foreach'; var: PerlExpr; list: PerlExpr; body: PerlStmt[]; origin?: Origin }
  | { k: 'while'; cond: PerlExpr; body: PerlStmt[]; origin?: Origin }
  /** `eval { body };` followed by `if ($@) { handler }`. */
  | { k: 'eval'; body: PerlStmt[]; handler: PerlStmt[]; origin?: Origin }
  /** `my $name = sub { my (...) = @_; body };` — a private helper (lexical coderef), or with
   * `named` `my sub name { ... }` called `name(...)`. */
  | { k: 'lexsub'; name: string; params: string[]; body: PerlStmt[]; named?: boolean; origin?: Origin }
  | { k: 'comment'; text: string; side?: boolean }
  /** A fixed line of Perl (prelude helpers). */
  | { k: 'verbatim'; text: string }
  | { k: 'blank' };

/** Where a statement came from, so layout problems can name the TS line. */
export interface Origin {
  file: string;
  line: number;
  column: number;
}

/** A top-level item of the module body. Comments are source lines, not yet wrapped. */
export type PerlItem =
  | { k: 'sub'; name: string; comments: string[]; params: string[]; body: PerlStmt[]; origin?: Origin }
  | { k: 'stmt'; stmt: PerlStmt; comments: string[] }
  /** `sub new` in its parts (defaults and statements before the hash, `my $self = {...}`,
   * the statements after it, `return bless ...`); layout/ decides the blank lines between. */
  | { k: 'constructor'; comments: string[]; params: string[]; sections: PerlStmt[][]; origin?: Origin };

/** An item after layout/: constructors are plain subs. */
export type LaidOutItem = Exclude<PerlItem, { k: 'constructor' }>;

export interface PerlModule {
  /** Comment lines (without `# `) that open the file. */
  header: string[];
  packageName: string;
  /** `use` lines in groups separated by blank lines. */
  uses: string[][];
  basePackage: string;
  items: PerlItem[];
}

/** The module after layout/, ready to print. */
export interface LaidOutModule extends Omit<PerlModule, 'items'> {
  items: LaidOutItem[];
}

export const num = (n: number | string): PerlExpr => ({ k: 'num', text: String(n) });

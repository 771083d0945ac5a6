/**
 * Rewrites of a lowered module into the spellings a Proxmox developer writes by hand, each
 * meaning exactly what it replaces: lexical helpers as `my sub` called by name, octal
 * literals, in-place substitutions instead of `s///r`, `my $x = eval { ... };`, local
 * arrays and hashes as `my @x` / `my %x`, and `if (@x)` for a non-empty test.
 */
import { PERL_BUILTINS } from '../naming.ts';
import type { PerlExpr, PerlItem, PerlModule, PerlStmt } from './ast.ts';

export function idiomatic(mod: PerlModule): PerlModule {
  // A `my sub` named like a built-in or an imported function would take over its calls.
  const imported = new Set(mod.uses.flat().flatMap((u) => /\bqw\(([^)]*)\)/.exec(u)?.[1]!.split(/\s+/) ?? []));
  const lexical = new Set<string>();
  for (const item of mod.items) {
    if (item.k !== 'stmt' || item.stmt.k !== 'lexsub') continue;
    if (!PERL_BUILTINS.has(item.stmt.name) && !imported.has(item.stmt.name)) lexical.add(item.stmt.name);
  }
  const items = mod.items.map((item): PerlItem => {
    const fix = (body: PerlStmt[]) => containers(body.map((s) => stmtExprs(s, (e) => expr(e, lexical))));
    if (item.k === 'sub') return { ...item, body: fix(item.body) };
    if (item.stmt.k === 'lexsub') {
      return { ...item, stmt: { ...item.stmt, body: fix(item.stmt.body), named: lexical.has(item.stmt.name) } };
    }
    return { ...item, stmt: stmtExprs(item.stmt, (e) => expr(e, lexical)) };
  });
  return { ...mod, items };
}

// ---------------------------------------------------------------------------------------
// Expressions.

function expr(e: PerlExpr, lexical: Set<string>): PerlExpr {
  const m = mapChildren(e, (c) => expr(c, lexical));
  // `$helper->(...)` of a `my sub helper` → `helper(...)`
  if (m.k === 'codecall' && m.code.k === 'var' && m.code.sigil === '$' && lexical.has(m.code.name)) {
    return { k: 'call', fn: m.code.name, args: m.args };
  }
  // `oct('0755')` → `0o755` (Perl 5.34+; perlcritic forbids the leading-zero spelling)
  if (m.k === 'call' && m.fn === 'oct' && m.args.length === 1 && m.args[0]!.k === 'str' && /^0[0-7]+$/.test(m.args[0]!.value)) {
    return { k: 'num', text: `0o${m.args[0]!.value.slice(1)}` };
  }
  return m;
}

/** `e` with `f` applied to each direct child expression (statements of subs included). */
export function mapChildren(e: PerlExpr, f: (c: PerlExpr) => PerlExpr): PerlExpr {
  switch (e.k) {
    case 'interp':
      return { ...e, parts: e.parts.map((p) => (typeof p === 'string' ? p : f(p))) };
    case 'call':
      return { ...e, args: e.args.map(f) };
    case 'method':
      return { ...e, invocant: typeof e.invocant === 'string' ? e.invocant : f(e.invocant), args: e.args.map(f) };
    case 'codecall':
      return { ...e, code: f(e.code), args: e.args.map(f) };
    case 'elem':
      return { ...e, base: f(e.base), key: f(e.key) };
    case 'binop':
      return { ...e, left: f(e.left), right: f(e.right) };
    case 'unop':
      return { ...e, operand: f(e.operand) };
    case 'ternary':
      return { ...e, cond: f(e.cond), then: f(e.then), else: f(e.else) };
    case 'match':
      return { ...e, target: e.target && f(e.target) };
    case 'subst':
      return { ...e, target: f(e.target), replacement: typeof e.replacement === 'string' ? e.replacement : f(e.replacement) };
    case 'anonArray':
    case 'list':
      return { ...e, items: e.items.map(f) };
    case 'anonHash':
      return { ...e, entries: e.entries.map((en) => ('spread' in en ? { spread: f(en.spread) } : { key: f(en.key), value: f(en.value) })) };
    case 'deref':
      return { ...e, ref: f(e.ref) };
    case 'blockcall':
      return { ...e, block: e.block && f(e.block), list: f(e.list) };
    case 'named':
      return { ...e, operand: f(e.operand) };
    case 'range':
      return { ...e, from: f(e.from), to: f(e.to) };
    case 'assign':
      return { ...e, target: f(e.target), value: f(e.value) };
    case 'postinc':
      return { ...e, target: f(e.target) };
    case 'pair':
      return { ...e, value: f(e.value) };
    case 'anonsub':
      return { ...e, body: containers(e.body.map((s) => stmtExprs(s, f))) };
    case 'evalblock':
      return { ...e, expr: f(e.expr) };
    default:
      return e;
  }
}

/** A statement with `f` applied to its expressions and nested statement lists. */
export function stmtExprs(s: PerlStmt, f: (e: PerlExpr) => PerlExpr): PerlStmt {
  const body = (b: PerlStmt[]) => containers(b.map((x) => stmtExprs(x, f)));
  const post = (p: PerlExpr | undefined) => p && f(p);
  switch (s.k) {
    case 'expr':
      return { ...s, expr: f(s.expr), postfix: post(s.postfix) };
    case 'my':
      return { ...s, vars: s.vars, init: s.init && f(s.init) };
    case 'return':
      return { ...s, value: s.value && f(s.value), postfix: post(s.postfix) };
    case 'die':
      return { ...s, message: f(s.message), postfix: post(s.postfix) };
    case 'loopctl':
      return { ...s, postfix: post(s.postfix) };
    case 'if':
      return { ...s, branches: s.branches.map((br) => ({ cond: f(br.cond), body: body(br.body) })), else: s.else && body(s.else) };
    case 'foreach':
      return { ...s, list: f(s.list), body: body(s.body) };
    case 'while':
      return { ...s, cond: f(s.cond), body: body(s.body) };
    case 'eval':
      return { ...s, body: body(s.body), handler: body(s.handler) };
    case 'lexsub':
      return { ...s, body: body(s.body) };
    default:
      return s;
  }
}

// ---------------------------------------------------------------------------------------
// Statement lists.

const same = (a: PerlExpr, b: PerlExpr): boolean => a.k === 'var' && b.k === 'var' && a.sigil === b.sigil && a.name === b.name;
const silent = (s: PerlStmt): boolean => s.k === 'comment' || s.k === 'blank';

/** The rewrites that look at a statement list as a whole. */
function containers(stmts: PerlStmt[]): PerlStmt[] {
  const out: PerlStmt[] = [];
  for (let i = 0; i < stmts.length; i++) {
    const s = stmts[i]!;
    const next = stmts[i + 1];
    // `my $x; eval { $x = E; }; if ($@) {}` → `my $x = eval { E };` (undef when E dies)
    if (
      s.k === 'my' && !s.init && !s.list && s.vars.length === 1 && next?.k === 'eval' && next.handler.every(silent) &&
      next.body.length === 1 && next.body[0]!.k === 'expr' && !next.body[0]!.postfix &&
      next.body[0]!.expr.k === 'assign' && next.body[0]!.expr.op === '=' && same(next.body[0]!.expr.target, s.vars[0]!)
    ) {
      out.push({ ...s, init: { k: 'evalblock', expr: next.body[0]!.expr.value } });
      i++;
      continue;
    }
    // `$x = $x =~ s/a/b/r;` → `$x =~ s/a/b/;`
    if (s.k === 'expr' && s.expr.k === 'assign' && s.expr.op === '=' && s.expr.value.k === 'subst' && same(s.expr.target, s.expr.value.target)) {
      out.push({ ...s, expr: { ...s.expr.value, inPlace: true } });
      continue;
    }
    // `my $x = $y =~ s/a/b/r;` → `(my $x = $y) =~ s/a/b/;`
    if (s.k === 'my' && !s.list && s.vars.length === 1 && s.init?.k === 'subst' && s.init.target.k === 'var') {
      out.push({ ...s, init: { ...s.init, inPlace: true } });
      continue;
    }
    out.push(s);
  }
  return out;
}

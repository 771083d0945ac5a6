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
    const fix = (body: PerlStmt[], params: string[]) =>
      conditionFlags(localContainers(containers(body.map((s) => stmtExprs(s, (e) => expr(e, lexical)))), params).map(conditions));
    if (item.k === 'sub') return { ...item, body: fix(item.body, item.params) };
    if (item.stmt.k === 'lexsub') {
      return { ...item, stmt: { ...item.stmt, body: fix(item.stmt.body, item.stmt.params), named: lexical.has(item.stmt.name) } };
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

// ---------------------------------------------------------------------------------------
// Local arrays and hashes: `my $x = [...]` used only through `@$x`, `$x->[i]` (or `%$x`,
// `$x->{k}`) becomes `my @x = (...)` used as `@x`, `$x[i]` (`my %x`, `$x{k}`); a
// non-empty test `scalar(@x) > 0` in a condition becomes `@x`.

type Kind = '@' | '%';

/** Every expression of a statement list, nested blocks and anonymous subs included. */
function eachExpr(stmts: PerlStmt[], f: (e: PerlExpr) => void): void {
  const visit = (e: PerlExpr): PerlExpr => {
    f(e);
    return mapChildren(e, visit);
  };
  for (const s of stmts) stmtExprs(s, visit);
}

/** Names declared in a body (`my`, loop variables) with their sigils, counted. */
function declarations(stmts: PerlStmt[], params: string[]): Map<string, number> {
  const seen = new Map<string, number>();
  const add = (e: PerlExpr) => {
    if (e.k === 'var') seen.set(`${e.sigil}${e.name}`, (seen.get(`${e.sigil}${e.name}`) ?? 0) + 1);
  };
  for (const p of params) seen.set(p.startsWith('@') ? p : `$${p}`, 1);
  const walk = (list: PerlStmt[]) => {
    for (const s of list) {
      if (s.k === 'my') s.vars.forEach(add);
      if (s.k === 'foreach') add(s.var);
      if (s.k === 'if') {
        s.branches.forEach((b) => walk(b.body));
        if (s.else) walk(s.else);
      }
      if (s.k === 'foreach' || s.k === 'while' || s.k === 'lexsub') walk(s.body);
      if (s.k === 'eval') {
        walk(s.body);
        walk(s.handler);
      }
    }
  };
  walk(stmts);
  eachExpr(stmts, (e) => {
    if (e.k === 'anonsub') {
      for (const p of e.params) {
        const key = p.startsWith('@') ? p : `$${p}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
      walk(e.body);
    }
    if (e.k === 'var' && e.sigil !== '$') seen.set(`${e.sigil}${e.name}`, (seen.get(`${e.sigil}${e.name}`) ?? 0) + 1);
  });
  return seen;
}

/** The `$x` of `my $x = [...]` / `{...}` declarations that can become `@x` / `%x`. */
function containerCandidates(body: PerlStmt[], params: string[]): Map<string, Kind> {
  const decls = declarations(body, params);
  const found = new Map<string, Kind>();
  const consider = (list: PerlStmt[]) => {
    for (const s of list) {
      if (s.k === 'my' && !s.list && s.vars.length === 1 && s.vars[0]!.k === 'var' && s.vars[0]!.sigil === '$') {
        const name = s.vars[0]!.name;
        const kind: Kind | undefined = s.init?.k === 'anonArray' ? '@' : s.init?.k === 'anonHash' && s.init.entries.every(plainEntry) ? '%' : undefined;
        if (kind && decls.get(`$${name}`) === 1 && !decls.has(`@${name}`) && !decls.has(`%${name}`)) found.set(name, kind);
      }
      if (s.k === 'if') {
        s.branches.forEach((b) => consider(b.body));
        if (s.else) consider(s.else);
      }
      if (s.k === 'foreach' || s.k === 'while') consider(s.body);
    }
  };
  consider(body);
  // Every other use must go through the container: `@$x`, `$x->[i]`, `$x = [...]`. (The
  // lowering shares one node per variable, so uses are judged by their parent.)
  const through = (parent: PerlExpr, child: PerlExpr): boolean => {
    if (child.k !== 'var' || child.sigil !== '$') return false;
    const kind = found.get(child.name);
    if (parent.k === 'deref') return parent.ref === child && kind === parent.sigil;
    if (parent.k === 'elem') return parent.arrow && parent.base === child && kind === (parent.brackets === '[]' ? '@' : '%');
    if (parent.k === 'assign' && parent.op === '=' && parent.target === child) {
      return (kind === '@' && parent.value.k === 'anonArray') || (kind === '%' && parent.value.k === 'anonHash' && parent.value.entries.every(plainEntry));
    }
    return false;
  };
  const check = (e: PerlExpr): PerlExpr => {
    if (e.k === 'var' && e.sigil === '$') found.delete(e.name);
    mapChildren(e, (c) => (through(e, c) ? c : check(c)));
    return e;
  };
  for (const st of body) stmtExprs(st, check);
  return found;
}

function plainEntry(en: { key: PerlExpr; value: PerlExpr } | { spread: PerlExpr }): boolean {
  return !('spread' in en) && en.key.k === 'str';
}

/** The list a container starts from: `(a, b)`, or a single list-valued item as it is. */
function initList(init: PerlExpr): PerlExpr | undefined {
  if (init.k === 'anonHash') {
    if (init.entries.length === 0) return undefined;
    return { k: 'list', items: init.entries.map((en) => ({ k: 'pair', key: (en as { key: { value: string } }).key.value, value: (en as { value: PerlExpr }).value })) };
  }
  if (init.k !== 'anonArray' || init.items.length === 0) return undefined;
  const only = init.items[0]!;
  const listy = only.k === 'call' || only.k === 'blockcall' || only.k === 'deref' || only.k === 'method';
  return init.items.length === 1 && listy ? only : { k: 'list', items: init.items };
}

export function localContainers(body: PerlStmt[], params: string[]): PerlStmt[] {
  const found = containerCandidates(body, params);
  if (found.size === 0) return body;
  const rewrite = (e: PerlExpr): PerlExpr => {
    const m = mapChildren(e, rewrite);
    if (m.k === 'deref' && m.ref.k === 'var' && m.ref.sigil === '$' && found.get(m.ref.name) === m.sigil) {
      return { k: 'var', sigil: m.sigil, name: m.ref.name };
    }
    if (m.k === 'elem' && m.arrow && m.base.k === 'var' && m.base.sigil === '$' && found.has(m.base.name)) {
      return { ...m, arrow: false, base: { k: 'var', sigil: found.get(m.base.name)!, name: m.base.name } };
    }
    if (m.k === 'assign' && m.target.k === 'var' && m.target.sigil === '$' && found.has(m.target.name)) {
      const kind = found.get(m.target.name)!;
      return { ...m, target: { k: 'var', sigil: kind, name: m.target.name }, value: initList(m.value) ?? { k: 'list', items: [] } };
    }
    return m;
  };
  const stmt = (s: PerlStmt): PerlStmt => {
    if (s.k === 'my' && s.vars.length === 1 && s.vars[0]!.k === 'var' && s.vars[0]!.sigil === '$' && found.has(s.vars[0]!.name) && s.init) {
      const kind = found.get(s.vars[0]!.name)!;
      const init = initList(mapChildren(s.init, rewrite));
      return { ...s, vars: [{ k: 'var', sigil: kind, name: s.vars[0]!.name }], init };
    }
    const inner = (list: PerlStmt[]) => list.map(stmt);
    const t = stmtExprs(s, rewrite);
    if (t.k === 'if') return { ...t, branches: t.branches.map((b) => ({ ...b, body: inner(b.body) })), else: t.else && inner(t.else) };
    if (t.k === 'foreach' || t.k === 'while') return { ...t, body: inner(t.body) };
    if (t.k === 'eval') return { ...t, body: inner(t.body), handler: inner(t.handler) };
    return t;
  };
  return body.map(stmt);
}

/** A condition as Perl tests it: `scalar(@x) > 0` → `@x`, `scalar(@x) == 0` → `!@x`. */
function condition(e: PerlExpr): PerlExpr {
  if (e.k === 'binop' && (e.op === '&&' || e.op === '||')) return { ...e, left: condition(e.left), right: condition(e.right) };
  if (e.k === 'unop' && e.op === '!') return { ...e, operand: condition(e.operand) };
  if (e.k === 'binop' && e.right.k === 'num' && e.right.text === '0' && e.left.k === 'named' && e.left.op === 'scalar') {
    const arr = e.left.operand;
    if (arr.k === 'var' && arr.sigil === '@') {
      if (e.op === '>' || e.op === '!=') return arr;
      if (e.op === '==') return { k: 'unop', op: '!', operand: arr };
    }
  }
  return e;
}

/** Conditions of `if`, postfix `if`, `while` and `?:` tested as Perl tests them. */
export function conditions(s: PerlStmt): PerlStmt {
  const deep = (e: PerlExpr): PerlExpr => {
    const m = mapChildren(e, deep);
    return m.k === 'ternary' ? { ...m, cond: condition(m.cond) } : m;
  };
  const t = stmtExprs(s, deep);
  const inner = (list: PerlStmt[]) => list.map(conditions);
  switch (t.k) {
    case 'expr':
    case 'return':
    case 'die':
    case 'loopctl':
      return t.postfix ? { ...t, postfix: condition(t.postfix) } : t;
    case 'if':
      return { ...t, branches: t.branches.map((b) => ({ cond: condition(b.cond), body: inner(b.body) })), else: t.else && inner(t.else) };
    case 'while':
      return { ...t, cond: condition(t.cond), body: inner(t.body) };
    case 'foreach':
      return { ...t, body: inner(t.body) };
    case 'eval':
      return { ...t, body: inner(t.body), handler: inner(t.handler) };
    default:
      return t;
  }
}

/** `my $say = scalar(@a) > 0 || ...;` tested only as a condition → `my $say = @a || ...;` */
export function conditionFlags(body: PerlStmt[]): PerlStmt[] {
  const uses = new Map<string, number>();
  const asCondition = new Map<string, number>();
  const count = (map: Map<string, number>, name: string) => map.set(name, (map.get(name) ?? 0) + 1);
  const all = (e: PerlExpr): PerlExpr => {
    if (e.k === 'var' && e.sigil === '$') count(uses, e.name);
    mapChildren(e, all);
    return e;
  };
  const cond = (e: PerlExpr | undefined): void => {
    if (!e) return;
    if (e.k === 'var' && e.sigil === '$') count(asCondition, e.name);
    if (e.k === 'binop' && (e.op === '&&' || e.op === '||')) {
      cond(e.left);
      cond(e.right);
    }
    if (e.k === 'unop' && e.op === '!') cond(e.operand);
  };
  const visitConds = (e: PerlExpr): PerlExpr => {
    if (e.k === 'ternary') cond(e.cond);
    mapChildren(e, visitConds);
    return e;
  };
  const walk = (list: PerlStmt[]) => {
    for (const st of list) {
      if ('postfix' in st) cond(st.postfix);
      if (st.k === 'if') {
        st.branches.forEach((b) => {
          cond(b.cond);
          walk(b.body);
        });
        if (st.else) walk(st.else);
      }
      if (st.k === 'while') cond(st.cond);
      if (st.k === 'foreach' || st.k === 'while') walk(st.body);
      if (st.k === 'eval') {
        walk(st.body);
        walk(st.handler);
      }
    }
  };
  // stmtExprs reaches nested statements too: once over the top level counts each use once
  for (const st of body) {
    stmtExprs(st, all);
    stmtExprs(st, visitConds);
  }
  walk(body);
  const flag = (st: PerlStmt): PerlStmt => {
    if (st.k === 'my' && st.init && st.vars.length === 1 && st.vars[0]!.k === 'var' && st.vars[0]!.sigil === '$') {
      const name = st.vars[0]!.name;
      if ((uses.get(name) ?? 0) > 0 && uses.get(name) === asCondition.get(name)) return { ...st, init: condition(st.init) };
    }
    if (st.k === 'if') return { ...st, branches: st.branches.map((b) => ({ ...b, body: b.body.map(flag) })), else: st.else?.map(flag) };
    if (st.k === 'foreach' || st.k === 'while') return { ...st, body: st.body.map(flag) };
    return st;
  };
  return body.map(flag);
}

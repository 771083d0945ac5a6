/**
 * Local arrays and hashes: `my $x = [...]` used only through `@$x`, `$x->[i]` (or `%$x`,
 * `$x->{k}`) becomes `my @x = (...)` used as `@x`, `$x[i]` (`my %x`, `$x{k}`). A container
 * handed on whole stays a reference.
 */
import type { PerlExpr, PerlStmt } from '../../ir/ast.ts';
import { eachExpr, mapChildren, stmtExprs } from './walk.ts';

type Kind = '@' | '%';

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
function containerCandidates(body: PerlStmt[], params: string[], fileScope: ReadonlySet<string>): Map<string, Kind> {
  const decls = declarations(body, params);
  // a file-level variable of the same name could be the one an earlier use means
  for (const name of fileScope) decls.set(name, (decls.get(name) ?? 0) + 1);
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

/** `fileScope`: the module's file-level variables (`$units`), which a sub's names may shadow. */
export function localContainers(body: PerlStmt[], params: string[], fileScope: ReadonlySet<string>): PerlStmt[] {
  const found = containerCandidates(body, params, fileScope);
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

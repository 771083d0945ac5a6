/**
 * Rewrites of a lowered module into the spellings a Proxmox developer writes by hand, each
 * meaning exactly what it replaces: lexical helpers as `my sub` called by name, octal
 * literals, in-place substitutions instead of `s///r`, `my $x = eval { ... };`, local
 * arrays and hashes as `my @x` / `my %x`, and `if (@x)` for a non-empty test.
 */
import type { PerlExpr, PerlItem, PerlModule, PerlStmt } from '../../ir/ast.ts';
import { PERL_BUILTINS } from '../naming.ts';
import { conditionFlags, conditions } from './conditions.ts';
import { localContainers } from './containers.ts';
import { statementForms } from './statementForms.ts';
import { mapChildren, stmtExprs } from './walk.ts';

export function idiomatic(mod: PerlModule): PerlModule {
  // A `my sub` named like a built-in or an imported function would take over its calls.
  const imported = new Set(mod.uses.flat().flatMap((u) => /\bqw\(([^)]*)\)/.exec(u)?.[1]!.split(/\s+/) ?? []));
  const lexical = new Set<string>();
  for (const item of mod.items) {
    if (item.k !== 'stmt' || item.stmt.k !== 'lexsub') continue;
    if (!PERL_BUILTINS.has(item.stmt.name) && !imported.has(item.stmt.name)) lexical.add(item.stmt.name);
  }
  const fileScope = new Set<string>();
  for (const item of mod.items) {
    if (item.k === 'stmt' && item.stmt.k === 'my') for (const v of item.stmt.vars) if (v.k === 'var') fileScope.add(`${v.sigil}${v.name}`);
  }
  const items = mod.items.map((item): PerlItem => {
    const fix = (body: PerlStmt[], params: string[]) =>
      conditionFlags(localContainers(statementForms(body.map((s) => stmtExprs(s, (e) => expr(e, lexical), statementForms))), params, fileScope).map(conditions));
    if (item.k === 'sub') return { ...item, body: fix(item.body, item.params) };
    // a constructor's sections share variables: no container rewrite across them
    const light = (body: PerlStmt[]) => statementForms(body.map((s) => stmtExprs(s, (e) => expr(e, lexical), statementForms))).map(conditions);
    if (item.k === 'constructor') return { ...item, sections: item.sections.map(light) };
    if (item.stmt.k === 'lexsub') {
      return { ...item, stmt: { ...item.stmt, body: fix(item.stmt.body, item.stmt.params), named: lexical.has(item.stmt.name) } };
    }
    return { ...item, stmt: stmtExprs(item.stmt, (e) => expr(e, lexical), statementForms) };
  });
  return { ...mod, items };
}

function expr(e: PerlExpr, lexical: Set<string>): PerlExpr {
  const m = mapChildren(e, (c) => expr(c, lexical), statementForms);
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

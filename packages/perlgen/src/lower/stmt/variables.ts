/** `const`/`let` declarations: plain values, array destructuring (of captures too), regexes (`qr//`) and matches. */
import type { VariableStatement } from 'ts-morph';
import { Node } from '../../front/tsMorph.ts';
import { arr, describe, join, STR, strip, typeFromNode, type PT } from '../../front/types.ts';
import type { Origin, PerlExpr, PerlStmt } from '../../ir/ast.ts';
import { listOf, scalarOf } from '../context.ts';
import { declaredMatch } from '../expr/calls.ts';
import { constructedRegex, isRegExpConstruction } from '../regex/construct.ts';
import { translateRegexLiteral } from '../regex/literal.ts';
import { captures } from './captures.ts';
import type { StmtCx } from './stmtCx.ts';

export function variables(st: StmtCx, stmt: VariableStatement, origin: Origin): PerlStmt[] {
  const node = stmt;
  const list = stmt.getDeclarationList();
  const mutable = list.getText().startsWith('let');
  if (list.getText().startsWith('var')) st.fail(node, 'var is outside the subset; use const or let');
  const out: PerlStmt[] = [];
  for (const decl of list.getDeclarations()) {
    const nameNode = decl.getNameNode();
    const init = decl.getInitializer();
    const annotated = decl.getTypeNode() ? typeFromNode(decl.getTypeNode(), decl) : undefined;

    if (Node.isArrayBindingPattern(nameNode)) {
      if (!init) st.fail(decl, 'destructuring needs an initializer');
      const matched = captures(st, nameNode, init, mutable, origin);
      if (matched) {
        out.push(matched);
        continue;
      }
      const value = st.ex.lower(init);
      const t = strip(value.t);
      if (t.k !== 'tuple' && t.k !== 'arr') st.fail(init, `destructuring ${describe(value.t)}`);
      const vars: PerlExpr[] = [];
      nameNode.getElements().forEach((el, i) => {
        if (Node.isOmittedExpression(el)) {
          vars.push({ k: 'undef' });
          return;
        }
        if (el.getDotDotDotToken() || !Node.isIdentifier(el.getNameNode()) || el.getInitializer()) {
          st.fail(el, 'only plain names in array destructuring');
        }
        const elType = t.k === 'tuple' ? (t.els[i] ?? { k: 'undef' }) : ({ k: 'opt', t: t.el } as PT);
        vars.push(st.declareVar(el.getName(), el, { type: elType, mutable }));
      });
      out.push({ k: 'my', vars, init: listOf(value, init), list: true, origin });
      continue;
    }
    if (!Node.isIdentifier(nameNode)) st.fail(nameNode, 'object destructuring is outside the subset');
    const name = nameNode.getText();

    if (init && (Node.isRegularExpressionLiteral(init) || isRegExpConstruction(init))) {
      if (mutable) st.fail(decl, 'a regex must be const');
      const re = isRegExpConstruction(init) ? constructedRegex(st.ex, st.ex.mod, init, 'gis') : translateRegexLiteral(init.getLiteralText(), 'gis', init);
      const v = st.declareVar(name, decl, { type: { k: 'regex' }, mutable: false });
      const varName = (v as { name: string }).name;
      st.ex.scope.declare(name, { perl: v, type: { k: 'regex' }, mutable: false, regex: { ...re, varName } });
      out.push({ k: 'my', vars: [v], init: { k: 'qr', regex: { source: re.source, flags: re.flags.replace('g', '') } }, origin });
      continue;
    }
    if (init) {
      const match = declaredMatch(st.ex, init);
      if (match) {
        const v = st.declareVar(name, decl, { type: { k: 'match', groups: match.groups }, mutable: false, sigil: '@' });
        if (mutable) st.fail(decl, 'a match result must be const');
        out.push({ k: 'my', vars: [v], init: match.p, origin });
        continue;
      }
    }
    if (!init) {
      if (!annotated) st.fail(decl, `let ${name} needs a type annotation`);
      if (!mutable) st.fail(decl, 'const needs an initializer');
      out.push({ k: 'my', vars: [st.declareVar(name, decl, { type: annotated, mutable })], origin });
      continue;
    }
    const value = st.ex.lower(init);
    if (value.form === 'list' && strip(value.t).k === 'tuple') st.fail(init, 'destructure a list of several values: const [a, b] = ...');
    let type = annotated ?? value.t;
    if (annotated && !join(annotated, value.t)) st.fail(init, `a ${describe(value.t)} assigned to ${describe(annotated)}`);
    if (type.k === 'undef') st.fail(decl, `${name} needs a type annotation`);
    if (!annotated && type.k === 'arr' && value.p.k === 'anonArray' && value.p.items.length === 0) type = arr(STR);
    const aliasTrue = !mutable && type.k === 'bool' ? st.ex.narrowings(init).whenTrue : undefined;
    const v = st.declareVar(name, decl, { type, mutable, aliasTrue });
    out.push({ k: 'my', vars: [v], init: scalarOf(value), origin });
  }
  return out;
}

/** Methods and functions → `sub name {...}` or lexical `my $name = sub {...};`. */
import type { FunctionDeclaration, MethodDeclaration, ParameterDeclaration } from 'ts-morph';
import { docComments } from '../../front/comments.ts';
import { CompileError } from '../../front/diagnostics.ts';
import { assignedTexts } from '../../front/narrowing.ts';
import { Node } from '../../front/tsMorph.ts';
import { arr } from '../../front/types.ts';
import type { PerlExpr, PerlItem, PerlStmt } from '../../ir/ast.ts';
import { scalarOf, Scope } from '../context.ts';
import { ExprLowerer } from '../expr/lowerer.ts';
import type { ModuleInfo } from '../moduleInfo.ts';
import { RESERVED_PERL_NAMES, snakeCase } from '../naming.ts';
import { StmtLowerer } from '../stmt/lowerer.ts';
import { paramType, restElement } from './collect.ts';

/** Parameters → `my (...) = @_` names, scope entries and `//=` defaults. */
export function bindParameters(params: ParameterDeclaration[], st: StmtLowerer, first: string[]): { names: string[]; defaults: PerlStmt[] } {
  const names = [...first];
  const defaults: PerlStmt[] = [];
  const taken = new Set(names);
  for (const p of params) {
    if (!Node.isIdentifier(p.getNameNode())) throw new CompileError(p, 'destructured parameters are outside the subset');
    const perlName = snakeCase(p.getName());
    if (RESERVED_PERL_NAMES.has(perlName) && !first.includes(perlName)) {
      throw new CompileError(p, `the parameter ${p.getName()} would become $${perlName}`);
    }
    if (taken.has(perlName)) throw new CompileError(p, `two parameters become $${perlName}`);
    taken.add(perlName);
    const rest = p.isRestParameter();
    const type = rest ? arr(restElement(p)) : paramType(p);
    const perl: PerlExpr = { k: 'var', sigil: rest ? '@' : '$', name: perlName };
    st.ex.scope.declare(p.getName(), { perl, type, mutable: true });
    names.push(rest ? `@${perlName}` : perlName);
    const init = p.getInitializer();
    if (init) {
      const value = st.ex.lower(init);
      defaults.push({ k: 'expr', expr: { k: 'assign', op: '//=', target: perl, value: scalarOf(value) } });
    }
  }
  return { names, defaults };
}

export function bodyStatements(body: Node | undefined): Node[] {
  if (!body || !Node.isBlock(body)) throw new CompileError(body, 'a body block is needed');
  return body.getStatementsWithComments();
}

export function lowerMethod(method: MethodDeclaration, mod: ModuleInfo, lexical: boolean): PerlItem {
  const own = mod.methods.get(method.getName())!;
  const ex = new ExprLowerer(mod, new Scope(), true);
  ex.assigned = assignedTexts(method.getBody());
  const st = new StmtLowerer(ex, own.returns);
  const { names, defaults } = bindParameters(method.getParameters(), st, ['self']);
  const body = [...defaults, ...st.block(bodyStatements(method.getBody()))];
  // Generated modules are held to perlcritic's severity 4: a void sub ends in an explicit return.
  const last = body.at(-1);
  const ends = last?.k === 'return' || (last?.k === 'die' && !last.fn && !last.postfix);
  if (own.returns.k === 'void' && !ends) body.push({ k: 'return' });
  const comments = docComments(method);
  if (lexical) {
    return { k: 'stmt', comments, stmt: { k: 'lexsub', name: own.perlName, params: names, body, origin: st.origin(method) } };
  }
  return { k: 'sub', name: own.perlName, comments, params: names, body, origin: st.origin(method) };
}

export function lowerFunction(fn: FunctionDeclaration, mod: ModuleInfo): PerlItem {
  const own = mod.functions.get(fn.getNameOrThrow())!;
  const ex = new ExprLowerer(mod, new Scope(), false);
  ex.assigned = assignedTexts(fn.getBody());
  const st = new StmtLowerer(ex, own.returns);
  const { names, defaults } = bindParameters(fn.getParameters(), st, []);
  const body = [...defaults, ...st.block(bodyStatements(fn.getBody()))];
  return {
    k: 'stmt',
    comments: docComments(fn),
    stmt: { k: 'lexsub', name: own.perlName, params: names, body, origin: st.origin(fn) },
  };
}

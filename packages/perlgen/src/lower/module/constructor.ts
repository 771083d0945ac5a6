/**
 * The constructor → `sub new` in the upstream shape, in its parts: what comes before the
 * `my $self = {...}` hash (which holds what `super(...)` stores, the field initialisers and
 * the `this.f = e` assignments that follow `super()`), what comes after, and `return bless`.
 * layout/ joins the parts.
 */
import type { ClassDeclaration, ConstructorDeclaration, Statement } from 'ts-morph';
import { CompileError } from '../../front/diagnostics.ts';
import { assignedTexts } from '../../front/narrowing.ts';
import { Node, SyntaxKind } from '../../front/tsMorph.ts';
import { VOID } from '../../front/types.ts';
import type { PerlExpr, PerlItem, PerlStmt } from '../../ir/ast.ts';
import { scalarOf, Scope } from '../context.ts';
import { ExprLowerer } from '../expr/lowerer.ts';
import type { ModuleInfo } from '../moduleInfo.ts';
import { snakeCase } from '../naming.ts';
import { StmtLowerer } from '../stmt/lowerer.ts';
import { bindParameters, bodyStatements } from './subs.ts';

/** Keys Plugin's constructor stores, by argument position. */
const SUPER_ARG_KEYS = ['conf', 'rootdir', 'os_release', 'log_warn'];

function isSuperCall(node: Node): boolean {
  return (
    Node.isExpressionStatement(node) &&
    Node.isCallExpression(node.getExpression()) &&
    node.getExpression().asKindOrThrow(SyntaxKind.CallExpression).getExpression().getKind() === SyntaxKind.SuperKeyword
  );
}

/** `this.f = e;` at the top level of the constructor. */
function fieldAssignment(node: Node): { name: string; value: Node } | undefined {
  if (!Node.isExpressionStatement(node)) return undefined;
  const e = node.getExpression();
  if (!Node.isBinaryExpression(e) || e.getOperatorToken().getText() !== '=') return undefined;
  const left = e.getLeft();
  if (!Node.isPropertyAccessExpression(left) || left.getExpression().getKind() !== SyntaxKind.ThisKeyword) return undefined;
  return { name: left.getName(), value: e.getRight() };
}

/**
 * `constructor(conf, rootdir) { super(conf, rootdir); conf.ostype = 'x'; }` →
 * `sub new { my ($class, $conf, $rootdir) = @_; my $self = { conf => $conf, rootdir =>
 * $rootdir, <fields> }; $conf->{ostype} = 'x'; return bless $self, $class; }`.
 */
export function lowerConstructor(ctor: ConstructorDeclaration, cls: ClassDeclaration, mod: ModuleInfo): PerlItem {
  const ex = new ExprLowerer(mod, new Scope(), false);
  ex.assigned = assignedTexts(ctor.getBody());
  const st = new StmtLowerer(ex, VOID, true);
  const { names, defaults } = bindParameters(ctor.getParameters(), st, ['class']);
  const nodes = bodyStatements(ctor.getBody());
  const superIndex = nodes.findIndex(isSuperCall);
  if (superIndex < 0) throw new CompileError(ctor, 'the constructor must call super(conf, rootdir, ...)');

  const before = st.block(nodes.slice(0, superIndex));
  const superCall = (nodes[superIndex] as Statement).asKindOrThrow(SyntaxKind.ExpressionStatement).getExpression().asKindOrThrow(SyntaxKind.CallExpression);
  const entries: Array<{ key: PerlExpr; value: PerlExpr }> = [];
  superCall.getArguments().forEach((a, i) => {
    const key = SUPER_ARG_KEYS[i];
    if (!key) throw new CompileError(a, 'super takes (conf, rootdir, osRelease, logWarn)');
    entries.push({ key: { k: 'str', value: key }, value: scalarOf(ex.lower(a)) });
  });
  for (const prop of cls.getProperties()) {
    if (prop.isStatic()) continue;
    const init = prop.getInitializer();
    if (!init) continue;
    entries.push({ key: { k: 'str', value: snakeCase(prop.getName()) }, value: scalarOf(ex.lower(init)) });
  }
  // Field assignments right after super() fold into the hash, as upstream writes it.
  let rest = nodes.slice(superIndex + 1);
  while (rest.length > 0) {
    const field = fieldAssignment(rest[0]!);
    if (!field) break;
    const known = mod.fields.get(field.name);
    if (!known) throw new CompileError(rest[0], `this.${field.name} is not a declared field`);
    entries.push({ key: { k: 'str', value: known.key }, value: scalarOf(ex.lower(field.value)) });
    rest = rest.slice(1);
  }
  const self: PerlExpr = { k: 'var', sigil: '$', name: 'self' };
  const selfEx = new ExprLowerer(mod, ex.scope, true);
  selfEx.assigned = ex.assigned;
  const after = new StmtLowerer(selfEx, VOID, true).block(rest);
  const bless: PerlStmt = {
    k: 'return',
    value: { k: 'call', fn: 'bless', args: [self, { k: 'var', sigil: '$', name: 'class' }], bare: true },
  };
  const sections = [[...defaults, ...before], [{ k: 'my', vars: [self], init: { k: 'anonHash', entries } } as PerlStmt], after, [bless]];
  return { k: 'constructor', comments: [], params: names, sections, origin: st.origin(ctor) };
}

/**
 * The plugin file → a Perl module: the class becomes `package PVE::LXC::Setup::<Name>`
 * with `use base qw(<parent>)`, the constructor takes the upstream shape, overridden and
 * new public methods become subs, private helpers and module functions become lexical
 * coderefs placed before their first use.
 */
import type { ClassDeclaration, ConstructorDeclaration, FunctionDeclaration, MethodDeclaration, ParameterDeclaration, SourceFile, Statement } from 'ts-morph';
import { Node, SyntaxKind } from './tsMorph.ts';
import type { PerlExpr, PerlItem, PerlModule, PerlStmt } from '../perl/ast.ts';
import { BASE_PM_SUBS, PARENT_CLASSES, PLUGIN_PM_SUBS } from '../facts/proxmoxSubs.ts';
import { handWrittenReason } from './handWritten.ts';
import { RESERVED_PERL_NAMES, setupPackageName, snakeCase } from '../naming.ts';
import { scalarOf, Scope, type OwnCallable } from './context.ts';
import { CompileError, diagnosticAt, type Diagnostic } from './diagnostics.ts';
import { assignedTexts, ExprLowerer, translateRegexLiteral } from './lowerExpr.ts';
import { commentLines, StmtLowerer, wrapComment } from './lowerStmt.ts';
import { KNOWN_MODULES, PRELUDE } from './mapping.ts';
import { parseSource } from './project.ts';
import { REPO_ROOT } from '../repo.ts';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ModuleInfo } from './module.ts';
import { checkSubset } from './subset.ts';
import { arr, opt, typeFromNode, VOID, type PT } from './types.ts';

/** Keys Plugin's constructor stores, by argument position. */
const SUPER_ARG_KEYS = ['conf', 'rootdir', 'os_release', 'log_warn'];

/** Proxmox modules grouped like upstream's `use` lines: pve-common, then pve-container. */
const USE_GROUPS: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['PVE::INotify', 'PVE::Network', 'PVE::Tools']),
  new Set(['PVE::LXC', 'PVE::LXC::Config', 'PVE::LXC::Tools', 'PVE::LXC::Setup::Base', 'PVE::LXC::Setup::Plugin']),
];

/**
 * The harness's Base (packages/core/src/base/Base.ts) extends CtHelpers, whose Perl is our
 * hand-written ct_* layer; its subs are the ones Proxmox's Base and Plugin define.
 */
const HARNESS_PARENTS: Readonly<Record<string, { perlPackage: string; subs: ReadonlySet<string> }>> = {
  CtHelpers: { perlPackage: 'PVE::LXC::Setup::CtHelpers', subs: new Set([...PLUGIN_PM_SUBS, ...BASE_PM_SUBS]) },
};

export interface LowerResult {
  module?: PerlModule;
  className?: string;
  diagnostics: Diagnostic[];
}

function moduleKey(specifier: string, file = ''): string {
  // a sibling of the Base model (./CtHelpers.ts) is known by its place below core's src/
  if (specifier.startsWith('./') && /(?:^|\/)base\/[^/]+\.ts$/.test(file)) return `base/${specifier.slice(2)}`;
  return specifier.replace(/^(?:\.\.?\/)+/, '');
}

function docComments(node: Node): string[] {
  if (!Node.isJSDocable(node)) return [];
  const lines: string[] = [];
  for (const doc of node.getJsDocs()) {
    lines.push(...commentLines(doc.getText()));
  }
  return wrapComment(lines, 98);
}

export function lowerPluginFile(sf: SourceFile, file: string): LowerResult {
  const diagnostics: Diagnostic[] = [];
  const report = (node: Node | undefined, message: string) => diagnostics.push(diagnosticAt(file, node, message));
  for (const v of checkSubset(sf)) report(v.node, v.message);

  const classes = sf.getClasses();
  if (classes.length !== 1) {
    report(classes[1] ?? sf, 'a plugin file holds exactly one class');
    return { diagnostics };
  }
  const cls = classes[0]!;
  const parentName = cls.getExtends()?.getExpression().getText();
  const baseMode = parentName !== undefined && HARNESS_PARENTS[parentName] !== undefined;
  const parent = parentName ? (PARENT_CLASSES[parentName] ?? HARNESS_PARENTS[parentName]) : undefined;
  if (!parentName || !parent) {
    report(cls, 'the plugin class must extend Base or Plugin');
    return { diagnostics };
  }
  const className = cls.getNameOrThrow();
  if (!baseMode) {
    sf.forEachDescendant((node) => {
      if (handWrittenReason(node) !== undefined) report(node, 'only the Base model may leave parts to hand-written Perl');
    });
  }

  const mod: ModuleInfo = {
    file,
    parent: parentName as ModuleInfo['parent'],
    parentSubs: parent.subs,
    imports: new Map(),
    methods: new Map(),
    functions: new Map(),
    constants: new Map(),
    regexes: new Map(),
    fields: new Map(),
    uses: new Set([parent.perlPackage]),
    prelude: new Set(),
    diagnostics,
  };
  const guard = <T>(node: Node, fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      report(e.node ?? node, e.message);
      return undefined;
    }
  };

  // Base's imports serve its hand-written parts too; an unmapped one fails where compiled code uses it.
  collectImports(sf, mod, baseMode ? () => undefined : report);
  const moduleItems: PerlItem[] = [];
  const functions = collectTopLevel(sf, cls, mod, report, guard, moduleItems);
  // Base mode: functions of sibling modules (./networkdUnit.ts) join the module as lexical
  // helpers, emitted only where compiled code calls them.
  const siblings = new Set<string>();
  if (baseMode) {
    for (const sibling of siblingSources(sf, file)) {
      for (const v of checkSubset(sibling.sf)) report(v.node, `${sibling.file}: ${v.message}`);
      collectImports(sibling.sf, mod, report);
      const before = new Set(mod.functions.keys());
      for (const [name, fn] of collectTopLevel(sibling.sf, undefined, mod, report, guard, moduleItems)) {
        functions.set(name, fn);
        if (!before.has(name)) siblings.add(name);
      }
    }
  }
  collectMembers(cls, mod, report, guard);

  // Lexical helpers go before their first user; record who uses whom.
  const lexicalNodes = new Map<string, Node>();
  for (const [name, own] of [...mod.functions, ...mod.methods]) if (own.lexical) lexicalNodes.set(name, own.node);
  const deps = (node: Node): string[] => {
    const used: string[] = [];
    node.forEachDescendant((d) => {
      if (!Node.isCallExpression(d)) return;
      const callee = d.getExpression();
      let name: string | undefined;
      if (Node.isIdentifier(callee) && mod.functions.get(callee.getText())?.lexical) name = callee.getText();
      if (Node.isPropertyAccessExpression(callee) && callee.getExpression().getKind() === SyntaxKind.ThisKeyword) {
        if (mod.methods.get(callee.getName())?.lexical) name = callee.getName();
      }
      if (name && !used.includes(name)) used.push(name);
    });
    return used;
  };

  const items: PerlItem[] = [...moduleItems];
  const emitted = new Set<string>();
  const emitLexical = (name: string): void => {
    if (emitted.has(name)) return;
    emitted.add(name);
    const node = lexicalNodes.get(name)!;
    for (const dep of deps(node)) emitLexical(dep);
    const fn = functions.get(name);
    const item = fn
      ? guard(fn, () => lowerFunction(fn, mod))
      : guard(node, () => lowerMethod(node as MethodDeclaration, mod, true));
    if (item) items.push(item);
  };

  const ctor = cls.getConstructors()[0];
  if (!ctor && !baseMode) report(cls, 'the plugin needs a constructor (sub new)');
  if (cls.getConstructors().length > 1) report(cls.getConstructors()[1], 'constructor overloads are outside the subset');
  if (ctor) {
    for (const dep of deps(ctor)) emitLexical(dep);
    const item = guard(ctor, () => lowerConstructor(ctor, cls, mod));
    if (item) items.push({ ...item, comments: [...docComments(cls), ...item.comments] });
  } else {
    items.push(...[]);
  }
  for (const method of cls.getMethods()) {
    const own = mod.methods.get(method.getName());
    if (!own || handWrittenReason(method) !== undefined) continue;
    if (own.lexical) {
      emitLexical(method.getName());
      continue;
    }
    for (const dep of deps(method)) emitLexical(dep);
    const item = guard(method, () => lowerMethod(method, mod, false));
    if (item) items.push(item);
  }
  for (const name of mod.functions.keys()) if (!siblings.has(name)) emitLexical(name);

  if (diagnostics.length > 0) return { diagnostics, className };
  items.unshift(...preludeItems(mod.prelude));
  const module: PerlModule = {
    header: [],
    packageName: setupPackageName(className),
    uses: groupUses(mod.uses),
    basePackage: parent.perlPackage,
    items,
  };
  return { module, className, diagnostics };
}

function preludeItems(names: Set<string>): PerlItem[] {
  return [...names].sort().map((name) => {
    const h = PRELUDE[name as keyof typeof PRELUDE];
    const body: PerlStmt[] = h.body.map((text) => ({ k: 'verbatim', text }));
    return { k: 'stmt', comments: [h.comment], stmt: { k: 'lexsub', name, params: [...h.params], body } };
  });
}

function groupUses(uses: Set<string>): string[][] {
  const groups = USE_GROUPS.map((g) => [...uses].filter((u) => g.has(u)).sort());
  const other = [...uses].filter((u) => !USE_GROUPS.some((g) => g.has(u))).sort();
  return [other, ...groups].filter((g) => g.length > 0);
}

function collectImports(sf: SourceFile, mod: ModuleInfo, report: (n: Node, m: string) => void): void {
  for (const imp of sf.getImportDeclarations()) {
    const key = moduleKey(imp.getModuleSpecifierValue(), mod.file);
    if (!KNOWN_MODULES.has(key)) {
      report(imp, `imports from ${imp.getModuleSpecifierValue()} are outside the subset (known: ${[...KNOWN_MODULES].join(', ')})`);
      continue;
    }
    if (imp.getDefaultImport() || imp.getNamespaceImport()) report(imp, 'only named imports');
    for (const spec of imp.getNamedImports()) {
      const local = spec.getAliasNode()?.getText() ?? spec.getName();
      mod.imports.set(local, { module: key, name: spec.getName() });
    }
  }
}

function paramTypes(params: ParameterDeclaration[]): Array<{ type: PT; rest: boolean }> {
  return params.map((p) => ({ type: p.isRestParameter() ? arr(restElement(p)) : paramType(p), rest: p.isRestParameter() }));
}

function restElement(p: ParameterDeclaration): PT {
  const t = typeFromNode(p.getTypeNode(), p);
  return t.k === 'arr' ? t.el : t;
}

function paramType(p: ParameterDeclaration): PT {
  const t = typeFromNode(p.getTypeNode(), p);
  return p.hasQuestionToken() ? opt(t) : t;
}

function returnType(fn: MethodDeclaration | FunctionDeclaration): PT {
  const node = fn.getReturnTypeNode();
  return node ? typeFromNode(node, fn) : VOID;
}

/** `./x.ts` imports of the Base model other than its parent classes, parsed from disk. */
function siblingSources(sf: SourceFile, file: string): Array<{ file: string; sf: SourceFile }> {
  const out: Array<{ file: string; sf: SourceFile }> = [];
  for (const imp of sf.getImportDeclarations()) {
    const spec = imp.getModuleSpecifierValue();
    if (!spec.startsWith('./') || imp.isTypeOnly() || /^\.\/(?:CtHelpers|Plugin)\.ts$/.test(spec)) continue;
    const path = resolve(REPO_ROOT, dirname(file), spec);
    if (!existsSync(path)) continue;
    const shown = `${dirname(file)}/${spec.slice(2)}`;
    out.push({ file: shown, sf: parseSource(shown, readFileSync(path, 'utf8')) });
  }
  return out;
}

function collectTopLevel(
  sf: SourceFile,
  cls: ClassDeclaration | undefined,
  mod: ModuleInfo,
  report: (n: Node, m: string) => void,
  guard: <T>(node: Node, fn: () => T) => T | undefined,
  items: PerlItem[],
): Map<string, FunctionDeclaration> {
  const functions = new Map<string, FunctionDeclaration>();
  for (const stmt of sf.getStatements()) {
    if (stmt === cls || Node.isImportDeclaration(stmt) || Node.isTypeAliasDeclaration(stmt) || Node.isInterfaceDeclaration(stmt)) {
      continue;
    }
    if (handWrittenReason(stmt) !== undefined) continue;
    if (Node.isFunctionDeclaration(stmt)) {
      const name = stmt.getName();
      if (!name || !stmt.getBody()) {
        report(stmt, 'functions need a name and a body');
        continue;
      }
      guard(stmt, () => {
        mod.functions.set(name, {
          perlName: snakeCase(name),
          lexical: true,
          takesSelf: false,
          params: paramTypes(stmt.getParameters()),
          returns: returnType(stmt),
          node: stmt,
        });
      });
      functions.set(name, stmt);
      continue;
    }
    if (Node.isVariableStatement(stmt) && stmt.getDeclarationKind() === 'const') {
      for (const decl of stmt.getDeclarations()) {
        guard(decl, () => {
          const init = decl.getInitializerOrThrow();
          const name = decl.getName();
          if (Node.isRegularExpressionLiteral(init)) {
            const re = translateRegexLiteral(init.getLiteralText(), 'gis', init);
            const varName = snakeCase(name);
            mod.regexes.set(name, { ...re, varName });
            const qr: PerlExpr = { k: 'qr', regex: { source: re.source, flags: re.flags.replace('g', '') } };
            items.push({ k: 'stmt', comments: docComments(stmt), stmt: { k: 'my', vars: [{ k: 'var', sigil: '$', name: varName }], init: qr } });
            return;
          }
          const ex = new ExprLowerer(mod, new Scope(), false);
          const value = ex.lower(init);
          const annotated = decl.getTypeNode() ? typeFromNode(decl.getTypeNode(), decl) : value.t;
          const perlName = snakeCase(name);
          if (RESERVED_PERL_NAMES.has(perlName)) throw new CompileError(decl, `the name ${name} would become $${perlName}`);
          const perl: PerlExpr = { k: 'var', sigil: '$', name: perlName };
          mod.constants.set(name, { perl, type: annotated, mutable: false });
          items.push({
            k: 'stmt',
            comments: docComments(stmt),
            stmt: { k: 'my', vars: [perl], init: scalarOf(value) },
          });
        });
      }
      continue;
    }
    report(stmt, `${stmt.getKindName()} at the top level is outside the subset`);
  }
  return functions;
}

function collectMembers(
  cls: ClassDeclaration,
  mod: ModuleInfo,
  report: (n: Node, m: string) => void,
  guard: <T>(node: Node, fn: () => T) => T | undefined,
): void {
  for (const member of cls.getMembers()) {
    if (Node.isPropertyDeclaration(member)) {
      if (member.isStatic()) {
        // `static readonly ostype = '...'` is the dispatcher's registration data; Setup.pm
        // keeps that table in Perl, so it is not part of the module.
        const init = member.getInitializer();
        if (!member.isReadonly() || !init || !Node.isStringLiteral(init)) {
          report(member, 'only `static readonly name = \'literal\'` statics (registration data)');
        }
        continue;
      }
      guard(member, () => {
        const name = member.getName();
        const init = member.getInitializer();
        const type = member.getTypeNode()
          ? typeFromNode(member.getTypeNode(), member)
          : init
            ? new ExprLowerer(mod, new Scope(), false).lower(init).t
            : typeFromNode(undefined, member);
        mod.fields.set(name, { key: snakeCase(name), type });
      });
      continue;
    }
    if (Node.isMethodDeclaration(member)) {
      guard(member, () => {
        if (member.isStatic() || member.isAsync() || member.isGenerator()) {
          throw new CompileError(member, 'static, async and generator methods are outside the subset');
        }
        const name = member.getName();
        const handWritten = handWrittenReason(member) !== undefined;
        const lexical = !handWritten && (member.hasModifier(SyntaxKind.PrivateKeyword) || name.startsWith('#'));
        const perlName = snakeCase(name.replace(/^#/, ''));
        if (perlName === 'new') throw new CompileError(member, 'a method named new would replace the constructor');
        mod.methods.set(name, {
          perlName,
          lexical,
          takesSelf: true,
          params: paramTypes(member.getParameters()),
          returns: returnType(member),
          node: member,
        });
      });
      continue;
    }
    if (Node.isConstructorDeclaration(member)) continue;
    report(member, `${member.getKindName()} is outside the subset`);
  }
}

/** Parameters → `my (...) = @_` names, scope entries and `//=` defaults. */
function bindParameters(params: ParameterDeclaration[], st: StmtLowerer, first: string[]): { names: string[]; defaults: PerlStmt[] } {
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

function bodyStatements(body: Node | undefined): Node[] {
  if (!body || !Node.isBlock(body)) throw new CompileError(body, 'a body block is needed');
  return body.getStatementsWithComments();
}

function lowerMethod(method: MethodDeclaration, mod: ModuleInfo, lexical: boolean): PerlItem {
  const own = mod.methods.get(method.getName())!;
  const ex = new ExprLowerer(mod, new Scope(), true);
  ex.assigned = assignedTexts(method.getBody());
  const st = new StmtLowerer(ex, own.returns);
  const { names, defaults } = bindParameters(method.getParameters(), st, ['self']);
  const body = [...defaults, ...st.block(bodyStatements(method.getBody()), lexical ? 2 : 1)];
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

function lowerFunction(fn: FunctionDeclaration, mod: ModuleInfo): PerlItem {
  const own = mod.functions.get(fn.getNameOrThrow())!;
  const ex = new ExprLowerer(mod, new Scope(), false);
  ex.assigned = assignedTexts(fn.getBody());
  const st = new StmtLowerer(ex, own.returns);
  const { names, defaults } = bindParameters(fn.getParameters(), st, []);
  const body = [...defaults, ...st.block(bodyStatements(fn.getBody()), 2)];
  return {
    k: 'stmt',
    comments: docComments(fn),
    stmt: { k: 'lexsub', name: own.perlName, params: names, body, origin: st.origin(fn) },
  };
}

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
function lowerConstructor(ctor: ConstructorDeclaration, cls: ClassDeclaration, mod: ModuleInfo): PerlItem {
  const ex = new ExprLowerer(mod, new Scope(), false);
  ex.assigned = assignedTexts(ctor.getBody());
  const st = new StmtLowerer(ex, VOID, true);
  const { names, defaults } = bindParameters(ctor.getParameters(), st, ['class']);
  const nodes = bodyStatements(ctor.getBody());
  const superIndex = nodes.findIndex(isSuperCall);
  if (superIndex < 0) throw new CompileError(ctor, 'the constructor must call super(conf, rootdir, ...)');

  const before = st.block(nodes.slice(0, superIndex), 1);
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
  const after = new StmtLowerer(selfEx, VOID, true).block(rest, 1);
  const body: PerlStmt[] = [
    ...defaults,
    ...before,
    { k: 'blank' },
    { k: 'my', vars: [self], init: { k: 'anonHash', entries } },
    { k: 'blank' },
    ...after,
    { k: 'blank' },
    { k: 'return', value: { k: 'call', fn: 'bless', args: [self, { k: 'var', sigil: '$', name: 'class' }], bare: true } },
  ];
  return { k: 'sub', name: 'new', comments: [], params: names, body: dedupeBlanks(body), origin: st.origin(ctor) };
}

function dedupeBlanks(body: PerlStmt[]): PerlStmt[] {
  const out: PerlStmt[] = [];
  for (const s of body) {
    if (s.k === 'blank' && (out.length === 0 || out[out.length - 1]!.k === 'blank')) continue;
    out.push(s);
  }
  return out;
}

export type { OwnCallable };

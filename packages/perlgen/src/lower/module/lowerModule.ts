/**
 * The plugin file → a Perl module: the class becomes `package PVE::LXC::Setup::<Name>`
 * with `use base qw(<parent>)`, the constructor takes the upstream shape, overridden and
 * new public methods become subs, private helpers and module functions become lexical
 * coderefs placed before their first use.
 */
import type { MethodDeclaration, SourceFile } from 'ts-morph';
import { docComments } from '../../front/comments.ts';
import { CompileError, diagnosticAt, type Diagnostic } from '../../front/diagnostics.ts';
import { handWrittenReason } from '../../front/handWritten.ts';
import { checkSubset } from '../../front/subset.ts';
import { Node, SyntaxKind } from '../../front/tsMorph.ts';
import { BASE_PM_SUBS, PARENT_CLASSES, PLUGIN_PM_SUBS } from '../../facts/proxmoxSubs.ts';
import type { PerlItem, PerlModule } from '../../ir/ast.ts';
import { SYNTAX_REFUSALS, SYNTAX_ROWS } from '../mapping/syntax.ts';
import type { ModuleInfo } from '../moduleInfo.ts';
import { setupPackageName } from '../naming.ts';
import { collectImports, collectMembers, collectTopLevel, siblingSources } from './collect.ts';
import { lowerConstructor } from './constructor.ts';
import { lowerFunction, lowerMethod } from './subs.ts';
import { groupUses, preludeItems } from './uses.ts';

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

export function lowerPluginFile(sf: SourceFile, file: string): LowerResult {
  const diagnostics: Diagnostic[] = [];
  const report = (node: Node | undefined, message: string) => diagnostics.push(diagnosticAt(file, node, message));
  for (const v of checkSubset(sf, SYNTAX_ROWS, SYNTAX_REFUSALS)) report(v.node, v.message);

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
      for (const v of checkSubset(sibling.sf, SYNTAX_ROWS, SYNTAX_REFUSALS)) report(v.node, `${sibling.file}: ${v.message}`);
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
    const item = fn ? guard(fn, () => lowerFunction(fn, mod)) : guard(node, () => lowerMethod(node as MethodDeclaration, mod, true));
    if (item) items.push(item);
  };

  const ctor = cls.getConstructors()[0];
  if (!ctor && !baseMode) report(cls, 'the plugin needs a constructor (sub new)');
  if (cls.getConstructors().length > 1) report(cls.getConstructors()[1], 'constructor overloads are outside the subset');
  if (ctor) {
    for (const dep of deps(ctor)) emitLexical(dep);
    const item = guard(ctor, () => lowerConstructor(ctor, cls, mod));
    if (item) items.push({ ...item, comments: [...docComments(cls), ...item.comments] });
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

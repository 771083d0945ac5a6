/**
 * What a plugin file declares, collected before any body is lowered: imports, module
 * constants and regexes, functions (also of the Base model's sibling modules), fields and
 * methods with their signatures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ClassDeclaration, FunctionDeclaration, MethodDeclaration, ParameterDeclaration, SourceFile } from 'ts-morph';
import { docComments } from '../../front/comments.ts';
import { CompileError } from '../../front/diagnostics.ts';
import { handWrittenReason } from '../../front/handWritten.ts';
import { parseSource } from '../../front/project.ts';
import { Node, SyntaxKind } from '../../front/tsMorph.ts';
import { arr, opt, typeFromNode, VOID, type PT } from '../../front/types.ts';
import type { PerlExpr, PerlItem } from '../../ir/ast.ts';
import { REPO_ROOT } from '../../repo.ts';
import { scalarOf, Scope } from '../context.ts';
import { ExprLowerer } from '../expr/lowerer.ts';
import { KNOWN_MODULES } from '../mapping/imports.ts';
import type { ModuleInfo } from '../moduleInfo.ts';
import { RESERVED_PERL_NAMES, snakeCase } from '../naming.ts';
import { translateRegexLiteral } from '../regex/literal.ts';

function moduleKey(specifier: string, file = ''): string {
  // a sibling of the Base model (./CtHelpers.ts) is known by its place below core's src/
  if (specifier.startsWith('./') && /(?:^|\/)base\/[^/]+\.ts$/.test(file)) return `base/${specifier.slice(2)}`;
  return specifier.replace(/^(?:\.\.?\/)+/, '');
}

export function collectImports(sf: SourceFile, mod: ModuleInfo, report: (n: Node, m: string) => void): void {
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

export function restElement(p: ParameterDeclaration): PT {
  const t = typeFromNode(p.getTypeNode(), p);
  return t.k === 'arr' ? t.el : t;
}

export function paramType(p: ParameterDeclaration): PT {
  const t = typeFromNode(p.getTypeNode(), p);
  return p.hasQuestionToken() ? opt(t) : t;
}

function returnType(fn: MethodDeclaration | FunctionDeclaration): PT {
  const node = fn.getReturnTypeNode();
  return node ? typeFromNode(node, fn) : VOID;
}

/** `./x.ts` imports of the Base model other than its parent classes, parsed from disk. */
export function siblingSources(sf: SourceFile, file: string): Array<{ file: string; sf: SourceFile }> {
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

export function collectTopLevel(
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

export function collectMembers(cls: ClassDeclaration, mod: ModuleInfo, report: (n: Node, m: string) => void, guard: <T>(node: Node, fn: () => T) => T | undefined): void {
  for (const member of cls.getMembers()) {
    if (Node.isPropertyDeclaration(member)) {
      if (member.isStatic()) {
        // `static readonly ostype = '...'` is the dispatcher's registration data; Setup.pm
        // keeps that table in Perl, so it is not part of the module.
        const init = member.getInitializer();
        if (!member.isReadonly() || !init || !Node.isStringLiteral(init)) {
          report(member, "only `static readonly name = 'literal'` statics (registration data)");
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

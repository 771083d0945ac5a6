/**
 * Compile a TS snippet inside a throwaway plugin class: a method body, module-level
 * declarations, or whole members. Returns the Perl of the `probe` sub (without its
 * `my (...) = @_;` line) and the diagnostics as `line:column: message`.
 */
import { compileSource } from '../../src/compile.ts';

const IMPORTS = `import { Base } from '../base/Base.ts';
import type { PctConf } from '../config/types.ts';
import type { OsRelease } from '../osrelease/types.ts';
import { getPrimaryIps, getTtyCount, parseLxcNetwork } from '../pve/lxc.ts';
import { absPath, pid, time, warn } from '../pve/perl.ts';
import { detectElfArchitecture, dirGlobForeach } from '../pve/tools.ts';
import { die } from '../runtime/PerlDie.ts';
import { chomp, perlSplit, perlTrue } from '../runtime/perlText.ts';
import { isIpInCidr } from '../util/ipInCidr.ts';
import { splitList } from '../util/splitList.ts';
`;

export interface SnippetOptions {
  /** Parameter list of `probe` (default `conf: PctConf`). */
  params?: string;
  /** Return type of `probe` (default `void`). */
  returns?: string;
  /** Extra class members. */
  members?: string;
  /** Module-level declarations before the class. */
  prelude?: string;
}

export interface SnippetResult {
  /** The whole module. */
  module: string;
  /** Body of `sub probe` / `my $probe = sub`, dedented by one level. */
  body: string;
  errors: string[];
}

export function pluginSource(body: string, opts: SnippetOptions = {}): string {
  return `${IMPORTS}
${opts.prelude ?? ''}
export class Snippet extends Base {
  constructor(conf: PctConf, rootdir: string) {
    super(conf, rootdir);
    conf.ostype = 'snippet';
  }

  probe(${opts.params ?? 'conf: PctConf'}): ${opts.returns ?? 'void'} {
${body}
  }
${opts.members ?? ''}
}
`;
}

export function compileSnippet(body: string, opts: SnippetOptions = {}): SnippetResult {
  const src = pluginSource(body, opts);
  const r = compileSource(src, 'packages/core/src/plugins/Snippet.ts');
  // Report lines relative to the snippet body (line 1 = the first body line).
  const probeLine = src.split('\n').findIndex((l) => l.includes('  probe(')) + 1;
  const errors = r.diagnostics.map((d) => `${d.line - probeLine}:${d.column}: ${d.message}`);
  const lines = r.perl.split('\n');
  const start = lines.findIndex((l) => /^sub probe \{$/.test(l));
  let bodyText = '';
  if (start >= 0) {
    const end = lines.findIndex((l, i) => i > start && l === '}');
    bodyText = lines
      .slice(start + 2, end)
      .map((l) => l.replace(/^ {4}/, ''))
      .join('\n')
      .replace(/^\n/, '');
    // Every void sub ends in `return;` (perlcritic -4; lowerModule.test.ts proves it); the
    // snippet's view leaves out that added line unless the TS body wrote the return itself.
    const wroteReturn = /return;\s*$/.test(body);
    if ((opts.returns ?? 'void') === 'void' && !wroteReturn) bodyText = bodyText.replace(/\n?return;$/, '');
  }
  return { module: r.perl, body: bodyText, errors };
}

/** The Perl of a snippet, failing loudly when it does not compile. */
export function perlOf(body: string, opts: SnippetOptions = {}): string {
  const r = compileSnippet(body, opts);
  if (r.errors.length > 0) throw new Error(`unexpected compile errors:\n${r.errors.join('\n')}`);
  return r.body;
}

/** The first error message of a snippet that must not compile. */
export function errorOf(body: string, opts: SnippetOptions = {}): string {
  const r = compileSnippet(body, opts);
  if (r.errors.length === 0) throw new Error(`expected a compile error, got:\n${r.body}`);
  return r.errors[0]!;
}

/** What the lowering knows about the plugin file as a whole. */
import type { Diagnostic } from '../front/diagnostics.ts';
import type { PT } from '../front/types.ts';
import type { OwnCallable, VarInfo } from './context.ts';
import type { TranslatedRegex } from './regex/errors.ts';

export interface ModuleInfo {
  /** Path shown in diagnostics and the header (repo-relative). */
  file: string;
  parent: 'Base' | 'Plugin' | 'CtHelpers';
  parentSubs: ReadonlySet<string>;
  /** Local import name → [module (relative to packages/core/src), exported name]. */
  imports: Map<string, { module: string; name: string }>;
  methods: Map<string, OwnCallable>;
  functions: Map<string, OwnCallable>;
  constants: Map<string, VarInfo>;
  /** Module-level regex constants, inlined where used. */
  regexes: Map<string, TranslatedRegex>;
  /** `this.x` fields: hash key and type. */
  fields: Map<string, { key: string; type: PT }>;
  /** Modules the generated code calls into (`use` lines). */
  uses: Set<string>;
  /** Prelude helpers (mapping/prelude.ts PRELUDE) the module needs. */
  prelude: Set<string>;
  diagnostics: Diagnostic[];
}

/** @pve-chainguard/perlgen: TS setup-plugin classes → Proxmox Perl modules. */
export { compileHarnessBase, compilePlugin, compileSource, generateCommand, type CompileResult } from './compile.ts';
export { HAND_WRITTEN_TAG } from './front/handWritten.ts';
export { generateAll, selectPlugins, type GenerateOptions, type GenerateResult } from './generate/generateAll.ts';
export { checkAll, type CheckOptions, type CheckResult } from './generate/checkAll.ts';
export { listPlugins, type PluginSource } from './generate/plugins.ts';
export { formatDiagnostic, type Diagnostic } from './front/diagnostics.ts';
export { BASE_PM_SUBS, PLUGIN_PM_SUBS } from './facts/proxmoxSubs.ts';
export { GENERATED_DIR, PRIMARY_PLUGIN, REPO_ROOT } from './repo.ts';

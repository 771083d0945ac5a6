// @pve-chainguard/testkit/preview: what the plugin changes in a rootfs, hook by hook.
export { runPreview, type HookSection, type PreviewResult } from './runPreview.ts';
export { countChanges, summaryText, treeChanges, type ChangeCounts, type EntryChange, type EntryMeta } from './changes.ts';
export { importOciConfig } from './ociImport.ts';

export * from './CtFsApi.ts';
export * from './entry.ts';
export { CtFs, type CtFsOptions } from './CtFs.ts';
export { perlDirname } from './perlDirname.ts';
export { ABS_PATH_MAX_SYMLINKS } from './absPath.ts';
export { KERNEL_MAX_SYMLINKS } from './pathWalk.ts';
export {
  assertByteString,
  byteStringToBytes,
  byteStringToUtf8,
  bytesToByteString,
  decodeUtf8Strict,
  utf8ToByteString,
} from './bytes.ts';
export { strerror } from './strerror.ts';
export {
  contentFields,
  ctFsFromEntries,
  entriesFromFs,
  entryContentBytes,
  formatMode,
  parseMode,
  volumeFromEntries,
} from './manifest.ts';
export { comparePaths, firstDifference, sortPaths, unifiedTreeDiff } from './treeDiff.ts';
export { diffLines, splitLines, unifiedHunks, type Edit, type UnifiedOptions } from './lineDiff.ts';
export { EntryError, isCanonicalBase64, isNormalisedAbsolute, validateEntries, type EntryRules } from './validateEntries.ts';
export { ContentUnavailable, type LazyContent } from './lazyContent.ts';

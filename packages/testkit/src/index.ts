// testkit's surface for benches and scripts (nothing in perlgen or core imports testkit).
export * from './fixtures/index.ts';
export * from './perl/index.ts';
export { readDirectory } from './rootfs/readDirectory.ts';
export { resolveRootfs } from './rootfs/resolveRootfs.ts';

// @pve-chainguard/testkit/rootfs: a root filesystem read from a template, an OCI image, a
// directory, a manifest or a fixture name, without unpacking it.
export { readDirectory } from './readDirectory.ts';
export { resolveRootfs } from './resolveRootfs.ts';
export { withContent } from './withContent.ts';

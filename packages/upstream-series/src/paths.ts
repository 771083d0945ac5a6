import { resolve } from 'node:path';

/** The pve-chainguard checkout this package lives in. */
export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

/** The committed generated module the series carries. */
export const GENERATED_MODULE = resolve(REPO_ROOT, 'generated/PVE/LXC/Setup/Chainguard.pm');

/** The perltidy options fitted to the Proxmox style. */
export const PERLTIDYRC = resolve(REPO_ROOT, '.perltidyrc');

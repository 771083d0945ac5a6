/** Parsed os-release variables (Proxmox's parser keeps only what its quirks allow). */
export type OsRelease = Record<string, string>;

/** ELF helpers: architecture detection, objdump's systemd version, synthetic binaries. */
export * from './elf/architecture.ts';
export * from './elf/synthesize.ts';
export * from './elf/systemdVersion.ts';

import { describe, expect, it } from 'vitest';
import { FsError, type CtFsApi } from '../../../src/fs/CtFsApi.ts';
import { PerlDie } from '../../../src/runtime/PerlDie.ts';
import { detectElfArchitecture, detectElfArchitectureIn } from '../../../src/util/elf/architecture.ts';

const header = (hex: string) => Buffer.from(hex, 'hex').toString('latin1');
const dieMessage = (run: () => unknown): string => {
  try {
    run();
  } catch (err) {
    if (err instanceof PerlDie) return err.message;
    throw err;
  }
  throw new Error('did not die');
};

describe('detectElfArchitecture', () => {
  // Headers of the /bin/sh files in the oracle vectors and the outcome recorded there
  // (stdout "Detected container architecture: <arch>", or the warning upstream died with).
  it.each([
    ['7f454c4602010100000000000000000003003e00', 'amd64'],
    ['7f454c460201010000000000000000000300b700', 'arm64'],
    ['7f454c4601010100000000000000000003002800', 'armhf'],
    ['7f454c4601010100000000000000000003000300', 'i386'],
    ['7f454c460101010000000000000000000300f300', 'riscv32'],
    ['7f454c460201010000000000000000000300f300', 'riscv64'],
  ])('detects the oracle header %s as %s', (hex, arch) => {
    expect(detectElfArchitecture(header(hex), '/bin/sh')).toBe(arch);
  });

  it('dies like the oracle on a shell script', () => {
    expect(dieMessage(() => detectElfArchitecture('#!/usr/bin/busybox\n', '/bin/sh'))).toBe("'/bin/sh' does not resolve to an ELF!\n");
  });

  it('dies like the oracle on an unsupported machine (MIPS)', () => {
    const mips = header('7f454c4601010100000000000000000003000800');
    expect(dieMessage(() => detectElfArchitecture(mips, '/bin/sh'))).toBe("'/bin/sh' has unknown ELF machine '8'!\n");
  });

  // Expected texts below: upstream's detection code run by perl 5.36 on files holding
  // these bytes (this machine).
  it('reads the machine big-endian from offsets 17..18, so big-endian files fail', () => {
    const bigEndianAmd64 = header('7f454c460202010000000000000000000003003e');
    expect(dieMessage(() => detectElfArchitecture(bigEndianAmd64, 'be'))).toBe("'be' has unknown ELF machine '768'!\n");
  });

  it('needs only 19 bytes and ignores the 20th', () => {
    expect(detectElfArchitecture(header('7f454c4602010100000000000000000003003e'), 'f')).toBe('amd64');
    expect(detectElfArchitecture(header('7f454c4602010100000000000000000003003eff'), 'f')).toBe('amd64');
  });

  it('looks at the first 20 bytes only', () => {
    const long = header('7f454c4602010100000000000000000003003e00') + 'x'.repeat(100);
    expect(detectElfArchitecture(long, 'f')).toBe('amd64');
  });

  it.each([4, 5, 17, 18])('treats a %d-byte file with ELF magic as an unknown machine', (length) => {
    const cut = header('7f454c4602010100000000000000000003003e00').slice(0, length);
    expect(dieMessage(() => detectElfArchitecture(cut, 'f'))).toBe("'f' has unknown ELF machine ''!\n");
  });

  it.each([1, 3])('treats a %d-byte prefix of the magic as not an ELF', (length) => {
    const cut = header('7f454c46').slice(0, length);
    expect(dieMessage(() => detectElfArchitecture(cut, 'f'))).toBe("'f' does not resolve to an ELF!\n");
  });

  it('dies "read failed" on an empty file', () => {
    expect(dieMessage(() => detectElfArchitecture('', 'empty'))).toBe('read failed: \n');
  });

  it('dies on a RISC-V header whose class is neither 32 nor 64 bit', () => {
    const badClass = header('7f454c460501010000000000000000000300f300');
    expect(dieMessage(() => detectElfArchitecture(badClass, 'rv'))).toBe("'rv' has invalid class '5'!\n");
  });

  it('ignores the class for other machines', () => {
    expect(detectElfArchitecture(header('7f454c460501010000000000000000000300b700'), 'f')).toBe('arm64');
  });
});

describe('detectElfArchitectureIn', () => {
  const files: Record<string, string> = {
    '/bin/sh': header('7f454c460201010000000000000000000300b700'),
  };
  const errors: Record<string, string> = { '/loop': 'ELOOP', '/file/x': 'ENOTDIR' };
  const fs = {
    isDir: (path: string) => path === '/dir',
    readFile: (path: string) => {
      if (path in files) return files[path]!;
      throw new FsError(errors[path] ?? 'ENOENT', path);
    },
  } as unknown as CtFsApi;

  it('reads the file inside the container', () => {
    expect(detectElfArchitectureIn(fs, '/bin/sh')).toBe('arm64');
  });

  it('dies like the oracle when the file is missing', () => {
    expect(dieMessage(() => detectElfArchitectureIn(fs, '/sbin/init'))).toBe("open '/sbin/init' failed: No such file or directory\n");
  });

  // Perl 5.36 on this machine: a symlink loop, a path through a file, a directory.
  it('words other open errors like Perl', () => {
    expect(dieMessage(() => detectElfArchitectureIn(fs, '/loop'))).toBe("open '/loop' failed: Too many levels of symbolic links\n");
    expect(dieMessage(() => detectElfArchitectureIn(fs, '/file/x'))).toBe("open '/file/x' failed: Not a directory\n");
    expect(dieMessage(() => detectElfArchitectureIn(fs, '/dir'))).toBe('read failed: Is a directory\n');
  });
});

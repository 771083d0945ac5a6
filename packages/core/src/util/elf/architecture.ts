import { FsError, type CtFsApi } from '../../fs/CtFsApi.ts';
import { die } from '../../runtime/PerlDie.ts';

export type ElfArchitecture = 'i386' | 'amd64' | 'armhf' | 'arm64' | 'riscv32' | 'riscv64';

const MACHINE_TO_ARCH = new Map<number, ElfArchitecture | 'riscv'>([
  [0x03, 'i386'],
  [0x3e, 'amd64'],
  [0x28, 'armhf'],
  [0xb7, 'arm64'],
  [0xf3, 'riscv'],
]);

/** strerror texts (glibc) for the errors an `open` of a container path can meet. */
const STRERROR: Record<string, string> = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
  EACCES: 'Permission denied',
  EISDIR: 'Is a directory',
  ENAMETOOLONG: 'File name too long',
};

/**
 * PVE::LXC::Tools::detect_elf_architecture on the bytes `read($fh, $data, 20)` returned
 * (`header`, a byte string; only the first 20 bytes count). Dies (PerlDie) with upstream's
 * messages.
 *
 * Upstream decodes with `unpack("A4CA12n")`, whose quirks are kept:
 * - the machine is the big-endian 16-bit value at offsets 17..18, i.e. the low byte of
 *   `e_machine` for little-endian files (whose `e_type` high byte is 0). Big-endian files
 *   therefore report e.g. `'768'` and fail;
 * - with 4 bytes or fewer a matching magic still counts as an ELF (the `A12` field supplies
 *   a defined empty class), and fewer than 19 bytes leave the machine undefined, which dies
 *   `has unknown ELF machine ''` (Perl also prints two "Use of uninitialized value"
 *   warnings there; not modelled);
 * - an empty read dies `read failed: $!` with errno unset (`read failed: \n` measured).
 */
export function detectElfArchitecture(header: string, path: string): ElfArchitecture {
  const data = header.slice(0, 20);
  if (data.length === 0) die('read failed: \n');

  const magic = data.slice(0, 4).replace(/[\0\t\n\v\f\r ]+$/, '');
  if (magic !== '\x7fELF') die(`'${path}' does not resolve to an ELF!\n`);

  const elfClass = data.length > 4 ? String(data.charCodeAt(4)) : '';
  const machine = data.length >= 19 ? (data.charCodeAt(17) << 8) | data.charCodeAt(18) : undefined;
  const arch = machine === undefined ? undefined : MACHINE_TO_ARCH.get(machine);
  if (arch === undefined) die(`'${path}' has unknown ELF machine '${machine ?? ''}'!\n`);

  if (arch !== 'riscv') return arch;
  if (elfClass === '1') return 'riscv32';
  if (elfClass === '2') return 'riscv64';
  return die(`'${path}' has invalid class '${elfClass}'!\n`);
}

/**
 * The same, reading `path` inside the container like the forked child does: a missing or
 * unreachable file dies `open '<path>' failed: <strerror>`, a directory (which Perl opens
 * fine) dies `read failed: Is a directory`.
 */
export function detectElfArchitectureIn(fs: CtFsApi, path: string): ElfArchitecture {
  if (fs.isDir(path)) die(`read failed: ${STRERROR.EISDIR}\n`);
  let content: string;
  try {
    content = fs.readFile(path);
  } catch (err) {
    if (!(err instanceof FsError)) throw err;
    return die(`open '${path}' failed: ${STRERROR[err.code] ?? err.code}\n`);
  }
  return detectElfArchitecture(content, path);
}

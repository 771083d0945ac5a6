/**
 * The container's filesystem as a process chrooted into the rootfs sees it
 * (what Proxmox's `ct_*` helpers run on inside `protected_call`).
 *
 * Paths are absolute container paths. Symlinks (absolute or with `..`) resolve inside
 * the rootfs, as under chroot. Root may read and write any file whatever its mode.
 * File data is a "byte string": a JS string whose char codes are the bytes 0..255
 * (Perl strings read from files are bytes, so the model handles bytes the same way).
 */
export interface Stat {
  type: 'file' | 'dir' | 'symlink' | 'other';
  /** Permission bits incl. setuid/setgid/sticky (`mode & 0o7777`). */
  mode: number;
  uid: number;
  gid: number;
  size: number;
}

/**
 * An errno-style failure: `code` is `ENOENT`, `EEXIST`, `ENOTDIR`, `EISDIR`, `ELOOP`, …
 * It carries no stack trace: Base uses errno as control flow (Perl's `$!`, e.g. unlinking
 * files that may be missing), and capturing a trace cost more than the failed call itself;
 * the message names the code and the path.
 */
export class FsError extends Error {
  constructor(
    readonly code: string,
    readonly path: string,
    message?: string,
  ) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message ?? `${code}: ${path}`);
    Error.stackTraceLimit = limit;
  }
}

/** Marker for a host-side resolution that left the rootfs (see `CtFsApi.hostRealpath`). */
export interface Escaped {
  escaped: true;
}

export interface CtFsApi {
  /** Process umask applied to create modes (Proxmox runs with 022). */
  readonly umask: number;
  lstat(path: string): Stat | undefined;
  /** Follows symlinks; undefined when the path or a link on it dangles. */
  stat(path: string): Stat | undefined;
  /** Perl `-f`: a regular file after following links. */
  isFile(path: string): boolean;
  /** Perl `-d`. */
  isDir(path: string): boolean;
  /** Perl `-l`. */
  isSymlink(path: string): boolean;
  /** Perl `-x` as root: a directory, or a file with any execute bit. */
  isExecutable(path: string): boolean;
  /** Perl `-e`. */
  exists(path: string): boolean;
  /** Whole file as a byte string; throws FsError. */
  readFile(path: string): string;
  /** open(O_WRONLY|O_CREAT|O_EXCL) + write: creates with `mode & ~umask`; throws EEXIST/ENOENT. */
  createExclusive(path: string, data: string, mode: number): void;
  /** open(O_WRONLY|O_CREAT) without O_TRUNC, then write at offset 0. */
  writeNoTrunc(path: string, data: string, mode: number): void;
  /** rename(2): replaces a file or symlink at `to`; throws FsError. */
  rename(from: string, to: string): void;
  /** unlink(2) of a file or symlink; throws FsError. */
  unlink(path: string): void;
  /** mkdir(2) with `mode & ~umask`; throws FsError (EEXIST, ENOENT). */
  mkdir(path: string, mode: number): void;
  /** File::Path::make_path: creates missing parents, mode 0777 & ~umask; owner optional. */
  makePath(path: string, owner?: { uid: number; gid: number }): string[];
  /** symlink(2); throws EEXIST/ENOENT. */
  symlink(target: string, path: string): void;
  /** readlink(2); undefined when not a symlink. */
  readlink(path: string): string | undefined;
  /** chown(2): follows symlinks. */
  chown(path: string, uid: number, gid: number): void;
  /** lchown(2). */
  lchown(path: string, uid: number, gid: number): void;
  chmod(path: string, mode: number): void;
  /** Names in a directory (no `.`/`..`), sorted; throws FsError. */
  readdir(path: string): string[];
  /**
   * Cwd::abs_path inside the chroot: resolves every symlink and `.`/`..`; the last
   * component may be missing; undefined when an earlier component is missing.
   * Exact rule (XS bsd_realpath: lexical `..`, 21-link limit): see absPath.ts.
   */
  realpath(path: string): string | undefined;

  // Host-side views, added because Proxmox runs a few checks outside the chroot on
  // "$rootdir/<path>" (autodetection `-f`/`-d`/`-e`, reading /etc/lsb-release, abs_path of
  // the init binary). There an absolute symlink or a `..` above the rootfs reaches the
  // host's own filesystem, which the model does not have: such a path counts as missing
  // (and hostRealpath says it escaped). Relative links that stay inside resolve normally.

  /** `stat "$rootdir$path"` on the host; undefined when missing or escaping. */
  hostStat(path: string): Stat | undefined;
  /** Perl `-f "$rootdir$path"` on the host. */
  hostIsFile(path: string): boolean;
  /** Perl `-d "$rootdir$path"` on the host. */
  hostIsDir(path: string): boolean;
  /** Perl `-e "$rootdir$path"` on the host. */
  hostExists(path: string): boolean;
  /** Content of `"$rootdir$path"` read on the host; undefined when missing, escaping or no file. */
  hostReadFile(path: string): string | undefined;
  /**
   * `abs_path("$rootdir$path")` on the host, as a container path; `{escaped: true}` when
   * resolution leaves the rootfs; undefined where abs_path gives undef.
   */
  hostRealpath(path: string): string | Escaped | undefined;
}

/** Names: TypeScript's camelCase becomes Proxmox's snake_case. */

/**
 * `ctFileExists` → `ct_file_exists`, `setupSystemdNetworkd` → `setup_systemd_networkd`,
 * `sshHostKeyTypesToGenerate` → `ssh_host_key_types_to_generate`. A run of capitals is one
 * word (`parseLxcNetwork` and `parseLXCNetwork` both give `parse_lxc_network`), and a
 * leading underscore (TS's "unused" marker) is dropped.
 */
export function snakeCase(name: string): string {
  return name
    .replace(/^_+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** `Chainguard` → `PVE::LXC::Setup::Chainguard`. */
export function setupPackageName(className: string): string {
  return `PVE::LXC::Setup::${className}`;
}

/** Perl variables a translated name must not take: sort's `$a`/`$b`, the topic `$_` and the
 * names the generated subs give their invocant. (Perl's upper-case specials such as `$ENV`
 * need no entry: snakeCase never gives upper case.) */
export const RESERVED_PERL_NAMES: ReadonlySet<string> = new Set(['a', 'b', '_', 'self', 'class']);

/**
 * Perl's built-in functions (Pod::Functions of Perl 5.36) and keywords: a lexical
 * `my sub` of such a name would take over every call of the built-in in its scope.
 */
export const PERL_BUILTINS: ReadonlySet<string> = new Set(
  `
  abs accept alarm and atan2 bind binmode bless break caller chdir chmod chomp chop chown chr
  chroot close closedir cmp connect continue cos crypt dbmclose dbmopen defined delete die do
  dump each else elsif endgrent endhostent endnetent endprotoent endpwent endservent eof eq eval
  evalbytes exec exists exit exp fc fcntl fileno flock for foreach fork format formline ge getc
  getgrent getgrgid getgrnam gethostbyaddr gethostbyname gethostent getlogin getnetbyaddr
  getnetbyname getnetent getpeername getpgrp getppid getpriority getprotobyname getprotobynumber
  getprotoent getpwent getpwnam getpwuid getservbyname getservbyport getservent getsockname
  getsockopt glob gmtime goto grep gt hex if import index int ioctl join keys kill last lc
  lcfirst le length link listen local localtime lock log lstat lt m map mkdir msgctl msgget
  msgrcv msgsnd my ne next no not oct open opendir or ord our pack package pipe pop pos print
  printf prototype push q qq qr quotemeta qw qx rand read readdir readline readlink readpipe
  recv redo ref rename require reset return reverse rewinddir rindex rmdir s say scalar seek
  seekdir select semctl semget semop send setgrent sethostent setnetent setpgrp setpriority
  setprotoent setpwent setservent setsockopt shift shmctl shmget shmread shmwrite shutdown sin
  sleep socket socketpair sort splice split sprintf sqrt srand stat state study sub substr
  symlink syscall sysopen sysread sysseek system syswrite tell telldir tie tied time times tr
  truncate uc ucfirst umask undef unless unlink unpack unshift untie until use utime values vec
  wait waitpid wantarray warn while write x xor y
  `
    .trim()
    .split(/\s+/),
);

/** File::Basename::dirname on Unix: `/a/b/` → `/a`, `/a` → `/`, `a` → `.`. */
export function perlDirname(path: string): string {
  const trimmed = path.replace(/(.)\/*$/s, '$1');
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return '.';
  const dir = trimmed.slice(0, slash + 1).replace(/(.)\/*$/s, '$1');
  return dir === '' ? '/' : dir;
}

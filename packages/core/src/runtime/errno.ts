/** strerror texts of glibc for the errno codes the filesystem layer raises ($! in Perl). */
const MESSAGES: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENOTEMPTY: 'Directory not empty',
  ELOOP: 'Too many levels of symbolic links',
  EACCES: 'Permission denied',
  EINVAL: 'Invalid argument',
  EBUSY: 'Device or resource busy',
};

export function strerror(code: string): string {
  return MESSAGES[code] ?? code;
}

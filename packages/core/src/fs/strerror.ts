/**
 * glibc's text for the errno codes this layer raises, i.e. what Perl puts in `$!`.
 * Upstream messages embed it (`unable to open file '...' - No such file or directory`).
 */
const MESSAGES: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENOTEMPTY: 'Directory not empty',
  ELOOP: 'Too many levels of symbolic links',
  EINVAL: 'Invalid argument',
  EACCES: 'Permission denied',
  EBUSY: 'Device or resource busy',
  ENAMETOOLONG: 'File name too long',
};

export function strerror(code: string): string {
  return MESSAGES[code] ?? code;
}

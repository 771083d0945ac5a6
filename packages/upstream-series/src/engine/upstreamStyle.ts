/**
 * The edit engine brackets its fallback branch with `# BEGIN/END pve-chainguard fallback
 * markers` comments so that the host installer can find and replace it later. Upstream code
 * has no use for them: the series drops exactly those two comment lines and nothing else.
 */
export function dropInstallerComments(setupPm: string): string {
  return setupPm.replace(/^[ \t]*# (?:BEGIN|END) pve-chainguard fallback markers\b[^\n]*\n/gm, '');
}

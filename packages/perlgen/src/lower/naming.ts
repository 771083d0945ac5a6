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

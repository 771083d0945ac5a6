/**
 * A parsed pct container config, shaped like the hash Proxmox's `parse_pct_config`
 * returns: option values stay the strings written in the file (booleans normalised to
 * "1"/"0"), `netN` stay property strings (parse them with `parseLxcNetwork`), raw
 * `lxc.*` lines are kept in order. Plugins read it exactly as Perl code reads `$conf`.
 */
export interface PctConf {
  arch?: string;
  cmode?: string;
  console?: string;
  cores?: string;
  cpulimit?: string;
  cpuunits?: string;
  /** Added by the config parser: a schema key (boolean, "1"/"0") PVE reads from files. */
  debug?: string;
  description?: string;
  entrypoint?: string;
  /** NUL-separated `NAME=value` list. */
  env?: string;
  features?: string;
  hookscript?: string;
  hostname?: string;
  lock?: string;
  memory?: string;
  nameserver?: string;
  onboot?: string;
  ostype?: string;
  /** Added by the config parser: schema key (snapshot parent name), kept as written. */
  parent?: string;
  protection?: string;
  rootfs?: string;
  searchdomain?: string;
  /** Added by the config parser: schema key (snapshot time), kept as written. */
  snaptime?: string;
  startup?: string;
  swap?: string;
  tags?: string;
  template?: string;
  timezone?: string;
  tty?: string;
  unprivileged?: string;
  /** Raw `lxc.*` lines as `[key, value]`, in file order (Proxmox's `$conf->{lxc}`). */
  lxc?: Array<[string, string]>;
  [net: `net${number}`]: string | undefined;
  [mp: `mp${number}`]: string | undefined;
  [unused: `unused${number}`]: string | undefined;
  [dev: `dev${number}`]: string | undefined;
}

/** One `netN` property string, parsed (`PVE::LXC::Config->parse_lxc_network`). */
export interface NetConf {
  name: string;
  type: 'veth';
  bridge?: string;
  hwaddr?: string;
  mtu?: string;
  /** `IPv4/CIDR`, `dhcp` or `manual`. */
  ip?: string;
  gw?: string;
  /** `IPv6/CIDR`, `auto`, `dhcp` or `manual`. */
  ip6?: string;
  gw6?: string;
  firewall?: string;
  tag?: string;
  trunks?: string;
  rate?: string;
  link_down?: string;
  'host-managed'?: string;
}

/** Invalid config input: names the key and the offending value. */
export class ConfigError extends Error {
  constructor(
    readonly key: string,
    readonly value: string,
    readonly reason: string,
  ) {
    super(`invalid value for '${key}': '${value}' - ${reason}`);
  }
}

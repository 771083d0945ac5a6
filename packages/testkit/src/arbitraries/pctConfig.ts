/**
 * pct config recipes and their text: NICs, hostname short/FQDN/absent, nameserver and
 * searchdomain lists, tty 0–6, unprivileged (or raw id maps), timezone absent/host/zone,
 * entrypoint and environment, architecture, ostype, nesting. Every rendered config is
 * valid for core's strict parser (test/arbitraries/pctConfig.test.ts holds it to that).
 */
import fc from 'fast-check';
import { ipv4Octets, ipv4Text, ipv6Groups, ipv6Text, linkLocalIid, linkLocalText } from './addresses.ts';
import type { Ipv4Octets, Ipv6Groups } from './addresses.ts';
import { nicsRecipe, renderNic, type NicRecipe } from './nic.ts';

/** Zones in both Debian 12's zone.tab (core) and the harness host's zone.tab. */
export const ZONES = [
  'Europe/Vienna',
  'Asia/Tokyo',
  'America/New_York',
  'America/Argentina/Buenos_Aires',
  'Australia/Sydney',
  'Pacific/Chatham',
  'Africa/Abidjan',
] as const;

export const LABELS = ['web', 'db', 'ct100', 'node-1', 'a', 'x9', 'cg', 'wolfi', 'n0-de', 'localhost'] as const;
export const DOMAINS = ['example.org', 'corp.example.net', 'lan', 'home.arpa', 'a.b.c.example'] as const;

export type NameserverRecipe = { kind: 'v4'; address: Ipv4Octets } | { kind: 'v6'; address: Ipv6Groups } | { kind: 'link-local'; iid: readonly number[] };

export interface ConfigRecipe {
  nics: NicRecipe[];
  hostname?: { labels: string[] };
  nameserver?: NameserverRecipe[];
  searchdomain?: string[];
  /** List separator PVE splits on. */
  listSeparator: ' ' | ',' | ';';
  tty?: number;
  console?: boolean;
  unprivileged?: boolean;
  /** Raw lxc.idmap lines (separate uid and gid maps). */
  rawIdmap: boolean;
  timezone?: 'host' | 'UTC' | (typeof ZONES)[number];
  entrypoint?: string;
  env?: { style: 'key' | 'runtime'; vars: Array<[string, string]> };
  arch?: 'amd64' | 'arm64';
  /**
   * Leave \`arch\` out so the dispatcher detects it. pct writes the detected value into the
   * config at create, so most configs have one (detection also costs the Perl side a fork).
   */
  archDetected?: boolean;
  /** `target`: the target's own ostype; `other`: a mismatching one; `unmanaged`. */
  ostype?: 'target' | 'other' | 'unmanaged';
  nesting?: boolean;
  /** A description comment line. */
  description: boolean;
}

const nameserver: fc.Arbitrary<NameserverRecipe> = fc.oneof(
  fc.record({ kind: fc.constant('v4' as const), address: ipv4Octets }),
  fc.record({ kind: fc.constant('v6' as const), address: ipv6Groups }),
  fc.record({ kind: fc.constant('link-local' as const), iid: linkLocalIid }),
);

const envVar = fc.tuple(fc.constantFrom('PATH', 'LANG', 'FOO_1', 'x'), fc.constantFrom('/usr/bin:/bin', 'C.UTF-8', '', 'a b=c', 'ünï'));

export const configRecipe: fc.Arbitrary<ConfigRecipe> = fc.record(
  {
    nics: nicsRecipe,
    hostname: fc.record({ labels: fc.array(fc.constantFrom(...LABELS), { minLength: 1, maxLength: 4 }) }),
    nameserver: fc.array(nameserver, { minLength: 1, maxLength: 3 }),
    searchdomain: fc.array(fc.constantFrom(...DOMAINS), { minLength: 1, maxLength: 3 }),
    listSeparator: fc.constantFrom(' ' as const, ',' as const, ';' as const),
    tty: fc.integer({ min: 0, max: 6 }),
    console: fc.boolean(),
    unprivileged: fc.boolean(),
    rawIdmap: fc.boolean(),
    timezone: fc.constantFrom('host' as const, 'UTC' as const, ...ZONES),
    entrypoint: fc.constantFrom('/sbin/init', '/usr/lib/systemd/systemd', '/usr/bin/init', '/bin/sh', '/usr/bin/app'),
    env: fc.record({
      style: fc.constantFrom('key' as const, 'runtime' as const),
      vars: fc.array(envVar, { minLength: 1, maxLength: 3 }),
    }),
    arch: fc.constantFrom('amd64' as const, 'arm64' as const),
    archDetected: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 2, arbitrary: fc.constant(true) }),
    ostype: fc.oneof({ weight: 4, arbitrary: fc.constant('target' as const) }, { weight: 1, arbitrary: fc.constantFrom('other' as const, 'unmanaged' as const) }),
    nesting: fc.boolean(),
    description: fc.boolean(),
  },
  { requiredKeys: ['nics', 'listSeparator', 'rawIdmap', 'description'] },
);

function nameserverText(ns: NameserverRecipe): string {
  switch (ns.kind) {
    case 'v4':
      return ipv4Text(ns.address);
    case 'v6':
      return ipv6Text(ns.address);
    case 'link-local':
      return `${linkLocalText(ns.iid)}%eth0`;
  }
}

/** The config file text for a recipe; `ostype` names the target's own ostype. */
export function renderConfig(recipe: ConfigRecipe, ostype: string): string {
  const lines: string[] = [];
  if (recipe.description) lines.push('#fuzzed container %C3%A9 with a comment');
  if (!recipe.archDetected) lines.push(`arch: ${recipe.arch ?? 'amd64'}`);
  if (recipe.console !== undefined) lines.push(`console: ${recipe.console ? 1 : 0}`);
  lines.push('cores: 1');
  if (recipe.entrypoint) lines.push(`entrypoint: ${recipe.entrypoint}`);
  if (recipe.env?.style === 'key') {
    lines.push(`env: ${recipe.env.vars.map(([k, v]) => `${k}=${v}`).join('\0')}`);
  }
  if (recipe.nesting !== undefined) lines.push(`features: nesting=${recipe.nesting ? 1 : 0}`);
  if (recipe.hostname) lines.push(`hostname: ${recipe.hostname.labels.join('.')}`);
  lines.push('memory: 512');
  if (recipe.nameserver) lines.push(`nameserver: ${recipe.nameserver.map(nameserverText).join(recipe.listSeparator)}`);
  for (const nic of [...recipe.nics].sort((a, b) => a.index - b.index)) {
    lines.push(`net${nic.index}: ${renderNic(nic)}`);
  }
  if (recipe.ostype) {
    const type = { target: ostype, other: ostype === 'debian' ? 'alpine' : 'debian', unmanaged: 'unmanaged' }[recipe.ostype];
    lines.push(`ostype: ${type}`);
  }
  lines.push('rootfs: local-lvm:vm-100-disk-0,size=8G');
  if (recipe.searchdomain) lines.push(`searchdomain: ${recipe.searchdomain.join(recipe.listSeparator)}`);
  lines.push('swap: 512');
  if (recipe.timezone) lines.push(`timezone: ${recipe.timezone}`);
  if (recipe.tty !== undefined) lines.push(`tty: ${recipe.tty}`);
  if (recipe.unprivileged !== undefined) lines.push(`unprivileged: ${recipe.unprivileged ? 1 : 0}`);
  if (recipe.env?.style === 'runtime') {
    for (const [k, v] of recipe.env.vars) lines.push(`lxc.environment.runtime: ${k}=${v}`);
  }
  if (recipe.rawIdmap) {
    lines.push('lxc.idmap: u 0 200000 65536', 'lxc.idmap: g 0 300000 65536');
  }
  return `${lines.join('\n')}\n`;
}

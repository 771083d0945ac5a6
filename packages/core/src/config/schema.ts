/**
 * The pct config schema (PVE::LXC::Config's `$confdesc` and the property-string formats it
 * uses), as facts: types, formats, patterns, ranges, enums. Descriptions are omitted.
 */
import type { ReleaseProfile } from '../release/profiles.ts';
import type { PropertyStringSchema, PropSchema } from './propertyString.ts';

const optionalBoolean: PropSchema = { type: 'boolean', optional: true };

/** `netN` property string (`$netconf_desc`). */
export const NET_SCHEMA: PropertyStringSchema = {
  type: { type: 'string', optional: true, enum: ['veth'] },
  name: { type: 'string', pattern: '[-_.\\w\\d]+' },
  bridge: { type: 'string', optional: true, pattern: '[-_.\\w\\d]+' },
  hwaddr: { type: 'string', optional: true, format: 'mac-addr' },
  mtu: { type: 'integer', optional: true, minimum: 64, maximum: 65535 },
  ip: { type: 'string', optional: true, format: 'pve-ipv4-config' },
  gw: { type: 'string', optional: true, format: 'ipv4' },
  ip6: { type: 'string', optional: true, format: 'pve-ipv6-config' },
  gw6: { type: 'string', optional: true, format: 'ipv6' },
  firewall: optionalBoolean,
  tag: { type: 'integer', optional: true, minimum: 1, maximum: 4094 },
  trunks: { type: 'string', optional: true, pattern: '\\d+(?:;\\d+)*' },
  rate: { type: 'number', optional: true },
  link_down: optionalBoolean,
  'host-managed': optionalBoolean,
};

/** `netN` as a release reads it: `host-managed` only from pve-container 6.0.15. */
export function netSchema(release?: ReleaseProfile): PropertyStringSchema {
  if (release === undefined || release.hostManagedNics) return NET_SCHEMA;
  const { 'host-managed': _hostManaged, ...older } = NET_SCHEMA;
  return older;
}

/** `features` property string (`$features_desc`). */
export const FEATURES_SCHEMA: PropertyStringSchema = {
  mount: { type: 'string', optional: true, pattern: '[a-zA-Z0-9_; ]+' },
  nesting: optionalBoolean,
  keyctl: optionalBoolean,
  fuse: optionalBoolean,
  mknod: optionalBoolean,
  force_rw_sys: optionalBoolean,
};

const MOUNT_OPTION = '(discard|lazytime|noatime|nodev|noexec|nosuid)';

/** `rootfs` property string (`$rootfs_desc`). */
export const ROOTFS_SCHEMA: PropertyStringSchema = {
  volume: { type: 'string', defaultKey: true, format: 'pve-lxc-mp-string' },
  size: { type: 'string', optional: true, format: 'disk-size' },
  acl: optionalBoolean,
  mountoptions: { type: 'string', optional: true, pattern: `${MOUNT_OPTION}(;${MOUNT_OPTION})*` },
  idmap: {
    type: 'string',
    optional: true,
    pattern: '^(?:passthrough|[ug]:[0-9]+:[0-9]+:[1-9][0-9]*(?:;[ug]:[0-9]+:[0-9]+:[1-9][0-9]*)*)$',
  },
  ro: optionalBoolean,
  quota: optionalBoolean,
  replicate: optionalBoolean,
  shared: optionalBoolean,
};

/** `mpN` property string (`$mp_desc`): rootfs plus a required `mp` path. */
export const MOUNTPOINT_SCHEMA: PropertyStringSchema = {
  ...ROOTFS_SCHEMA,
  backup: optionalBoolean,
  mp: { type: 'string', format: 'pve-lxc-mp-string' },
  keepattrs: optionalBoolean,
};

/** `unusedN` property string. */
export const UNUSED_SCHEMA: PropertyStringSchema = {
  volume: { type: 'string', defaultKey: true, format: 'pve-volume-id' },
};

/** `devN` property string (`$dev_desc`). */
export const DEVICE_SCHEMA: PropertyStringSchema = {
  path: { type: 'string', optional: true, defaultKey: true, format: 'pve-lxc-dev-string' },
  mode: { type: 'string', optional: true, pattern: '0[0-7]{3}' },
  uid: { type: 'integer', optional: true, minimum: 0 },
  gid: { type: 'integer', optional: true, minimum: 0 },
  'deny-write': optionalBoolean,
};

export const ARCHES = ['amd64', 'i386', 'arm64', 'armhf', 'riscv32', 'riscv64'] as const;

/** Top-level keys with a fixed name. */
const FIXED_KEYS: Readonly<Record<string, PropSchema>> = {
  lock: {
    type: 'string',
    enum: ['backup', 'create', 'destroyed', 'disk', 'fstrim', 'migrate', 'mounted', 'rollback', 'snapshot', 'snapshot-delete'],
  },
  onboot: { type: 'boolean' },
  startup: { type: 'string', format: 'pve-startup-order' },
  template: { type: 'boolean' },
  arch: { type: 'string', enum: ARCHES },
  // PVE's schema has an ostype enum, but only API input is checked against it: config
  // files may name any ostype (a new plugin's type parses silently), so no enum here.
  ostype: { type: 'string' },
  console: { type: 'boolean' },
  tty: { type: 'integer', minimum: 0, maximum: 6 },
  cores: { type: 'integer', minimum: 1, maximum: 8192 },
  cpulimit: { type: 'number', minimum: 0, maximum: 8192 },
  cpuunits: { type: 'integer', minimum: 0, maximum: 500000 },
  memory: { type: 'integer', minimum: 16 },
  swap: { type: 'integer', minimum: 0 },
  hostname: { type: 'string', format: 'dns-name', maxLength: 255 },
  description: { type: 'string', maxLength: 8192 },
  searchdomain: { type: 'string', format: 'dns-name-list' },
  nameserver: { type: 'string', format: 'lxc-ip-with-ll-iface-list' },
  timezone: { type: 'string', format: 'pve-ct-timezone' },
  rootfs: { type: 'string', format: ROOTFS_SCHEMA },
  parent: { type: 'string', format: 'pve-configid', maxLength: 40 },
  snaptime: { type: 'integer', minimum: 0 },
  cmode: { type: 'string', enum: ['shell', 'console', 'tty'] },
  // No control characters except tab.
  entrypoint: { type: 'string', pattern: '[^\\x00-\\x08\\x0a-\\x1F\\x7F]+' },
  protection: { type: 'boolean' },
  unprivileged: { type: 'boolean' },
  features: { type: 'string', format: FEATURES_SCHEMA },
  // NUL-separated NAME=value list.
  env: {
    type: 'string',
    pattern: '(?:\\w+=[^\\x00-\\x08\\x0a-\\x1F\\x7F]*)(?:\\0\\w+=[^\\x00-\\x08\\x0a-\\x1F\\x7F]*)*',
  },
  hookscript: { type: 'string', format: 'pve-volume-id' },
  tags: { type: 'string', format: 'pve-tag-list' },
  debug: { type: 'boolean' },
};

/** Numbered keys: prefix, count (N < count), schema. */
const NUMBERED_KEYS: ReadonlyArray<readonly [string, number, PropSchema]> = [
  ['net', 32, { type: 'string', format: NET_SCHEMA }],
  ['mp', 256, { type: 'string', format: MOUNTPOINT_SCHEMA }],
  ['unused', 256, { type: 'string', format: UNUSED_SCHEMA }],
  ['dev', 256, { type: 'string', format: DEVICE_SCHEMA }],
];

/** Every top-level key the schema knows (of any release), numbered keys expanded. */
export function allPctKeys(): string[] {
  const keys = Object.keys(FIXED_KEYS);
  for (const [prefix, count] of NUMBERED_KEYS) for (let i = 0; i < count; i++) keys.push(`${prefix}${i}`);
  return keys;
}

/** Default values PVE's getters fall back to. */
export const PCT_DEFAULTS = { tty: 2, cmode: 'tty', arch: 'amd64', entrypoint: '/sbin/init' } as const;

/**
 * The schema of a top-level pct key, or undefined if PVE does not know the key. `release`
 * (PVE 9 when absent) drops the keys and NIC options an older pve-container lacks.
 */
export function pctKeySchema(key: string, release?: ReleaseProfile): PropSchema | undefined {
  if (release !== undefined && !release.entrypointKey && key === 'entrypoint') return undefined;
  if (release !== undefined && !release.containerEnvKeys && key === 'env') return undefined;
  if (Object.hasOwn(FIXED_KEYS, key)) return FIXED_KEYS[key];
  for (const [prefix, count, schema] of NUMBERED_KEYS) {
    const match = /^([a-z]+)(0|[1-9]\d*)$/.exec(key);
    if (match?.[1] !== prefix || Number(match[2]) >= count) continue;
    return prefix === 'net' ? { type: 'string', format: netSchema(release) } : schema;
  }
  return undefined;
}

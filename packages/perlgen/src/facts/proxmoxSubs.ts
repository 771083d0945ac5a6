/**
 * Facts, not code: the subs Proxmox's real plugin classes define (names read from
 * pve-container's src/PVE/LXC/Setup/Plugin.pm and Base.pm, snapshot 2026-06-16, and
 * docs/proxmox-setup-reference.md §3), with the signatures the TS model gives Base's. A
 * generated plugin runs against the real Base.pm, so a call to any other inherited method
 * would be a call into nothing.
 */
import { BOOL, hash, NUM, opt, STR, VOID, type PT } from '../front/types.ts';

/** `PVE::LXC::Setup::Plugin`: the abstract interface the dispatcher calls. */
export const PLUGIN_PM_SUBS: readonly string[] = [
  'new',
  'template_fixup',
  'setup_network',
  'set_hostname',
  'set_dns',
  'set_timezone',
  'setup_init',
  'set_user_password',
  'unified_cgroupv2_support',
  'get_ct_init_path',
  'check_systemd_nesting',
  'ssh_host_key_types_to_generate',
  'detect_architecture',
  'pre_start_hook',
  'post_clone_hook',
  'post_create_hook',
];

/** How the model's mirror of a Base.pm sub is called: its parameters and result. */
export type ParamKind = 'scalar' | 'rest' | 'options';

export interface BaseSubSignature {
  params: ParamKind[];
  returns: PT;
  /** Returns a Perl list (TS tuple). */
  list?: boolean;
}

const S: ParamKind = 'scalar';
const HOST: BaseSubSignature = { params: [S], returns: VOID };

/**
 * `PVE::LXC::Setup::Base` (subclass of Plugin): its named subs, each with the signature of
 * the TS model's mirror (lower/mapping/baseMethods.ts calls it as `this.camelCase(...)`),
 * or undefined where the model has no mirror. Its lexical helpers (`$replacepw`,
 * `$parse_home_dir`, `$randomize_crontab`) are private to Base.pm.
 */
export const BASE_PM: Readonly<Record<string, BaseSubSignature | undefined>> = {
  new: undefined,
  lookup_dns_conf: { params: [S], returns: { k: 'tuple', els: [opt(STR), opt(STR)] }, list: true },
  update_etc_hosts: { params: [S, S, S, S], returns: VOID },
  snakeoil_fixup: HOST,
  template_fixup: HOST,
  set_dns: HOST,
  set_hostname: HOST,
  setup_network: HOST,
  setup_init: HOST,
  devttydir: { params: [S], returns: STR },
  fixup_old_getty: { params: [], returns: VOID },
  setup_container_getty_service: HOST,
  setup_systemd_networkd: HOST,
  setup_systemd_preset: { params: [S], returns: VOID },
  setup_systemd_disable_static_units: { params: [S], returns: VOID },
  setup_securetty: { params: [S, 'rest'], returns: VOID },
  set_user_password: { params: [S, S, S], returns: VOID },
  set_user_authorized_ssh_keys: { params: [S, S, S], returns: VOID },
  set_timezone: HOST,
  clear_machine_id: { params: [S, S], returns: VOID },
  get_systemd_version: { params: [S], returns: opt(NUM) },
  unified_cgroupv2_support: { params: [S], returns: BOOL },
  get_ct_init_path: { params: [], returns: opt(STR) },
  check_systemd_nesting: { params: [S, S], returns: opt(STR) },
  ssh_host_key_types_to_generate: { params: [], returns: opt(hash(opt(STR))) },
  detect_architecture: { params: [], returns: opt(STR) },
  pre_start_hook: HOST,
  post_clone_hook: HOST,
  post_create_hook: { params: [S, S, S], returns: VOID },
  ct_is_file_ignored: { params: [S], returns: BOOL },
  ct_reset_ownership: { params: ['rest'], returns: VOID },
  ct_mkdir: { params: [S, S], returns: BOOL },
  ct_unlink: { params: ['rest'], returns: VOID },
  ct_rename: { params: [S, S], returns: BOOL },
  ct_open_file_read: undefined,
  ct_open_file_write: undefined,
  ct_make_path: { params: ['rest'], returns: VOID },
  ct_symlink: { params: [S, S], returns: BOOL },
  ct_readlink: { params: [S], returns: opt(STR) },
  ct_readlink_recursive: { params: [S], returns: opt(STR) },
  ct_file_exists: { params: [S], returns: BOOL },
  ct_is_directory: { params: [S], returns: BOOL },
  ct_is_symlink: { params: [S], returns: BOOL },
  ct_is_executable: { params: [S], returns: BOOL },
  ct_stat: { params: [S], returns: opt({ k: 'obj', name: 'Stat' }) },
  ct_file_read_firstline: { params: [S], returns: opt(STR) },
  ct_file_get_contents: { params: [S], returns: STR },
  ct_file_set_contents: { params: [S, S, S], returns: VOID },
  ct_modify_file: { params: [S, S, 'options'], returns: VOID },
  remove_pve_sections: undefined,
  remove_lxc_name_from_etc_hosts: { params: [], returns: VOID },
};

/** The names of Base.pm's subs. */
export const BASE_PM_SUBS: readonly string[] = Object.keys(BASE_PM);

/** The Proxmox parent classes a plugin may extend, with every sub callable on `$self`. */
export const PARENT_CLASSES: Readonly<Record<string, { perlPackage: string; subs: ReadonlySet<string> }>> = {
  Base: {
    perlPackage: 'PVE::LXC::Setup::Base',
    subs: new Set([...PLUGIN_PM_SUBS, ...BASE_PM_SUBS]),
  },
  Plugin: { perlPackage: 'PVE::LXC::Setup::Plugin', subs: new Set(PLUGIN_PM_SUBS) },
};

/**
 * Hash keys the dispatcher and Base.pm keep on the plugin object (`$self->{...}`), by the
 * field name the TS model uses for them.
 */
export const PLUGIN_HASH_FIELDS: Readonly<Record<string, string>> = {
  conf: 'conf',
  rootdir: 'rootdir',
  osRelease: 'os_release',
  hostResolvConf: 'host_resolv_conf',
  hostTimezone: 'host_timezone',
  hostLocaltime: 'host_localtime',
  idMap: 'id_map',
  rootUid: 'root_uid',
  rootGid: 'root_gid',
  // the release profile (core's release/profiles.ts) the model and our harness set; not on a real host
  release: 'release',
};

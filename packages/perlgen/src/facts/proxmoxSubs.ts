/**
 * Facts, not code: the subs Proxmox's real plugin classes define (names only, read from
 * pve-container's src/PVE/LXC/Setup/Plugin.pm and Base.pm, snapshot 2026-06-16, and
 * docs/proxmox-setup-reference.md §3). A generated plugin runs against the real Base.pm,
 * so a call to any other inherited method would be a call into nothing.
 */

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

/** `PVE::LXC::Setup::Base` (subclass of Plugin): named subs only; its lexical helpers
 * (`$replacepw`, `$parse_home_dir`, `$randomize_crontab`) are private to Base.pm. */
export const BASE_PM_SUBS: readonly string[] = [
  'new',
  'lookup_dns_conf',
  'update_etc_hosts',
  'snakeoil_fixup',
  'template_fixup',
  'set_dns',
  'set_hostname',
  'setup_network',
  'setup_init',
  'devttydir',
  'fixup_old_getty',
  'setup_container_getty_service',
  'setup_systemd_networkd',
  'setup_systemd_preset',
  'setup_systemd_disable_static_units',
  'setup_securetty',
  'set_user_password',
  'set_user_authorized_ssh_keys',
  'set_timezone',
  'clear_machine_id',
  'get_systemd_version',
  'unified_cgroupv2_support',
  'get_ct_init_path',
  'check_systemd_nesting',
  'ssh_host_key_types_to_generate',
  'detect_architecture',
  'pre_start_hook',
  'post_clone_hook',
  'post_create_hook',
  'ct_is_file_ignored',
  'ct_reset_ownership',
  'ct_mkdir',
  'ct_unlink',
  'ct_rename',
  'ct_open_file_read',
  'ct_open_file_write',
  'ct_make_path',
  'ct_symlink',
  'ct_readlink',
  'ct_readlink_recursive',
  'ct_file_exists',
  'ct_is_directory',
  'ct_is_symlink',
  'ct_is_executable',
  'ct_stat',
  'ct_file_read_firstline',
  'ct_file_get_contents',
  'ct_file_set_contents',
  'ct_modify_file',
  'remove_pve_sections',
  'remove_lxc_name_from_etc_hosts',
];

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

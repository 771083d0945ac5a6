import type { HostResolvConf, Plugin } from '../base/Plugin.ts';
import type { PctConf } from '../config/types.ts';
import type { OsRelease } from '../osrelease/types.ts';
import { parseOsRelease } from '../osrelease/parseOsRelease.ts';
import { parseIdMaps } from '../pve/lxc.ts';
import { withRuntime } from '../runtime/current.ts';
import { die, errorText, PerlDie } from '../runtime/PerlDie.ts';
import { perlTrue } from '../runtime/perlText.ts';
import { PROFILES, type ReleaseProfile } from '../release/profiles.ts';
import type { SetupRuntime } from '../runtime/SetupRuntime.ts';
import { autodetect, type HostView } from './autodetect.ts';
import type { Registry } from './registry.ts';

/** Host data Proxmox caches on the plugin right after constructing it. */
export interface HostData {
  resolvConf: HostResolvConf;
  timezone: string;
  /** Absolute path the host's /etc/localtime resolves to. */
  localtime: string;
}

export interface SetupOptions {
  registry: Registry;
  host: HostData;
  /** Where the rootfs lives on the host (only used in messages). */
  rootdir?: string;
  /** Proxmox's `$log_warn` sink. */
  logWarn: (message: string) => void;
  /** Told the parsed os-release as soon as it is read (before detection can die). */
  onOsRelease?: (osRelease: OsRelease) => void;
  /** The pve-container behaviours to follow; PVE 9 when absent. */
  release?: ReleaseProfile;
}

type Runtime = SetupRuntime & { ct: SetupRuntime['ct'] & HostView };

/**
 * The model of PVE::LXC::Setup: detects the OS, builds the plugin, and runs each plugin
 * method as Proxmox does — inside the container (a failure there becomes
 * `error in setup task <method>` with the original message as a warning) or on the host.
 */
export class Setup {
  readonly plugin: Plugin;
  readonly osRelease: OsRelease;
  readonly release: ReleaseProfile;

  constructor(
    readonly conf: PctConf,
    private readonly rt: Runtime,
    private readonly opts: SetupOptions,
  ) {
    const rootdir = opts.rootdir ?? '<rootfs>';
    this.release = opts.release ?? PROFILES[9];
    this.osRelease = parseOsRelease(this.protectedCall('get_ct_os_release', () => readOsRelease(rt)));
    opts.onOsRelease?.(this.osRelease);
    let type: string;
    if (conf.ostype === 'unmanaged') {
      type = 'unmanaged';
    } else {
      type = withRuntime(rt, () => autodetect(this.osRelease, rt.ct, opts.registry, (m) => rt.warn(m)));
      const expected = perlTrue(conf.ostype) ? conf.ostype! : type;
      if (type !== expected) {
        if (!rt.ct.hostExists('/etc')) rt.warn('WARNING: /etc not present in CT, is the rootfs mounted?\n');
        rt.warn(`got unexpected ostype (${type} != ${expected})\n`);
      }
    }
    if (!Object.hasOwn(opts.registry.plugins, type)) die(`no such OS type '${type}'\n`);
    const PluginClass = opts.registry.plugins[type];
    if (!PluginClass) die(`ostype '${type}' is not modelled by pve-chainguard\n`);
    this.plugin = withRuntime(rt, () => new PluginClass(conf, rootdir, this.osRelease, opts.logWarn));
    this.plugin.release = this.release;

    this.plugin.hostResolvConf = opts.host.resolvConf;
    this.plugin.hostTimezone = opts.host.timezone;
    if (!opts.host.localtime.startsWith('/')) die('invalid /etc/localtime\n');
    this.plugin.hostLocaltime = opts.host.localtime;

    const { idMap, rootUid, rootGid } = parseIdMaps(conf);
    if (idMap.length > 0) {
      this.plugin.idMap = idMap;
      this.plugin.rootUid = rootUid;
      this.plugin.rootGid = rootGid;
    }

    if (conf.arch === undefined) {
      let arch: string | undefined;
      try {
        arch = this.protectedCall('(eval)', () => this.plugin.detectArchitecture());
      } catch (e) {
        const err = errorText(e);
        if (err !== '') rt.warn(`Architecture detection failed: ${err}`);
      }
      // Before 6.1.1 only undef fell back; a false answer was printed as detected.
      if (this.release.archFallbackOnFalse ? !perlTrue(arch) : arch === undefined) {
        arch = 'amd64';
        rt.print(`Falling back to ${arch}.\nUse \`pct set VMID --arch ARCH\` to change.\n`);
      } else {
        rt.print(`Detected container architecture: ${arch}\n`);
      }
      conf.arch = arch;
    }
  }

  /**
   * Runs `fn` as inside the forked, chrooted child: an exception is printed as a warning
   * and the parent dies with `error in setup task <method>`.
   */
  private protectedCall<T>(method: string, fn: () => T): T {
    try {
      return withRuntime(this.rt, fn);
    } catch (e) {
      if (!(e instanceof PerlDie) && !(e instanceof Error)) throw e;
      if (!(e instanceof PerlDie)) throw e; // a bug in the model, not a Perl die
      this.rt.warn(errorText(e));
      const name = method.startsWith('(') ? method : `PVE::LXC::Setup::${method}`;
      throw new PerlDie(`error in setup task ${name}\n`);
    }
  }

  templateFixup(): void {
    this.protectedCall('template_fixup', () => this.plugin.templateFixup(this.conf));
  }
  setupNetwork(): void {
    this.protectedCall('setup_network', () => this.plugin.setupNetwork(this.conf));
  }
  setHostname(): void {
    this.protectedCall('set_hostname', () => this.plugin.setHostname(this.conf));
  }
  setDns(): void {
    this.protectedCall('set_dns', () => this.plugin.setDns(this.conf));
  }
  setTimezone(): void {
    this.protectedCall('set_timezone', () => this.plugin.setTimezone(this.conf));
  }
  setupInit(): void {
    this.protectedCall('setup_init', () => this.plugin.setupInit(this.conf));
  }
  setUserPassword(user: string, password: string | undefined): void {
    this.protectedCall('set_user_password', () => this.plugin.setUserPassword(this.conf, user, password));
  }

  /** Generates host keys on the host and writes them into the container in one call. */
  rewriteSshHostKeys(): void {
    const keynames = withRuntime(this.rt, () => this.plugin.sshHostKeyTypesToGenerate());
    if (!this.rt.ct.hostIsDir('/etc/ssh') || !keynames || Object.keys(keynames).length === 0) return;
    const hostname = (perlTrue(this.conf.hostname) ? this.conf.hostname! : 'localhost').replace(/\.[^\n]*$/, '');
    const files: Array<[string, string, number]> = [];
    for (const [type, basename] of Object.entries(keynames)) {
      this.rt.print(`Creating SSH host key '${basename}' - this may take some time ...\n`);
      const key = this.rt.sshKeygen(type, `root@${hostname}`);
      this.rt.print(`done: ${key.id}\n`);
      files.push([`/etc/ssh/${basename}`, key.privateKey, 0o600], [`/etc/ssh/${basename}.pub`, key.publicKey, 0o644]);
    }
    this.protectedCall('rewrite_ssh_host_keys', () => {
      for (const [path, data, perms] of files) this.plugin.ctFileSetContents(path, data, perms);
    });
  }

  getCtInitPath(): string {
    return this.protectedCall('get_ct_init_path', () => this.plugin.getCtInitPath()) ?? '';
  }

  /** Host side: warns through log_warn when systemd inside needs nesting. */
  checkSystemdNesting(): void {
    if (!this.release.systemdNestingWarning) return;
    const init = this.getCtInitPath();
    const warning = withRuntime(this.rt, () => this.plugin.checkSystemdNesting(this.conf, init));
    if (perlTrue(warning)) this.opts.logWarn(warning!);
  }

  unifiedCgroupv2Support(): boolean {
    const init = this.getCtInitPath();
    return withRuntime(this.rt, () => this.plugin.unifiedCgroupv2Support(init));
  }

  preStartHook(): void {
    this.protectedCall('pre_start_hook', () => this.plugin.preStartHook(this.conf));
    this.checkSystemdNesting();
  }

  postCloneHook(): void {
    this.protectedCall('post_clone_hook', () => this.plugin.postCloneHook(this.conf));
    this.checkSystemdNesting();
  }

  postCreateHook(password: string | undefined, sshKeys: string | undefined): void {
    this.protectedCall('post_create_hook', () => this.plugin.postCreateHook(this.conf, password, sshKeys));
    this.rewriteSshHostKeys();
    this.checkSystemdNesting();
  }
}

/** Inside the chroot: /etc/os-release, else /usr/lib/os-release, else nothing. */
function readOsRelease(rt: SetupRuntime): string | undefined {
  for (const path of ['/etc/os-release', '/usr/lib/os-release']) {
    if (rt.ct.isFile(path)) return rt.ct.readFile(path);
  }
  return undefined;
}

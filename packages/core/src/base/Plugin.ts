import type { PctConf } from '../config/types.ts';
import type { CtFsApi } from '../fs/CtFsApi.ts';
import type { SetupRuntime } from '../runtime/SetupRuntime.ts';
import { currentRuntime } from '../runtime/current.ts';
import type { OsRelease } from '../osrelease/types.ts';
import { PROFILES, type ReleaseProfile } from '../release/profiles.ts';

/** The host's resolv.conf as Proxmox caches it: `search` and up to three name servers. */
export interface HostResolvConf {
  search?: string;
  dns1?: string;
  dns2?: string;
  dns3?: string;
}

export type LogWarn = (message: string) => void;

/**
 * The setup plugin interface (Proxmox's PVE::LXC::Setup::Plugin): the methods the
 * dispatcher calls. Fields below `conf` and `rootdir` are injected by the dispatcher after
 * construction, exactly as Proxmox stores them on the plugin hash.
 */
export abstract class Plugin {
  /** Host data cached by the dispatcher. */
  hostResolvConf: HostResolvConf = {};
  hostTimezone: string | undefined;
  hostLocaltime: string | undefined;
  /** Set only for containers with an id map (unprivileged or raw `lxc.idmap`). */
  idMap: Array<[string, string, string, string]> | undefined;
  rootUid = 0;
  rootGid = 0;
  /** Which pve-container this runs inside; the dispatcher sets it right after construction. */
  release: ReleaseProfile = PROFILES[9];

  constructor(
    readonly conf: PctConf,
    readonly rootdir: string,
    readonly osRelease?: OsRelease,
    readonly logWarn?: LogWarn,
  ) {}

  /** The model's stand-in for the chroot, clock and console of the call in progress. */
  protected get rt(): SetupRuntime {
    return currentRuntime();
  }

  /** The container filesystem (the chroot). */
  protected get ct(): CtFsApi {
    return this.rt.ct;
  }

  abstract templateFixup(conf: PctConf): void;
  abstract setupNetwork(conf: PctConf): void;
  abstract setHostname(conf: PctConf): void;
  abstract setDns(conf: PctConf): void;
  abstract setTimezone(conf: PctConf): void;
  abstract setupInit(conf: PctConf): void;
  abstract setUserPassword(conf: PctConf, user: string, password: string | undefined): void;
  abstract unifiedCgroupv2Support(init: string | undefined): boolean;
  abstract getCtInitPath(): string | undefined;
  abstract checkSystemdNesting(conf: PctConf, init: string | undefined): string | undefined;
  abstract sshHostKeyTypesToGenerate(): Record<string, string> | undefined;
  abstract detectArchitecture(): string | undefined;
  abstract preStartHook(conf: PctConf): void;
  abstract postCloneHook(conf: PctConf): void;
  abstract postCreateHook(conf: PctConf, password: string | undefined, sshKeys: string | undefined): void;
  /** Used by the dispatcher to write SSH host keys (the one non-interface call Proxmox makes). */
  abstract ctFileSetContents(path: string, data: string, perms?: number): void;
}

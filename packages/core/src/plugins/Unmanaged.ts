import type { PctConf } from '../config/types.ts';
import { Plugin } from '../base/Plugin.ts';
import { die } from '../runtime/PerlDie.ts';

/** Unmanaged: Proxmox touches nothing inside the container and returns safe defaults. */
export class Unmanaged extends Plugin {
  static readonly ostype = 'unmanaged';

  constructor(conf: PctConf, rootdir: string) {
    super(conf, rootdir);
    conf.ostype = 'unmanaged';
  }

  templateFixup(_conf: PctConf): void {}
  setupNetwork(_conf: PctConf): void {}
  setHostname(_conf: PctConf): void {}
  setDns(_conf: PctConf): void {}
  setTimezone(_conf: PctConf): void {}
  setupInit(_conf: PctConf): void {}
  setUserPassword(_conf: PctConf, _user: string, _password: string | undefined): void {}
  unifiedCgroupv2Support(_init: string | undefined): boolean {
    return true;
  }
  getCtInitPath(): string | undefined {
    return '/sbin/init';
  }
  checkSystemdNesting(_conf: PctConf, _init: string | undefined): string | undefined {
    return undefined;
  }
  sshHostKeyTypesToGenerate(): Record<string, string> | undefined {
    return undefined;
  }
  detectArchitecture(): string | undefined {
    // Before 6.1.1 Unmanaged inherits Plugin's abstract method, which croaks at the caller.
    if (!this.release.unmanagedDetectsArchitecture) {
      die('implement me in sub-class\n at PVE/LXC/Setup.pm line 146.\n');
    }
    return undefined;
  }
  preStartHook(_conf: PctConf): void {}
  postCloneHook(_conf: PctConf): void {}
  postCreateHook(_conf: PctConf, _password: string | undefined, _sshKeys: string | undefined): void {}
  ctFileSetContents(_path: string, _data: string, _perms?: number): void {}
}

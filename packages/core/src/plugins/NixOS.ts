import { Base } from '../base/Base.ts';
import type { PctConf } from '../config/types.ts';
import { detectElfArchitecture } from '../pve/tools.ts';
import { die } from '../runtime/PerlDie.ts';
import { NWS } from '../runtime/perlText.ts';

/** NixOS: networkd units only; init, time zone and templates are left to the Nix config. */
export class NixOS extends Base {
  static readonly ostype = 'nixos';
  /** Upstream's plugin hash carries a version; this distribution has none to read. */
  readonly version = 0;

  constructor(conf: PctConf, rootdir: string) {
    super(conf, rootdir);
    conf.ostype = 'nixos';
  }

  templateFixup(_conf: PctConf): void {}

  setupNetwork(conf: PctConf): void {
    this.setupSystemdNetworkd(conf);
  }

  setTimezone(_conf: PctConf): void {}

  setupInit(_conf: PctConf): void {}

  /** /bin/sh appears only after first activation, so read the shell from /sbin/init's shebang. */
  detectArchitecture(): string | undefined {
    const initPath = '/sbin/init';
    if (!this.ctFileExists(initPath)) die(`open '${initPath}' failed: No such file or directory\n`);
    const shebang = this.ctFileReadFirstline(initPath) ?? '';
    const [, shell] = new RegExp(`^#! ?(${NWS}*)`).exec(shebang) ?? [];
    if (shell !== undefined) return detectElfArchitecture(shell);
    die('could not find a shell\n');
  }
}

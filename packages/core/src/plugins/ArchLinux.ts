import { Base } from '../base/Base.ts';
import type { PctConf } from '../config/types.ts';

/** Arch Linux: systemd-networkd and the container getty; everything else from Base. */
export class ArchLinux extends Base {
  static readonly ostype = 'archlinux';
  /** Upstream's plugin hash carries a version; this distribution has none to read. */
  readonly version = 0;

  constructor(conf: PctConf, rootdir: string) {
    super(conf, rootdir);
    // Arch has no version file worth reading (/etc/arch-release is empty).
    conf.ostype = 'archlinux';
  }

  templateFixup(conf: PctConf): void {
    this.setupSecuretty(conf);
    this.removeLxcNameFromEtcHosts();
  }

  setupInit(conf: PctConf): void {
    // Arch enables no network service of its own; networkd is what setup_network configures.
    this.setupSystemdPreset({ 'systemd-networkd.service': 1 });
    this.setupContainerGettyService(conf);
  }

  setupNetwork(conf: PctConf): void {
    this.setupSystemdNetworkd(conf);
  }
}

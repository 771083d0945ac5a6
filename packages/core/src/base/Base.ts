import type { PctConf } from '../config/types.ts';
import { getPrimaryIps, getTtyCount, parseFeatures, parseLxcNetwork } from '../pve/lxc.ts';
import { parseHomeDir, randomizeCrontab, setUserPassword } from '../pve/baseHandWritten.ts';
import { absPath, configHashKeys, pid, warn } from '../pve/perl.ts';
import { detectElfArchitecture, systemdVersion } from '../pve/tools.ts';
import { die } from '../runtime/PerlDie.ts';
import { perlTrue, quotemeta, WS } from '../runtime/perlText.ts';
import { splitList } from '../util/splitList.ts';
import { CtHelpers, removePveSections } from './CtHelpers.ts';
import { etcHostsSection } from './hostsSection.ts';
import { networkdUnit } from './networkdUnit.ts';
import { systemdPresetText } from './systemdPreset.ts';

/**
 * Proxmox's PVE::LXC::Setup::Base as a model: the helpers every managed distro inherits.
 * It mirrors Proxmox's Base.pm method for method and adds nothing — a generated plugin
 * runs against the real Base.pm on a host, so what Base lacks belongs in the plugin.
 */
export abstract class Base extends CtHelpers {
  lookupDnsConf(conf: PctConf): [string | undefined, string | undefined] {
    let nameserver = conf.nameserver;
    let searchdomains = conf.searchdomain;
    const host = this.hostResolvConf;
    if (nameserver === undefined) {
      const servers: string[] = [];
      for (const ns of [host.dns1, host.dns2, host.dns3]) if (ns !== undefined && perlTrue(ns)) servers.push(ns);
      nameserver = servers.join(' ');
    }
    if (searchdomains === undefined) searchdomains = host.search;
    return [searchdomains, nameserver];
  }

  updateEtcHosts(hostip: string | undefined, _oldname: string, newname: string, searchdomains: string | undefined): void {
    const hostsFn = '/etc/hosts';
    if (this.ctIsFileIgnored(hostsFn)) return;
    const existing = this.ctFileExists(hostsFn) ? removePveSections(this.ctFileGetContents(hostsFn)) : undefined;
    this.ctModifyFile(hostsFn, etcHostsSection(existing, hostip, newname, searchdomains));
  }

  snakeoilFixup(_conf: PctConf): void {}

  templateFixup(_conf: PctConf): void {}

  setDns(conf: PctConf): void {
    const [searchdomains, nameserver] = this.lookupDnsConf(conf);
    let data = '';
    if (perlTrue(searchdomains)) data += `search ${splitList(searchdomains).join(' ')}\n`;
    for (const ns of splitList(nameserver)) data += `nameserver ${ns}\n`;
    this.ctModifyFile('/etc/resolv.conf', data, { replace: true });
  }

  setHostname(conf: PctConf): void {
    const hostname = perlTrue(conf.hostname) ? conf.hostname! : 'localhost';
    const namepart = hostname.replace(/\.[^\n]*$/, '');
    const hostnameFn = '/etc/hostname';
    const first = this.ctFileReadFirstline(hostnameFn);
    const oldname = perlTrue(first) ? first! : 'localhost';
    const [ipv4, ipv6] = getPrimaryIps(conf);
    const hostip = perlTrue(ipv4) ? ipv4 : ipv6;
    const [searchdomains] = this.lookupDnsConf(conf);
    this.updateEtcHosts(hostip, oldname, hostname, searchdomains);
    this.ctFileSetContents(hostnameFn, `${namepart}\n`);
  }

  setupNetwork(_conf: PctConf): void {
    die('please implement this inside subclass');
  }

  setupInit(_conf: PctConf): void {
    die('please implement this inside subclass');
  }

  /** Unprivileged containers cannot use the /dev/lxc/ tty directory. */
  devttydir(conf: PctConf): string {
    return perlTrue(conf.unprivileged) ? '' : 'lxc/';
  }

  private systemdUnitDir(): string {
    return this.ctIsExecutable('/lib/systemd/systemd') ? '/lib/systemd/system' : '/usr/lib/systemd/system';
  }

  fixupOldGetty(): void {
    const dir = this.systemdUnitDir();
    const gettyService = `${dir}/getty@.service`;
    if (!this.ctFileExists(gettyService)) return;
    const raw = this.ctFileGetContents(gettyService);
    const modern = this.ctFileExists(`${dir}/container-getty@.service`);
    const from = modern ? 'ConditionPathExists=/dev/tty' : 'ConditionPathExists=/dev/tty0';
    const to = modern ? 'ConditionPathExists=/dev/tty0' : 'ConditionPathExists=/dev/tty';
    // `from` and `to` differ, so the text changes exactly when the line is there
    const fixed = raw.replace(new RegExp(`(?:^|(?<=\\n))${quotemeta(from)}(?=\\n|$)`), () => to);
    if (fixed !== raw) this.ctFileSetContents(gettyService, fixed);
  }

  setupContainerGettyService(conf: PctConf): void {
    const sdDir = this.systemdUnitDir();
    let templatePath = `${sdDir}/container-getty@.service`;
    let instanceBase = 'container-getty@';
    if (!this.ctFileExists(templatePath)) {
      // Proxmox's fallback builds a path relative to the chroot's cwd and so rarely applies.
      templatePath = 'getty@.service';
      instanceBase = '{getty@}tty';
      if (!this.ctFileExists(templatePath)) return;
    }
    const raw = this.ctFileGetContents(templatePath);
    const ttyname = `${this.devttydir(conf)}tty%I`;
    const edited = raw.replace(/pts\/%I|lxc\/tty%I/g, () => ttyname);
    if (/pts\/%I|lxc\/tty%I/.test(raw)) this.ctFileSetContents(templatePath, edited);

    const wants = '/etc/systemd/system/getty.target.wants/';
    const ttycount = getTtyCount(conf);
    for (let i = 1; i < 7; i++) {
      this.ctUnlink(`${wants}/getty@tty${i}.service`);
      this.ctUnlink(`${wants}/container-getty@${i}.service`);
      if (i <= ttycount) this.ctSymlink(templatePath, `${wants}/${instanceBase}${i}.service`);
    }
    this.ctUnlink('/etc/systemd/system/getty.target');
  }

  setupSystemdNetworkd(conf: PctConf): void {
    // Proxmox walks the config hash in Perl's order: on PVE 8 the first NIC to write dies
    // when /etc/systemd/network is missing, so which one shows.
    for (const key of configHashKeys(conf)) {
      if (!/^net\d+$/.test(key)) continue;
      const value = Object.hasOwn(conf, key) ? conf[key as `net${number}`] : undefined;
      const d = parseLxcNetwork(value);
      const name = d.name;
      if (name === undefined || !perlTrue(name)) continue;
      const unit = networkdUnit(d, name, this.release.networkdDhcp6AcceptsRa);
      if (this.release.networkdDirMakesParents) this.ctMakePath('/etc/systemd/network');
      this.ctFileSetContents(`/etc/systemd/network/${name}.network`, unit);
    }
  }

  /** First-boot presets (`00-pve.preset`); `extra` maps unit names to enable/disable. */
  setupSystemdPreset(extra?: Record<string, number>): void {
    const data = systemdPresetText(extra);
    // Before 6.0.15 without parents: a rootfs without /etc/systemd makes the write below die.
    if (this.release.presetDirMakesParents) this.ctMakePath('/etc/systemd/system-preset');
    else this.ctMkdir('/etc/systemd/system-preset', 0o755);
    this.ctFileSetContents('/etc/systemd/system-preset/00-pve.preset', data);
  }

  setupSystemdDisableStaticUnits(extraUnits: string[] = []): void {
    for (const unit of ['sys-kernel-config.mount', 'sys-kernel-debug.mount', ...extraUnits]) {
      const path = `/etc/systemd/system/${unit}`;
      if (!this.ctFileExists(path)) this.ctSymlink('/dev/null', path);
    }
  }

  setupSecuretty(conf: PctConf, ...add: string[]): void {
    const filename = '/etc/securetty';
    if (!this.ctFileExists(filename)) return;
    let devices = add;
    if (add.length === 0) {
      const dir = this.devttydir(conf);
      devices = ['console', 'tty1', 'tty2', 'tty3', 'tty4'].map((d) => dir + d);
    }
    let data = this.ctFileGetContents(filename);
    if (!data.endsWith('\n')) data += '\n';
    for (const dev of devices) {
      const present = new RegExp(`(?:^|(?<=\\n))${quotemeta(dev)}${WS}*(?=\\n|$)`);
      if (!present.test(data)) data += `${dev}\n`;
    }
    this.ctFileSetContents(filename, data);
  }

  /** @perlHandWritten SHA-512 crypt and the Proxmox salt are Perl primitives (crypt, Digest::SHA) */
  setUserPassword(_conf: PctConf, user: string, password: string | undefined): void {
    setUserPassword(this, user, password);
  }

  /** @perlHandWritten a pattern with the user name interpolated; reads through this.ct */
  private parseHomeDir(passwdfile: string, user: string): string {
    return parseHomeDir(passwdfile, user);
  }

  setUserAuthorizedSshKeys(_conf: PctConf, user: string, sshKeys: string): void {
    const passwd = '/etc/passwd';
    let home = user === 'root' ? '/root/' : `/home/${user}/`;
    if (this.ctFileExists(passwd)) home = this.parseHomeDir(passwd, user);
    if (!(this.ctIsDirectory(home) || this.ctIsSymlink(home))) {
      die(`home directory '${home}' of ${user} does not exist! at PVE/LXC/Setup/Base.pm line 496.\n`);
    }
    if (!this.ctIsDirectory(`${home}/.ssh`)) this.ctMkdir(`${home}/.ssh`, 0o700);
    this.ctModifyFile(`${home}/.ssh/authorized_keys`, sshKeys, { perms: 0o700 });
  }

  /**
   * Create-time only: spreads root cron jobs over the hour (Perl `rand` after `srand(0)`).
   * @perlHandWritten Perl's rand and the container directory listing (this.rt, this.ct)
   */
  protected randomizeCrontab(): void {
    randomizeCrontab(this);
  }

  setTimezone(conf: PctConf): void {
    const zone = conf.timezone;
    if (zone === undefined) return;
    const tzPath = zone === 'host' ? this.hostLocaltime! : `/usr/share/zoneinfo/${zone}`;
    if (!this.ctFileExists(tzPath)) {
      warn(`container does not have ${tzPath}, timezone can not be modified\n`);
      return;
    }
    const current = absPath('/etc/localtime');
    if (current !== tzPath) {
      const tmpfile = `localtime.${pid()}.new.tmpfile`;
      this.ctSymlink(tzPath, tmpfile);
      this.ctRename(tmpfile, '/etc/localtime');
    }
    if (this.ctFileExists('/etc/timezone')) {
      this.ctFileSetContents('/etc/timezone', `${zone === 'host' ? this.hostTimezone! : zone}\n`);
    }
  }

  clearMachineId(_conf: PctConf, clone?: boolean): void {
    const usesSystemd = this.ctIsExecutable('/lib/systemd/systemd') || this.ctIsExecutable('/usr/lib/systemd/systemd');
    const dbusPath = '/var/lib/dbus/machine-id';
    const path = '/etc/machine-id';
    const existed = this.ctFileExists(path);
    if (this.ctFileExists(dbusPath) && !this.ctIsSymlink(dbusPath) && usesSystemd) this.ctUnlink(dbusPath);
    if (!existed) return;
    if (clone) {
      const old = this.ctFileReadFirstline(path) ?? '';
      if (usesSystemd && old !== 'uninitialized') this.ctFileSetContents(path, '\n');
    } else {
      this.ctUnlink(path);
    }
  }

  /**
   * Host side: the systemd version linked by the container's init (`objdump -p`).
   * @perlHandWritten objdump on the host: a process primitive
   */
  getSystemdVersion(init: string): number | undefined {
    return systemdVersion(this.rootdir, init);
  }

  unifiedCgroupv2Support(init: string | undefined): boolean {
    if (init === undefined || !/\/systemd$/.test(init)) return true;
    const v = this.getSystemdVersion(init);
    return v !== undefined && v >= 232;
  }

  getCtInitPath(): string | undefined {
    let init: string | undefined = '/sbin/init';
    if (this.ctIsSymlink(init)) init = this.ctReadlinkRecursive(init);
    return init;
  }

  checkSystemdNesting(conf: PctConf, init: string | undefined): string | undefined {
    if (perlTrue(parseFeatures(conf.features).nesting)) return undefined;
    if (init === undefined || !/\/systemd\n?$/.test(init)) return undefined;
    const v = this.getSystemdVersion(init);
    if (v === undefined || v <= 241) return undefined;
    return `Systemd ${v} detected. You may need to enable nesting.`;
  }

  sshHostKeyTypesToGenerate(): Record<string, string> | undefined {
    const keys: Record<string, string> = { rsa: 'ssh_host_rsa_key' };
    if (this.release.dsaHostKeys) keys.dsa = 'ssh_host_dsa_key';
    keys.ecdsa = 'ssh_host_ecdsa_key';
    keys.ed25519 = 'ssh_host_ed25519_key';
    return keys;
  }

  detectArchitecture(): string | undefined {
    return detectElfArchitecture('/bin/sh');
  }

  /** What the start and the create hook both end with: init, network, names, DNS, time zone. */
  private configureFromConf(conf: PctConf): void {
    this.setupInit(conf);
    this.setupNetwork(conf);
    this.setHostname(conf);
    this.setDns(conf);
    this.setTimezone(conf);
  }

  preStartHook(conf: PctConf): void {
    this.ctFileSetContents('/fastboot', '');
    this.configureFromConf(conf);
  }

  postCloneHook(conf: PctConf): void {
    this.clearMachineId(conf, true);
  }

  postCreateHook(conf: PctConf, password: string | undefined, sshKeys: string | undefined): void {
    this.clearMachineId(conf);
    this.snakeoilFixup(conf);
    this.templateFixup(conf);
    this.randomizeCrontab();
    this.setUserPassword(conf, 'root', password);
    if (perlTrue(sshKeys)) this.setUserAuthorizedSshKeys(conf, 'root', sshKeys!);
    this.configureFromConf(conf);
  }
}

import { Base } from '../base/Base.ts';
import type { LogWarn } from '../base/Plugin.ts';
import type { PctConf } from '../config/types.ts';
import type { OsRelease } from '../osrelease/types.ts';
import { getTtyCount, parseLxcNetwork } from '../pve/lxc.ts';
import { absPath, time } from '../pve/perl.ts';
import { detectElfArchitecture, dirGlobForeach } from '../pve/tools.ts';
import { die } from '../runtime/PerlDie.ts';
import { perlTrue } from '../runtime/perlText.ts';
import { isIpInCidr } from '../util/ipInCidr.ts';
import { splitList } from '../util/splitList.ts';

/**
 * Chainguard OS and Wolfi. A system container boots systemd: it gets networkd units that
 * win over the image's 20-eth.network, resolved configuration, first-boot presets and
 * container gettys. An application container (OCI images, distroless, busybox-only) gets
 * hostname, hosts, DNS, password and keys, and no systemd file at all.
 */
export class Chainguard extends Base {
  static readonly ostype = 'chainguard';

  /** The baselayout's VERSION_ID (a date such as 20230201); informational only. */
  readonly version: string;

  constructor(conf: PctConf, rootdir: string, osRelease: OsRelease, logWarn: LogWarn) {
    super(conf, rootdir, osRelease, logWarn);
    this.version = osRelease.VERSION_ID ?? '';
    conf.ostype = 'chainguard';
  }

  /** The init that boots systemd: /sbin/init, /usr/bin/init or /init resolving to it. */
  private systemdInit(): string | undefined {
    for (const init of ['/sbin/init', '/usr/bin/init', '/init']) {
      const binary = absPath(init);
      if (binary !== undefined && /\/systemd$/.test(binary) && this.ctIsExecutable(binary)) {
        return init;
      }
    }
    return undefined;
  }

  /** systemd is the init and the configured entrypoint (if any) is that init. */
  private isSystemContainer(conf: PctConf): boolean {
    const init = this.systemdInit();
    if (init === undefined) return false;
    const entrypoint = conf.entrypoint;
    if (entrypoint === undefined || entrypoint === init) return true;
    const resolvedEntrypoint = absPath(entrypoint);
    const resolvedInit = absPath(init);
    return resolvedEntrypoint === resolvedInit;
  }

  /** The unit directory systemd loads vendor units from. */
  private unitDir(): string {
    return this.ctIsExecutable('/lib/systemd/systemd') ? '/lib/systemd/system' : '/usr/lib/systemd/system';
  }

  private hasUnit(unit: string): boolean {
    return this.ctFileExists(`${this.unitDir()}/${unit}`) || this.ctFileExists(`/etc/systemd/system/${unit}`);
  }

  templateFixup(_conf: PctConf): void {
    this.removeLxcNameFromEtcHosts();
  }

  setupInit(conf: PctConf): void {
    // root may log in on the console and on every tty a getty is started for
    const ttys = ['console'];
    for (let i = 1; i <= getTtyCount(conf); i++) ttys.push(`tty${i}`);
    const dir = this.devttydir(conf);
    this.setupSecuretty(conf, ...ttys.map((tty) => `${dir}${tty}`));

    if (!this.isSystemContainer(conf)) return;

    // Wolfi templates ship no getty.target.wants, and Base only links into an existing one
    if (getTtyCount(conf) > 0) this.ctMakePath('/etc/systemd/system/getty.target.wants');
    this.setupContainerGettyService(conf);

    const preset: Record<string, number> = { 'systemd-networkd.service': 1 };
    if (this.hasUnit('systemd-resolved.service')) preset['systemd-resolved.service'] = 1;
    if (this.hasUnit('sshd.service')) preset['sshd.service'] = 1;
    this.setupSystemdPreset(preset);
  }

  /**
   * One unit per NIC that the container manages itself, named to sort before the image's
   * 20-eth.network in /etc and in /usr/lib (networkd uses the first matching file).
   */
  setupNetwork(conf: PctConf): void {
    if (!this.isSystemContainer(conf)) return;
    const dir = '/etc/systemd/network';
    const wanted: Record<string, number> = {};
    for (const key of Object.keys(conf).sort()) {
      if (!/^net\d+$/.test(key)) continue;
      const net = parseLxcNetwork(conf[key as `net${number}`]);
      if (!perlTrue(net.name) || perlTrue(net['host-managed'])) continue;
      const name = net.name!;
      wanted[name] = 1;
      this.ctMakePath(dir);
      this.ctFileSetContents(`${dir}/10-pve-${name}.network`, this.networkUnit(name, net.ip, net.gw, net.ip6, net.gw6));
    }
    // drop the units we wrote for NICs that are gone or became host-managed
    dirGlobForeach(dir, /10-pve-(.+)\.network/, (file: string, name: string) => {
      if (Object.hasOwn(wanted, name)) return;
      const path = `${dir}/${file}`;
      if (!this.ctFileExists(path)) return;
      const data = this.ctFileGetContents(path);
      if (data.includes(`\nDescription = Interface ${name} autoconfigured by PVE\n`)) this.ctUnlink(path);
    });
  }

  /** The unit Proxmox's setup_systemd_networkd writes for a NIC (Base has no renderer). */
  private networkUnit(
    name: string,
    ip: string | undefined,
    gw: string | undefined,
    ip6: string | undefined,
    gw6: string | undefined,
  ): string {
    let data = `[Match]\nName = ${name}\n\n[Network]\nDescription = Interface ${name} autoconfigured by PVE\n`;
    let routes = '';
    let dhcp4 = false;
    let dhcp6 = false;
    let acceptRa = 'false';
    const staticV4 = ip !== undefined && ip !== 'dhcp' && ip !== 'manual';
    const staticV6 = ip6 !== undefined && ip6 !== 'dhcp' && ip6 !== 'auto' && ip6 !== 'manual';
    if (ip === 'dhcp') dhcp4 = true;
    if (staticV4) data += `Address = ${ip}\n`;
    if (gw !== undefined) {
      data += `Gateway = ${gw}\n`;
      if (staticV4 && !isIpInCidr(gw, ip!, 4)) routes += `\n[Route]\nDestination = ${gw}/32\nScope = link\n`;
    }
    if (ip6 === 'dhcp') dhcp6 = true;
    if (ip6 === 'dhcp' || ip6 === 'auto') acceptRa = 'true';
    if (staticV6) data += `Address = ${ip6}\n`;
    if (gw6 !== undefined) {
      acceptRa = 'false';
      data += `Gateway = ${gw6}\n`;
      if (staticV6 && !isIpInCidr(gw6, ip6!, 6) && !isIpInCidr(gw6, 'fe80::/10', 6)) {
        routes += `\n[Route]\nDestination = ${gw6}/128\nScope = link\n`;
      }
    }
    const mode = dhcp4 && dhcp6 ? 'yes' : dhcp4 ? 'ipv4' : dhcp6 ? 'ipv6' : 'no';
    return `${data}DHCP = ${mode}\nIPv6AcceptRA = ${acceptRa}\n${routes}`;
  }

  /**
   * With systemd-resolved in a system container: a drop-in with the configured servers
   * and domains, and /etc/resolv.conf as the stub link (a regular file there also gets
   * Proxmox's section, so DNS works either way). Otherwise Proxmox's resolv.conf section.
   */
  setDns(conf: PctConf): void {
    if (!this.isSystemContainer(conf) || !this.hasUnit('systemd-resolved.service')) {
      super.setDns(conf);
      return;
    }
    const [searchdomains, nameserver] = this.lookupDnsConf(conf);
    const servers = splitList(nameserver);
    const domains = splitList(searchdomains);
    const dropin = '/etc/systemd/resolved.conf.d/pve.conf';
    if (servers.length > 0 || domains.length > 0) {
      let data = '[Resolve]\n';
      if (servers.length > 0) data += `DNS=${servers.join(' ')}\n`;
      if (domains.length > 0) data += `Domains=${domains.join(' ')}\n`;
      this.ctMakePath('/etc/systemd/resolved.conf.d');
      this.ctFileSetContents(dropin, data);
    } else if (this.ctFileExists(dropin)) {
      this.ctUnlink(dropin);
    }

    const resolv = '/etc/resolv.conf';
    const stub = '../run/systemd/resolve/stub-resolv.conf';
    if (this.ctIsSymlink(resolv)) {
      const target = this.ctReadlink(resolv) ?? '';
      if (/^(?:\.\.)?\/run\/systemd\/resolve\/(?:stub-)?resolv\.conf$/.test(target)) return;
      super.setDns(conf);
    } else if (this.ctFileExists(resolv)) {
      super.setDns(conf);
    } else if (!this.ctIsDirectory(resolv)) {
      this.ctSymlink(stub, resolv);
    }
  }

  /**
   * As Proxmox, but a hash Proxmox does not recognise (yescrypt `$y$`, bcrypt `$2b$`, …)
   * is stored as given instead of being hashed a second time.
   */
  setUserPassword(conf: PctConf, user: string, password: string | undefined): void {
    const modern = /^\$(?:y|gy|7|2b|sha1|md5)\$[./0-9A-Za-z$,=]+$/;
    if (password === undefined || !modern.test(password)) {
      super.setUserPassword(conf, user, password);
      return;
    }
    if (!this.ctFileExists('/etc/passwd')) return;
    const days = Math.trunc(time() / 86400);
    if (this.ctFileExists('/etc/shadow')) {
      this.replaceAccountFields('/etc/shadow', user, password, `${days}`);
      this.replaceAccountFields('/etc/passwd', user, 'x', undefined);
    } else {
      this.replaceAccountFields('/etc/passwd', user, password, undefined);
    }
  }

  /** Rewrites fields 2 (and 3) of the user's line only; the file keeps its mode. */
  private replaceAccountFields(file: string, user: string, secret: string, days: string | undefined): void {
    const mode = this.ctStat(file)!.mode & 0o7777;
    const lines = this.ctFileGetContents(file).split('\n');
    for (let i = 0; i < lines.length; i++) {
      const fields = lines[i]!.split(':');
      if (fields.length < 3 || fields[0] !== user) continue;
      fields[1] = secret;
      if (days !== undefined) fields[2] = days;
      lines[i] = fields.join(':');
    }
    this.ctFileSetContents(file, lines.join('\n'), mode);
  }

  /**
   * As Proxmox, but the file keeps the 0700 it was created with: Base rewrites an existing
   * section with default permissions (0644), so a second create would change the mode.
   */
  setUserAuthorizedSshKeys(conf: PctConf, user: string, sshKeys: string): void {
    super.setUserAuthorizedSshKeys(conf, user, sshKeys);
    const file = `${this.homeDir(user)}/.ssh/authorized_keys`;
    if (this.ctFileExists(file)) this.ctFileSetContents(file, this.ctFileGetContents(file), 0o700);
  }

  /** The home directory Base uses for a user: the passwd entry, else /root or /home/<user>. */
  private homeDir(user: string): string {
    let home = user === 'root' ? '/root/' : `/home/${user}/`;
    if (!this.ctFileExists('/etc/passwd')) return home;
    for (const line of this.ctFileGetContents('/etc/passwd').split('\n')) {
      const fields = line.split(':');
      if (fields.length >= 7 && fields[0] === user) {
        home = fields[5]!;
        break;
      }
    }
    return home;
  }

  /**
   * Distroless images have no /bin/sh: fall back to other ELF files the image has
   * (busybox, the dynamic loader), then to apk's architecture file.
   */
  detectArchitecture(): string | undefined {
    const candidates = [
      '/bin/sh',
      '/usr/bin/busybox',
      '/bin/busybox',
      '/usr/lib/ld-linux-x86-64.so.2',
      '/usr/lib/ld-linux-aarch64.so.1',
      '/lib/ld-linux-x86-64.so.2',
      '/lib/ld-linux-aarch64.so.1',
      '/lib64/ld-linux-x86-64.so.2',
    ];
    for (const path of candidates) {
      if (!this.ctFileExists(path)) continue;
      let arch: string | undefined;
      try {
        arch = detectElfArchitecture(path);
      } catch {
        arch = undefined;
      }
      if (arch !== undefined) return arch;
    }
    const apkArch: Record<string, string> = {
      x86_64: 'amd64',
      aarch64: 'arm64',
      x86: 'i386',
      armv7: 'armhf',
      armhf: 'armhf',
      riscv64: 'riscv64',
    };
    const line = this.ctFileReadFirstline('/etc/apk/arch');
    if (line !== undefined && Object.hasOwn(apkArch, line)) return apkArch[line];
    die('unable to detect architecture: no /bin/sh, busybox, dynamic loader or /etc/apk/arch\n');
  }
}

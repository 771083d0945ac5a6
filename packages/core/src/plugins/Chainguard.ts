import { Base } from '../base/Base.ts';
import type { PctConf } from '../config/types.ts';
import { getTtyCount, parseLxcNetwork } from '../pve/lxc.ts';
import { absPath, time } from '../pve/perl.ts';
import { detectElfArchitecture, dirGlobForeach } from '../pve/tools.ts';
import { die } from '../runtime/PerlDie.ts';
import { DOT, perlTrue, quotemeta } from '../runtime/perlText.ts';
import { isIpInCidr } from '../util/ipInCidr.ts';
import { splitList } from '../util/splitList.ts';

/** Where Wolfi's systemd installs its units (never under /lib, even on split layouts). */
const UNITS = '/usr/lib/systemd/system';
const RESOLVED_UNIT = `${UNITS}/systemd-resolved.service`;

/** Chainguard OS and Wolfi: systemd containers get networkd, resolved and gettys; OCI ones no unit. */
export class Chainguard extends Base {
  static readonly ostype = 'chainguard';

  constructor(conf: PctConf, rootdir: string) {
    super(conf, rootdir);
    conf.ostype = 'chainguard';
  }

  /** The init that boots systemd: /sbin/init, /usr/bin/init or /init resolving to it. */
  private systemdInit(): string | undefined {
    for (const init of ['/sbin/init', '/usr/bin/init', '/init']) {
      const binary = absPath(init) ?? '';
      if (/\/systemd$/.test(binary) && this.ctIsExecutable(binary)) return init;
    }
    return undefined;
  }

  /** systemd is the init and the configured entrypoint (if any) is that init. */
  private isSystemContainer(conf: PctConf): boolean {
    const init = this.systemdInit();
    if (init === undefined) return false;
    const entrypoint = conf.entrypoint;
    if (entrypoint === undefined || entrypoint === init) return true;
    const resolved = absPath(entrypoint);
    return resolved !== undefined && resolved === (absPath(init) ?? '');
  }

  setupInit(conf: PctConf): void {
    // root may log in on the console and on every tty a getty is started for
    const ttyCount = getTtyCount(conf);
    const ttys = ['console'];
    for (let i = 1; i <= ttyCount; i++) ttys.push(`tty${i}`);
    this.setupSecuretty(conf, ...ttys.map((tty) => this.devttydir(conf) + tty));

    if (!this.isSystemContainer(conf)) return;

    // Base links gettys only into an existing getty.target.wants; PVE 8 makes no preset parents
    if (ttyCount > 0) this.ctMakePath('/etc/systemd/system/getty.target.wants');
    this.ctMakePath('/etc/systemd/system-preset');
    this.setupContainerGettyService(conf);

    const preset: Record<string, number> = { 'systemd-networkd.service': 1 };
    if (this.ctFileExists(RESOLVED_UNIT)) preset['systemd-resolved.service'] = 1;
    if (this.ctFileExists(`${UNITS}/sshd.service`)) preset['sshd.service'] = 1;
    this.setupSystemdPreset(preset);
  }

  /** One unit per self-managed NIC, named to sort before the image's 20-eth.network. */
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
    dirGlobForeach(dir, new RegExp(`10-pve-(${DOT}+)\\.network`), (file: string, name: string) => {
      const path = `${dir}/${file}`;
      const ours = `\nDescription = Interface ${name} autoconfigured by PVE\n`;
      const stale = !Object.hasOwn(wanted, name) && this.ctFileExists(path);
      if (stale && this.ctFileGetContents(path).includes(ours)) this.ctUnlink(path);
    });
  }

  /** The unit Proxmox's setup_systemd_networkd writes for a NIC (Base has no renderer). */
  private networkUnit(name: string, ip: string | undefined, gw: string | undefined, ip6: string | undefined, gw6: string | undefined): string {
    let data = `[Match]\nName = ${name}\n\n[Network]\n`;
    data += `Description = Interface ${name} autoconfigured by PVE\n`;
    let routes = '';
    let acceptRa = /^(?:dhcp|auto)$/.test(ip6 ?? '') ? 'true' : 'false';
    const staticV4 = ip !== undefined && ip !== 'dhcp' && ip !== 'manual';
    const staticV6 = ip6 !== undefined && ip6 !== 'dhcp' && ip6 !== 'auto' && ip6 !== 'manual';
    if (staticV4) data += `Address = ${ip}\n`;
    if (gw !== undefined) {
      data += `Gateway = ${gw}\n`;
      if (staticV4 && !isIpInCidr(gw, ip!, 4)) routes += `\n[Route]\nDestination = ${gw}/32\nScope = link\n`;
    }
    if (staticV6) data += `Address = ${ip6}\n`;
    if (gw6 !== undefined) {
      acceptRa = 'false';
      data += `Gateway = ${gw6}\n`;
      if (staticV6 && !isIpInCidr(gw6, ip6!, 6) && !isIpInCidr(gw6, 'fe80::/10', 6)) {
        routes += `\n[Route]\nDestination = ${gw6}/128\nScope = link\n`;
      }
    }
    const dhcp4 = ip === 'dhcp';
    const dhcp6 = ip6 === 'dhcp';
    const mode = dhcp4 && dhcp6 ? 'yes' : dhcp4 ? 'ipv4' : dhcp6 ? 'ipv6' : 'no';
    return `${data}DHCP = ${mode}\nIPv6AcceptRA = ${acceptRa}\n${routes}`;
  }

  /** With resolved: drop-in + stub link; else the section, skipped when empty (Base adds a blank line). */
  setDns(conf: PctConf): void {
    const [searchdomains, nameserver] = this.lookupDnsConf(conf);
    const servers = splitList(nameserver);
    const domains = splitList(searchdomains);
    const say = servers.length > 0 || domains.length > 0;
    if (!this.isSystemContainer(conf) || !this.ctFileExists(RESOLVED_UNIT)) {
      if (say) super.setDns(conf);
      return;
    }
    const dropin = '/etc/systemd/resolved.conf.d/pve.conf';
    if (say) {
      let data = '[Resolve]\n';
      if (servers.length > 0) data += `DNS=${servers.join(' ')}\n`;
      if (domains.length > 0) data += `Domains=${domains.join(' ')}\n`;
      this.ctMakePath('/etc/systemd/resolved.conf.d');
      this.ctFileSetContents(dropin, data);
    } else if (this.ctFileExists(dropin)) {
      this.ctUnlink(dropin);
    }

    const resolv = '/etc/resolv.conf';
    const target = this.ctReadlink(resolv) ?? '';
    if (/^(?:\.\.)?\/run\/systemd\/resolve\/(?:stub-)?resolv\.conf$/.test(target)) return;
    if (this.ctIsSymlink(resolv) || this.ctFileExists(resolv)) {
      if (say) super.setDns(conf);
    } else if (!this.ctIsDirectory(resolv)) {
      this.ctSymlink('../run/systemd/resolve/stub-resolv.conf', resolv);
    }
  }

  /** As Proxmox, but unknown hashes (yescrypt, `$2b$`) are kept and a multi-line hash refused. */
  setUserPassword(conf: PctConf, user: string, password: string | undefined): void {
    if (password !== undefined && /^\$[^\n]*\n/.test(password)) die(`password hash of ${user} spans lines\n`);
    if (password === undefined || !/^\$(?:y|gy|7|2b|sha1|md5)\$[./0-9A-Za-z$,=]+$/.test(password)) {
      super.setUserPassword(conf, user, password);
      return;
    }
    if (!this.ctFileExists('/etc/passwd')) return;
    const days = Math.trunc(time() / 86400);
    // with shadow the hash and day count go there and passwd says `x`
    const shadow = this.ctFileExists('/etc/shadow');
    if (shadow) this.replaceAccountFields('/etc/shadow', user, password, days);
    this.replaceAccountFields('/etc/passwd', user, shadow ? 'x' : password, undefined);
  }

  /** Sets the user's password field (and with `days` the last change), keeping the file's mode. */
  private replaceAccountFields(file: string, user: string, secret: string, days: number | undefined): void {
    const mode = this.ctStat(file)!.mode & 0o7777;
    let data = this.ctFileGetContents(file);
    if (days !== undefined) {
      data = data.replace(new RegExp(`(?<![^\\n])${quotemeta(user)}(?::[^:\\n]*){2}:`, 'g'), () => `${user}:${secret}:${days}:`);
    } else {
      data = data.replace(new RegExp(`(?<![^\\n])${quotemeta(user)}:[^:\\n]*:`, 'g'), () => `${user}:${secret}:`);
    }
    this.ctFileSetContents(file, data, mode);
  }

  /** As Proxmox, but root's keys keep the 0700 Base creates them with (a rewrite gives 0644). */
  setUserAuthorizedSshKeys(conf: PctConf, user: string, sshKeys: string): void {
    super.setUserAuthorizedSshKeys(conf, user, sshKeys);
    const file = '/root/.ssh/authorized_keys';
    if (user !== 'root' || !this.ctFileExists(file)) return;
    this.ctFileSetContents(file, this.ctFileGetContents(file), 0o700);
  }

  /** No /bin/sh (distroless): busybox, the loader (/bin, /lib work on both layouts), apk. */
  detectArchitecture(): string | undefined {
    const candidates = ['/bin/sh', '/bin/busybox', '/lib/ld-linux-x86-64.so.2', '/lib/ld-linux-aarch64.so.1'];
    for (const path of candidates) {
      if (!this.ctFileExists(path)) continue;
      // undefined for a file that is no ELF binary we know
      let arch: string | undefined;
      try {
        arch = detectElfArchitecture(path);
      } catch {}
      if (arch !== undefined) return arch;
    }
    const apkArch: Record<string, string> = { x86_64: 'amd64', aarch64: 'arm64' };
    const line = this.ctFileReadFirstline('/etc/apk/arch');
    if (line !== undefined && Object.hasOwn(apkArch, line)) return apkArch[line];
    die('unable to detect architecture: no /bin/sh, busybox, dynamic loader or /etc/apk/arch\n');
  }
}

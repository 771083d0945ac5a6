import { Base } from '../base/Base.ts';
import type { PctConf } from '../config/types.ts';
import { getTtyCount, parseLxcNetwork } from '../pve/lxc.ts';
import { absPath, time } from '../pve/perl.ts';
import { detectElfArchitecture, dirGlobForeach } from '../pve/tools.ts';
import { die } from '../runtime/PerlDie.ts';
import { perlTrue } from '../runtime/perlText.ts';
import { isIpInCidr } from '../util/ipInCidr.ts';
import { splitList } from '../util/splitList.ts';

/**
 * Chainguard OS and Wolfi. System containers (systemd) get networkd, resolved, presets and
 * gettys; application containers (OCI, distroless) get no systemd file at all.
 */
export class Chainguard extends Base {
  static readonly ostype = 'chainguard';

  constructor(conf: PctConf, rootdir: string) {
    super(conf, rootdir);
    // VERSION_ID is the baselayout's date (or missing): nothing to check
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
    const resolvedEntrypoint = absPath(entrypoint) ?? '';
    const resolvedInit = absPath(init) ?? '';
    return resolvedEntrypoint !== '' && resolvedEntrypoint === resolvedInit;
  }

  /** A unit the image ships (Wolfi's systemd installs units under /usr/lib only). */
  private hasUnit(unit: string): boolean {
    return this.ctFileExists(`/usr/lib/systemd/system/${unit}`) || this.ctFileExists(`/etc/systemd/system/${unit}`);
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
    let data = `[Match]\nName = ${name}\n\n[Network]\n`;
    data += `Description = Interface ${name} autoconfigured by PVE\n`;
    let routes = '';
    let acceptRa = ip6 === 'dhcp' || ip6 === 'auto' ? 'true' : 'false';
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

  /** With resolved: a drop-in and the stub link (a regular resolv.conf also gets the section). */
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
    const target = this.ctReadlink(resolv) ?? '';
    if (/^(?:\.\.)?\/run\/systemd\/resolve\/(?:stub-)?resolv\.conf$/.test(target)) return;
    if (this.ctIsSymlink(resolv) || this.ctFileExists(resolv)) super.setDns(conf);
    else if (!this.ctIsDirectory(resolv)) this.ctSymlink('../run/systemd/resolve/stub-resolv.conf', resolv);
  }

  /** As Proxmox, but hashes it does not know (yescrypt, bcrypt `$2b$`) are stored as given. */
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

  /** As Proxmox, but root's keys keep the 0700 Base creates them with (a rewrite gives 0644). */
  setUserAuthorizedSshKeys(conf: PctConf, user: string, sshKeys: string): void {
    super.setUserAuthorizedSshKeys(conf, user, sshKeys);
    const file = '/root/.ssh/authorized_keys';
    if (user === 'root' && this.ctFileExists(file)) {
      this.ctFileSetContents(file, this.ctFileGetContents(file), 0o700);
    }
  }

  /** Distroless images have no /bin/sh: try busybox, the dynamic loader, then apk's arch. */
  detectArchitecture(): string | undefined {
    // /bin and /lib resolve on merged-/usr and on older split layouts alike
    const candidates = ['/bin/sh', '/bin/busybox', '/lib/ld-linux-x86-64.so.2', '/lib/ld-linux-aarch64.so.1'];
    for (const path of candidates) {
      if (!this.ctFileExists(path)) continue;
      let arch: string | undefined;
      try {
        arch = detectElfArchitecture(path);
      } catch {
        arch = undefined; // not an ELF file we know: try the next
      }
      if (arch !== undefined) return arch;
    }
    // apk's names for the two architectures Wolfi builds
    const apkArch: Record<string, string> = { x86_64: 'amd64', aarch64: 'arm64' };
    const line = this.ctFileReadFirstline('/etc/apk/arch');
    if (line !== undefined && Object.hasOwn(apkArch, line)) return apkArch[line];
    die('unable to detect architecture: no /bin/sh, busybox, dynamic loader or /etc/apk/arch\n');
  }
}

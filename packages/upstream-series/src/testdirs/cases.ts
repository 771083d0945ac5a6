import type { FsEntry } from '@pve-chainguard/core';
import { accounts, apkArch, file, imageNetworkUnit, link, osRelease, resolvedUnit, staticResolvConf, systemdInit } from './rootfsParts.ts';

/** One `src/test/test-chainguard-NNN/` directory: its config and input files. */
/**
 * System containers carry `features: nesting=1`, as Proxmox creates them: without it the
 * hook asks objdump for the systemd version, which run_setup_tests.pl's relative
 * `./tmprootfs` path cannot resolve.
 */
export interface TestCase {
  /** One line on what the case covers (listed in the test commit's body). */
  about: string;
  config: string;
  rootfs: FsEntry[];
  /** Paths whose expectation is left out so that their directory stays absent in the input. */
  omitExp?: string[];
}

export const TEST_CASES: TestCase[] = [
  {
    about: 'Wolfi system container, DHCP on both families, resolved present (drop-in, stub link)',
    config: 'hostname: cg-dhcp\nfeatures: nesting=1\nnet0: bridge=vmbr0,name=eth0,ip=dhcp,ip6=dhcp\n',
    rootfs: [apkArch, osRelease('wolfi'), ...accounts, ...systemdInit, resolvedUnit, imageNetworkUnit],
  },
  {
    about: 'Chainguard OS, static dual-stack with gateways outside both subnets (on-link routes)',
    config:
      'hostname: cg-static\nfeatures: nesting=1\nnameserver: 192.0.2.53 2001:db8::53\nsearchdomain: example.org\n' +
      'net0: bridge=vmbr0,name=eth0,ip=192.0.2.10/24,gw=198.51.100.1,ip6=2001:db8::10/64,gw6=2001:db8:ffff::1\n',
    rootfs: [apkArch, osRelease('chainguard'), ...accounts, ...systemdInit, imageNetworkUnit, staticResolvConf],
  },
  {
    about: 'three NICs (DHCP, static IPv4 with on-link gateway, SLAAC) and one unit each',
    config:
      'hostname: cg-multi\nfeatures: nesting=1\n' +
      'net0: bridge=vmbr0,name=eth0,ip=dhcp\n' +
      'net1: bridge=vmbr1,name=eth1,ip=10.0.0.5/24,gw=10.0.0.1\n' +
      'net2: bridge=vmbr2,name=eth2,ip6=auto\n',
    rootfs: [apkArch, osRelease('wolfi'), ...accounts, ...systemdInit, resolvedUnit, imageNetworkUnit],
  },
  {
    about: 'no /etc/systemd/network in the image: the hook creates it (its unit is not compared, so the directory stays absent)',
    config: 'hostname: cg-nonetdir\nfeatures: nesting=1\nnet0: bridge=vmbr0,name=eth0,ip=dhcp\n',
    rootfs: [apkArch, osRelease('wolfi'), ...accounts, ...systemdInit, staticResolvConf],
    omitExp: ['/etc/systemd/network/10-pve-eth0.network'],
  },
  {
    about: 'resolved present and resolv.conf already the stub link: only the drop-in changes',
    config: 'hostname: cg-resolved\nfeatures: nesting=1\nnameserver: 192.0.2.53\nsearchdomain: example.org\nnet0: bridge=vmbr0,name=eth0,ip=dhcp\n',
    rootfs: [
      apkArch,
      osRelease('chainguard'),
      ...accounts,
      ...systemdInit,
      resolvedUnit,
      imageNetworkUnit,
      link('/etc/resolv.conf', '../run/systemd/resolve/stub-resolv.conf'),
    ],
  },
  {
    about: 'securetty present, two ttys: the console and tty devices are added once',
    config: 'hostname: cg-tty\nfeatures: nesting=1\ntty: 2\nnet0: bridge=vmbr0,name=eth0,ip=dhcp\n',
    rootfs: [apkArch, osRelease('wolfi'), ...accounts, ...systemdInit, imageNetworkUnit, staticResolvConf, file('/etc/securetty', 'console\n')],
  },
  {
    about: 'application container (no systemd init): no units, only hostname, hosts, resolv.conf and root',
    config: 'hostname: cg-app\nnet0: bridge=vmbr0,name=eth0,ip=dhcp\n',
    rootfs: [apkArch, osRelease('wolfi'), ...accounts, staticResolvConf, file('/usr/bin/app', '#!/bin/sh\n', '0755')],
  },
];

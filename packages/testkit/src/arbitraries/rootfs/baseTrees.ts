/**
 * Base trees the rootfs recipes start from: our Wolfi-like image (busybox userland, the
 * layout of the oracle's recorded trees), a distroless variant without a shell, and the
 * realistic fixtures of fixtures/rootfs when they exist.
 */
import { existsSync } from 'node:fs';
import type { FsEntry } from '@pve-chainguard/core';
import { elfHeaderStub } from '../../fixtures/elfStub.ts';
import { FIXTURES_DIR, listFixtures, loadFixture } from '../../fixtures/loadFixture.ts';
import { GROUP } from './content.ts';
import { TreeBuilder } from './TreeBuilder.ts';

export type BinArch = 'amd64' | 'arm64';

/** The skeleton every built-in base shares: merged /usr, /run, /tmp, root and nonroot homes. */
function skeleton(arch: BinArch): TreeBuilder {
  return new TreeBuilder()
    .link('/bin', 'usr/bin')
    .link('/sbin', 'usr/bin')
    .link('/lib', 'usr/lib')
    .link('/lib64', 'usr/lib')
    .dir('/dev')
    .dir('/etc')
    .file('/etc/group', GROUP)
    .file('/etc/apk/arch', arch === 'amd64' ? 'x86_64\n' : 'aarch64\n')
    .dir('/etc/secfixes.d')
    .dir('/home/nonroot', '0755', 65532)
    .dir('/proc')
    .dir('/root', '0700')
    .dir('/run')
    .dir('/sys')
    .dir('/tmp', '1777')
    .dir('/usr/local')
    .dir('/var/log')
    .link('/var/run', '../run')
    .dir('/var/spool/cron');
}

/** Busybox userland: /bin/sh is busybox, whose ELF header names the architecture. */
function wolfi(arch: BinArch): TreeBuilder {
  return skeleton(arch).binary('/usr/bin/busybox', elfHeaderStub(arch, 28)).link('/usr/bin/sh', 'busybox');
}

/** No shell and no busybox: only the dynamic loader tells the architecture. */
function distroless(arch: BinArch): TreeBuilder {
  const loader = arch === 'amd64' ? '/usr/lib/ld-linux-x86-64.so.2' : '/usr/lib/ld-linux-aarch64.so.1';
  return skeleton(arch).binary(loader, elfHeaderStub(arch), '0755');
}

export const BUILTIN_BASES = ['wolfi', 'distroless'] as const;

/** Names of the fixtures under fixtures/rootfs (none while that directory is empty). */
export function fixtureBases(dir = FIXTURES_DIR): string[] {
  if (!existsSync(dir)) return [];
  try {
    return listFixtures(dir).map((name) => `fixture:${name}`);
  } catch {
    return [];
  }
}

/**
 * Fixture members no setup code reads (Proxmox's Base, its plugins, ours): busybox applet
 * links other than sh/init, shared libraries other than the dynamic loader, PAM, TLS and
 * apk key stores. Leaving them out halves what every Perl run materialises and snapshots.
 */
export function isIrrelevantToSetup(entry: FsEntry): boolean {
  const { path } = entry;
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (entry.type === 'symlink' && /^\/(?:usr\/)?s?bin\/[^/]+$/.test(path) && /busybox$/.test(entry.target ?? '')) {
    return name !== 'sh' && name !== 'init';
  }
  if (entry.type === 'file' && /^\/(?:usr\/)?lib\/lib[^/]*\.so[^/]*$/.test(path)) return true;
  return /^\/(?:etc\/pam\.d|etc\/ssl|etc\/pki|usr\/share\/apk|var\/cache)\//.test(path);
}

const fixtureCache = new Map<string, FsEntry[]>();
/** Built-in bases, built once per architecture and copied for each case. */
const builtinCache = new Map<string, TreeBuilder>();

function builtin(name: 'wolfi' | 'distroless', arch: BinArch): TreeBuilder {
  const key = `${name} ${arch}`;
  let tree = builtinCache.get(key);
  if (!tree) {
    // frozen: every case's builder and vector shares these entry objects
    tree = new TreeBuilder((name === 'wolfi' ? wolfi(arch) : distroless(arch)).listed().map((e) => Object.freeze(e)));
    builtinCache.set(key, tree);
  }
  return tree.clone();
}

/** A fresh builder holding the named base. */
export function baseTree(name: string, arch: BinArch): TreeBuilder {
  if (name === 'wolfi' || name === 'distroless') return builtin(name, arch);
  if (name.startsWith('fixture:')) {
    const fixture = name.slice('fixture:'.length);
    let entries = fixtureCache.get(fixture);
    if (!entries) {
      // frozen: every case's builder and vector shares these entry objects
      entries = loadFixture(fixture)
        .entries.filter((e) => !isIrrelevantToSetup(e))
        .map((e) => Object.freeze({ ...e }));
      fixtureCache.set(fixture, entries);
    }
    return new TreeBuilder(entries);
  }
  throw new Error(`unknown base tree '${name}'`);
}

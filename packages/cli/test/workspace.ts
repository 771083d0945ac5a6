/**
 * The files the CLI catalogue feeds the commands: a scratch directory (the caller's cwd)
 * with good and broken configs, manifests, vectors, tarballs and images, all built here.
 */
import { chmodSync, lchownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entryContentBytes, type FsEntry } from '@pve-chainguard/core';
import { loadFixture } from '@pve-chainguard/testkit';
import { ociImageFiles, tarBuffer, templateMembers, writeOciArchive, writeOciLayout, writeTemplate } from '@pve-chainguard/testkit/images';
import { gzipSync } from 'node:zlib';

export const NOW = 1_764_900_000;
const REPO = join(import.meta.dirname, '../../..');

function byPath(a: { path: string }, b: { path: string }): number {
  return Buffer.compare(Buffer.from(a.path), Buffer.from(b.path));
}

/** The sshd fixture's entries with `edit` applied (entries below a replaced path dropped). */
function variant(edit: { drop?: string; add?: FsEntry[] }): FsEntry[] {
  const base = loadFixture('chainguard-os-systemd-sshd').entries;
  const kept = edit.drop ? base.filter((e) => e.path !== edit.drop && !e.path.startsWith(`${edit.drop}/`)) : base;
  return [...kept, ...(edit.add ?? [])].sort(byPath);
}

const json = (value: unknown) => `${JSON.stringify(value)}\n`;

export function makeWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pvecg-catalogue-'));
  const put = (name: string, content: string | Buffer) => {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  };
  const good = readFileSync(join(REPO, 'examples/chainguard-os-dhcp.conf'), 'utf8');
  put('ct.conf', good);
  put('esc.conf', good.replace('hostname: web1.example.org', 'hostname: web1\x1b[31m.example.org'));
  put('pw.txt', 'Secret-1\n');
  put('not-a-rootfs.bin', Buffer.alloc(4096, 7));
  const fixture = loadFixture('chainguard-os-systemd-sshd').entries;
  put('good.json', json(fixture));
  put('dotdot.json', json([...fixture, { path: '/etc/../../../tmp/pwn', type: 'file', content: 'x' }]));
  put('bogus-type.json', json([...fixture, { path: '/etc/bogus', type: 'bogus' }]));
  put('bad-base64.json', json([...fixture, { path: '/etc/b64', type: 'file', content: 'a$b', encoding: 'base64' }]));
  put('no-parent.json', json([...fixture, { path: '/nowhere/file', type: 'file', content: 'x' }]));
  put('twice.json', json([...fixture, fixture.find((e) => e.path === '/etc/hosts')]));
  put('uid-string.json', json([...fixture, { path: '/etc/u', type: 'file', uid: '0' }]));
  put('bad-mode.json', json([...fixture, { path: '/etc/m', type: 'file', mode: '999' }]));
  put('truncated.json', json(fixture).slice(0, 5000));
  put('unknown-key.json', json({ description: 'd', source: 's', entries: [], extra: 1 }));
  put('net-is-file.json', json(variant({ drop: '/etc/systemd/network', add: [{ path: '/etc/systemd/network', type: 'file', content: 'x' }] })));
  put('systemd-dangling.json', json(variant({ drop: '/etc/systemd', add: [{ path: '/etc/systemd', type: 'symlink', target: '/nonexistent' }] })));
  const hosts = fixture.find((e) => e.path === '/etc/hosts')!;
  put('esc-hosts.json', json(variant({ drop: '/etc/hosts', add: [{ ...hosts, content: `${hosts.content}10.0.0.1 evil\x1b]0;owned\x07\n` }] })));

  // vectors: the first recorded one, and broken variants of it
  const line = readFileSync(join(REPO, 'oracle/base-vectors.jsonl'), 'utf8').split('\n')[0]!;
  const vector = JSON.parse(line) as Record<string, unknown>;
  put('one.jsonl', `${line}\n`);
  put('empty.jsonl', '');
  put('blank.jsonl', '\n  \n\n');
  put('not-json.jsonl', `${line}\nnot json\n`);
  put('cut.jsonl', line.slice(0, 200));
  put('array.jsonl', '[1,2]\n');
  put('no-expect.jsonl', json({ ...vector, expect: undefined }));
  put('vec-dotdot.jsonl', json({ ...vector, rootfs: [{ path: '/../x', type: 'dir' }] }));
  put('dup-id.jsonl', `${line}\n${line}\n`);
  put('fails.jsonl', json({ ...vector, expect: { ...(vector.expect as object), ostype: 'debian' } }));

  // a directory rootfs with a name that is not UTF-8, one with a huge sparse os-release
  mkdirSync(join(dir, 'latin1-root/etc'), { recursive: true });
  writeFileSync(Buffer.from(`${join(dir, 'latin1-root/etc')}/caf\xe9`, 'latin1'), 'x');
  // 3 GiB os-release without using disk: the plugin reads it, preview must refuse it by path
  mkdirSync(join(dir, 'sparse-root/etc'), { recursive: true });
  writeFileSync(join(dir, 'sparse-root/etc/os-release'), 'ID=wolfi\n');
  truncateSync(join(dir, 'sparse-root/etc/os-release'), 3 * 2 ** 30);

  // the fixture unpacked to a real directory, plus a 3 GiB sparse file nobody reads
  writeTree(join(dir, 'unpacked'), fixture);
  mkdirSync(join(dir, 'unpacked/var/lib/images'), { recursive: true });
  writeFileSync(join(dir, 'unpacked/var/lib/images/disk.img'), '');
  truncateSync(join(dir, 'unpacked/var/lib/images/disk.img'), 3 * 2 ** 30);

  // tarballs and images
  writeTemplate(join(dir, 'good.tar.zst'), fixture, 'zstd');
  put(
    'escape.tar.gz',
    gzipSync(
      tarBuffer([
        { name: './etc/', type: 'dir', mode: 0o755 },
        { name: '../../escape', type: 'file', mode: 0o644, content: Buffer.from('x') },
      ]),
    ),
  );
  put('cut.tar.gz', gzipSync(tarBuffer(templateMembers(fixture))).subarray(0, 3000));
  put(
    'hardlink-nowhere.tar',
    tarBuffer([
      { name: 'etc/', type: 'dir', mode: 0o755 },
      { name: 'etc/x', type: 'hardlink', mode: 0o644, target: 'etc/missing' },
    ]),
  );
  put(
    'below-a-file.tar',
    tarBuffer([
      { name: 'etc', type: 'file', mode: 0o644, content: Buffer.from('x') },
      { name: 'etc/hosts', type: 'file', mode: 0o644 },
    ]),
  );
  put('two-lines.txt', 'one\ntwo\n');
  put('empty.txt', '');
  put('big-keys.pub', Buffer.alloc((1 << 20) + 1, 0x61));
  put('latin1.conf', Buffer.from('arch: amd64\nhostname: caf\xe9\n', 'latin1'));
  put('symlink-mode.json', json([...fixture, { path: '/etc/l', type: 'symlink', target: 'x', mode: '0644' }]));
  put('dir-content.json', json([...fixture, { path: '/etc/d', type: 'dir', content: 'x' }]));
  const oci = loadFixture('chainguard-nginx-oci');
  const files = ociImageFiles([templateMembers(oci.entries)], oci.ociConfig!);
  writeOciArchive(join(dir, 'nginx.oci.tar'), files);
  writeOciLayout(join(dir, 'bad-digest-layout'), files);
  const index = JSON.parse(readFileSync(join(dir, 'bad-digest-layout/index.json'), 'utf8'));
  index.manifests[0].digest = 'sha256:../../../../etc/passwd';
  writeFileSync(join(dir, 'bad-digest-layout/index.json'), JSON.stringify(index));
  const manifestOf = (layout: string) => {
    writeOciLayout(join(dir, layout), files);
    const idx = JSON.parse(readFileSync(join(dir, layout, 'index.json'), 'utf8'));
    const file = join(dir, layout, 'blobs/sha256', idx.manifests[0].digest.slice(7));
    return { file, manifest: JSON.parse(readFileSync(file, 'utf8')) };
  };
  const foreign = manifestOf('foreign-layer-layout');
  foreign.manifest.layers[0].mediaType = 'application/vnd.example.helm.chart';
  writeFileSync(foreign.file, JSON.stringify(foreign.manifest));
  const missing = manifestOf('missing-blob-layout');
  missing.manifest.layers[0].digest = `sha256:${'0'.repeat(64)}`;
  writeFileSync(missing.file, JSON.stringify(missing.manifest));
  return dir;
}

/** Entries written as real files (modes and owners as listed; we run as root in CI). */
function writeTree(root: string, entries: readonly FsEntry[]): void {
  mkdirSync(root);
  for (const e of entries) {
    const path = join(root, e.path);
    if (e.type === 'dir') mkdirSync(path);
    else if (e.type === 'symlink') symlinkSync(e.target!, path);
    else writeFileSync(path, e.type === 'file' ? entryContentBytes(e) : '');
    if (e.type !== 'symlink') chmodSync(path, parseInt(e.mode ?? '0644', 8));
    if (process.getuid?.() === 0) lchownSync(path, e.uid ?? 0, e.gid ?? 0);
  }
}

/** Names, sizes and mtimes of everything below `dir`: equal before and after = nothing written. */
export function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: Buffer) => {
    for (const name of readdirSync(d, { encoding: 'buffer' }).sort(Buffer.compare)) {
      const full = Buffer.concat([d, Buffer.from('/'), name]);
      const st = lstatSync(full);
      out.push(`${full.toString('latin1')} ${st.size} ${st.mtimeMs}`);
      if (st.isDirectory()) walk(full);
    }
  };
  walk(Buffer.from(dir));
  return out;
}

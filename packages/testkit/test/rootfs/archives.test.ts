/** Template tarballs and OCI images, built here from fixture manifests, read as rootfs entries. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { entryContentBytes, firstDifference, type FsEntry } from '@pve-chainguard/core';
import { loadFixture } from '../../src/fixtures/loadFixture.ts';
import { ociImageFiles, writeOciArchive, writeOciLayout, writeTemplate, type TemplateCompression } from '../../src/fixtures/images/buildImages.ts';
import { tarBuffer, templateMembers, type TarMember } from '../../src/fixtures/images/writeTar.ts';
import { resolveRootfs } from '../../src/rootfs/resolveRootfs.ts';
import { withContent } from '../../src/rootfs/withContent.ts';

const dir = mkdtempSync(join(tmpdir(), 'pvecg-archives-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Entries with every content read (through the store's passes), as plain manifest entries. */
async function materialise(spec: string) {
  const r = await resolveRootfs(spec, dir);
  const entries = await withContent(r.store, () =>
    r.entries.map((e): FsEntry => {
      const { lazy: _lazy, ...rest } = e;
      return e.type === 'file' ? { ...rest, content: entryContentBytes(e).toString('base64'), encoding: 'base64' } : rest;
    }),
  );
  return { ...r, entries };
}

describe('template tarballs', () => {
  const fixture = loadFixture('chainguard-os-systemd-sshd');
  it.each(['none', 'gzip', 'xz', 'zstd'] as TemplateCompression[])('a %s template reads as the fixture it was built from', async (how) => {
    writeTemplate(join(dir, `t-${how}`), fixture.entries, how);
    const r = await materialise(`t-${how}`);
    expect(firstDifference(fixture.entries, r.entries)).toBeUndefined();
  });

  it('reads only what is read: metadata for all, small config files at once, the rest on demand', async () => {
    writeTemplate(join(dir, 't.tar.zst'), fixture.entries, 'zstd');
    const r = await resolveRootfs('t.tar.zst', dir);
    const files = r.entries.filter((e) => e.type === 'file');
    const prefetched = r.store!.heldCount;
    expect(prefetched).toBeGreaterThan(0);
    expect(prefetched).toBeLessThan(files.length);
    const hosts = files.find((e) => e.path === '/etc/hosts')!;
    await withContent(r.store, () => entryContentBytes(hosts));
    expect([r.store!.heldCount, r.store!.passes]).toEqual([prefetched, 0]);
    const other = files.find((e) => e.path.startsWith('/usr/share/') || e.path.startsWith('/usr/lib/lib'))!;
    await withContent(r.store, () => entryContentBytes(other));
    expect([r.store!.heldCount, r.store!.passes]).toEqual([prefetched + 1, 1]);
  });

  it('keeps long names (PAX), hard links and the last of a repeated member', async () => {
    const long = `/usr/share/${'d'.repeat(120)}/file`;
    const members: TarMember[] = [
      { name: 'usr/', type: 'dir', mode: 0o755 },
      { name: 'usr/share/', type: 'dir', mode: 0o755 },
      { name: `usr/share/${'d'.repeat(120)}/`, type: 'dir', mode: 0o700 },
      { name: long.slice(1), type: 'file', mode: 0o600, uid: 7, content: Buffer.from('first') },
      { name: 'usr/hard', type: 'hardlink', mode: 0o600, uid: 7, target: long.slice(1) },
      { name: 'usr/x', type: 'file', mode: 0o644, content: Buffer.from('old') },
      { name: 'usr/x', type: 'file', mode: 0o640, content: Buffer.from('new') },
    ];
    writeFileSync(join(dir, 'misc.tar'), tarBuffer(members));
    const r = await materialise('misc.tar');
    const byPath = new Map(r.entries.map((e) => [e.path, e]));
    expect(Buffer.from(byPath.get(long)!.content!, 'base64').toString()).toBe('first');
    expect(byPath.get('/usr/hard')).toMatchObject({ type: 'file', uid: 7, content: Buffer.from('first').toString('base64') });
    expect(byPath.get('/usr/x')).toMatchObject({ mode: '0640', content: Buffer.from('new').toString('base64') });
  });
});

describe('OCI images', () => {
  const nginx = loadFixture('chainguard-nginx-oci');
  const upper: TarMember[] = [
    { name: 'etc/', type: 'dir', mode: 0o755 },
    { name: 'etc/.wh.os-release', type: 'file', mode: 0o644 },
    { name: 'etc/nginx/', type: 'dir', mode: 0o755 },
    { name: 'etc/nginx/.wh..wh..opq', type: 'file', mode: 0o644 },
    { name: 'etc/nginx/only.conf', type: 'file', mode: 0o644, content: Buffer.from('upper\n') },
  ];
  const files = ociImageFiles([templateMembers(nginx.entries), upper], nginx.ociConfig!);
  writeOciArchive(join(dir, 'nginx.oci.tar'), files);
  writeOciLayout(join(dir, 'nginx-layout'), files);

  it.each(['nginx.oci.tar', 'nginx-layout'])('%s: layers in order, whiteouts and opaque directories applied', async (spec) => {
    const r = await materialise(spec);
    const paths = r.entries.map((e) => e.path);
    const lower = nginx.entries.filter((e) => e.path !== '/etc/os-release' && !e.path.startsWith('/etc/nginx/'));
    expect(
      firstDifference(
        lower,
        r.entries.filter((e) => e.path !== '/etc/nginx/only.conf'),
      ),
    ).toBeUndefined();
    expect(paths).toContain('/etc/nginx/only.conf');
    expect(paths.some((p) => p.includes('.wh.'))).toBe(false);
    expect(r.ociConfig?.config.Entrypoint).toEqual(nginx.ociConfig!.config.Entrypoint);
  });
});

describe('TarParser', () => {
  it('gives the same members and data whatever the chunk sizes', async () => {
    const { TarParser } = await import('../../src/rootfs/tar/TarParser.ts');
    const tar = tarBuffer(templateMembers(loadFixture('wolfi-base-oci').entries));
    const parse = (size: number) => {
      const seen: string[] = [];
      const parser = new TarParser(
        (h) => (seen.push(`${h.name} ${h.type} ${h.mode} ${h.size} ${h.dataOffset}`), true),
        (h, data) => seen.push(`${h.name} = ${data.toString('base64')}`),
      );
      for (let i = 0; i < tar.length; i += size) parser.feed(tar.subarray(i, i + size));
      parser.end();
      return seen;
    };
    const whole = parse(tar.length);
    expect(whole.length).toBeGreaterThan(20);
    for (const size of [1, 7, 511, 513, 4096]) expect(parse(size), `chunks of ${size}`).toEqual(whole);
  });
});

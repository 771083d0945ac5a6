import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PACKAGE_NAME, PERL_DIR, SOURCE_DATE_EPOCH, releaseFiles, releaseVersion } from './release.ts';
import { normaliseTree, writeTree } from './stage.ts';

export interface BuiltArtefacts {
  tarball: string;
  deb: string;
}

const env = { ...process.env, SOURCE_DATE_EPOCH: String(SOURCE_DATE_EPOCH), LC_ALL: 'C', TZ: 'UTC' };

/** `pve-chainguard-support-<version>.tar.gz`: one top folder, sorted, root-owned, fixed mtimes. */
export function buildTarball(outDir: string, work: string): string {
  const version = releaseVersion();
  const top = `${PACKAGE_NAME}-${version}`;
  const stage = join(work, 'tar');
  writeTree(join(stage, top), releaseFiles());
  normaliseTree(stage);
  const tar = execFileSync(
    'tar',
    ['--sort=name', `--mtime=@${SOURCE_DATE_EPOCH}`, '--owner=0', '--group=0', '--numeric-owner', '--format=gnu', '-C', stage, '-cf', '-', top],
    { env, maxBuffer: 1 << 28 },
  );
  const gz = execFileSync('gzip', ['-n', '-9', '-c'], { input: tar, env, maxBuffer: 1 << 28 });
  const out = join(outDir, `${top}.tar.gz`);
  writeFileSync(out, gz);
  return out;
}

/** `pve-chainguard-support_<version>_all.deb`, built by dpkg-deb with root as owner. */
export function buildDeb(outDir: string, work: string): string {
  const version = releaseVersion();
  const stage = join(work, 'deb');
  writeTree(join(stage, 'usr/share', PACKAGE_NAME), releaseFiles());
  const control = readFileSync(resolve(PERL_DIR, 'debian/control.in'), 'utf8').replace('@VERSION@', version);
  writeTree(join(stage, 'DEBIAN'), [
    { path: 'control', mode: 0o644, content: Buffer.from(control) },
    { path: 'triggers', mode: 0o644, content: readFileSync(resolve(PERL_DIR, 'debian/triggers')) },
    ...['postinst', 'prerm', 'postrm'].map((s) => ({ path: s, mode: 0o755, content: readFileSync(resolve(PERL_DIR, 'debian', s)) })),
  ]);
  normaliseTree(stage);
  const out = join(outDir, `${PACKAGE_NAME}_${version}_all.deb`);
  execFileSync('dpkg-deb', ['--root-owner-group', '-Zxz', '--build', stage, out], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  return out;
}

/** Both artefacts into outDir (created when missing). */
export function buildRelease(outDir: string): BuiltArtefacts {
  mkdirSync(outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'pvecg-package-'));
  try {
    return { tarball: buildTarball(outDir, work), deb: buildDeb(outDir, work) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

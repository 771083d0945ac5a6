// Preview of a big template: time and peak RSS of `pve-chainguard preview` on a template of
// the sshd fixture plus N small files and one big file (default 100k entries, 512 MiB), as
// plain .tar and as .tar.zst. Memory must stay bounded: metadata for every entry, content
// only for what the plugin reads.
// Usage: pnpm exec tsx bench/preview-tarball.ts [entries=100000] [bigMiB=512]
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadFixture } from '../packages/testkit/src/fixtures/loadFixture.ts';
import { memberBlocks, templateMembers, type TarMember } from '../packages/testkit/src/fixtures/images/writeTar.ts';

const root = resolve(import.meta.dirname, '..');
const entries = Number(process.argv[2] ?? 100_000);
const bigMiB = Number(process.argv[3] ?? 512);
const dir = mkdtempSync(join(tmpdir(), 'pvecg-bench-'));

function* members(): Generator<TarMember> {
  yield* templateMembers(loadFixture('chainguard-os-systemd-sshd').entries);
  yield { name: './usr/share/bench/', type: 'dir', mode: 0o755 };
  const perDir = 1000;
  for (let i = 0; i < entries; i++) {
    if (i % perDir === 0) yield { name: `./usr/share/bench/d${i / perDir}/`, type: 'dir', mode: 0o755 };
    yield { name: `./usr/share/bench/d${Math.floor(i / perDir)}/f${i}`, type: 'file', mode: 0o644, content: Buffer.from(`file ${i}\n`.repeat(20)) };
  }
}

try {
  const tar = join(dir, 'big.tar');
  const fd = openSync(tar, 'w');
  for (const m of members()) for (const b of memberBlocks(m)) writeSync(fd, b);
  // one big file, written in chunks
  const big: TarMember = { name: './var/lib/big.img', type: 'file', mode: 0o644, content: Buffer.alloc(0) };
  const header = memberBlocks({ ...big, content: Buffer.alloc(0) })[0]!;
  const size = bigMiB << 20;
  header.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  writeSync(fd, header);
  const chunk = Buffer.alloc(1 << 20);
  for (let i = 0; i < bigMiB; i++) writeSync(fd, chunk);
  writeSync(fd, Buffer.alloc(1024));
  closeSync(fd);
  execFileSync('zstd', ['-q', '-T0', tar, '-o', `${tar}.zst`]);

  const config = join(root, 'examples/chainguard-os-dhcp.conf');
  const probe = join(dir, 'probe.mjs');
  writeFileSync(probe, 'process.on("exit", () => process.stderr.write(`maxrss ${process.resourceUsage().maxRSS}\\n`));\n');
  console.log(`template: ${entries + 100} entries incl. a ${bigMiB} MiB file`);
  for (const file of [tar, `${tar}.zst`]) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(root, 'packages/cli/bin/pve-chainguard.mjs'), 'preview', '--rootfs', file, '--config', config, '--time', '1700000000'], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: `--import=${probe}` },
      maxBuffer: 1 << 28,
    });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`preview exited ${r.status}: ${r.stderr}`);
    const rss = Number(/maxrss (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
    const summary = r.stdout.trim().split('\n').at(-1);
    console.log(
      `preview ${file.endsWith('.zst') ? '.tar.zst' : '.tar    '} (${(statSync(file).size / 2 ** 20).toFixed(0)} MiB): ${(ms / 1000).toFixed(2)} s, peak RSS ${rss.toFixed(0)} MiB — ${summary}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

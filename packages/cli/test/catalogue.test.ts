/**
 * The CLI catalogue (issue 13): every way a user or an attacker was seen to misuse the
 * commands, and more, each with its exit code, its message, and proof that nothing was
 * written and no stack trace or raw control character reached the output.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.ts';
import { type Command, type CommandEntry } from '../src/Command.ts';
import { InputError } from '@pve-chainguard/testkit/input';
import { GENERATED_DIR } from '@pve-chainguard/perlgen/repo';
import { commands } from '../src/commands/index.ts';
import { listing, makeWorkspace, NOW } from './workspace.ts';

interface Case {
  args: string[];
  code: 0 | 1 | 2 | 3;
  /** stderr must match */
  err?: RegExp;
  /** stdout must match (default for codes 2 and 3: empty) */
  out?: RegExp;
  stdin?: string;
}

const P = ['preview', '--time', `${NOW}`];
const CFG = ['--config', 'ct.conf'];

const CASES: Record<string, Case> = {
  'no command': { args: [], code: 2, err: /Usage: pve-chainguard <command>[\s\S]*Exit status:/ },
  'unknown command': { args: ['frob'], code: 2, err: /unknown command 'frob'/ },
  'check --dir that does not exist': { args: ['check', '--dir', '/nonexistent'], code: 2, err: /^check: --dir '\/nonexistent': no such file or directory\n$/ },
  'check --dir a file': { args: ['check', '--dir', 'ct.conf'], code: 2, err: /--dir '.*ct\.conf' is not a directory/ },
  'check unknown flag': { args: ['check', '--verbose'], code: 2, err: /Unknown option '--verbose'/ },
  'generate --out a file': { args: ['generate', '--out', 'ct.conf'], code: 2, err: /--out '.*ct\.conf' is a file, not a directory/ },
  'generate --out below a file': { args: ['generate', '--out', 'ct.conf/x'], code: 2, err: /lies below '.*ct\.conf', which is not a directory/ },
  'generate unknown plugin': { args: ['generate', '--out', 'gen', 'Nope'], code: 2, err: /no plugin class Nope \(known: / },
  'generate --all with names': { args: ['generate', '--all', 'Chainguard'], code: 2, err: /either --all or plugin names/ },
  'conform without a file': { args: ['conform'], code: 2, err: /give exactly one FILE\.jsonl/ },
  'conform --verbose (unknown flag)': { args: ['conform', 'one.jsonl', '--verbose'], code: 2, err: /Unknown option '--verbose'/ },
  'conform missing file': { args: ['conform', 'missing.jsonl'], code: 2, err: /cannot read '.*missing\.jsonl': no such file or directory/ },
  'conform empty file': { args: ['conform', 'empty.jsonl'], code: 2, err: /empty\.jsonl: no vectors/ },
  'conform blank file': { args: ['conform', 'blank.jsonl'], code: 2, err: /blank\.jsonl: no vectors/ },
  'conform non-JSON line': { args: ['conform', 'not-json.jsonl'], code: 2, err: /not-json\.jsonl:2: not valid JSON/ },
  'conform truncated line': { args: ['conform', 'cut.jsonl'], code: 2, err: /cut\.jsonl:1: not valid JSON/ },
  'conform line not an object': { args: ['conform', 'array.jsonl'], code: 2, err: /array\.jsonl:1: a vector must be a JSON object/ },
  'conform vector without expect': { args: ['conform', 'no-expect.jsonl'], code: 2, err: /no-expect\.jsonl:1: key 'expect' must be an object/ },
  'conform rootfs path with ..': { args: ['conform', 'vec-dotdot.jsonl'], code: 2, err: /vec-dotdot\.jsonl:1: rootfs\[0\]\.path: .* must be absolute and normalised/ },
  'conform repeated id': { args: ['conform', 'dup-id.jsonl'], code: 2, err: /dup-id\.jsonl:2: key 'id' .* repeats line 1/ },
  'conform a passing vector': { args: ['conform', 'one.jsonl'], code: 0, out: /^1 passed, 0 failed\n$/ },
  'conform --json': { args: ['conform', 'one.jsonl', '--json'], code: 0, out: /^\{"file":".*one\.jsonl","passed":1,"failed":0,"failures":\[\]\}\n$/ },
  'conform a failing vector': { args: ['conform', 'fails.jsonl'], code: 1, out: /^FAIL s1-hand-01-dhcp-both: .*ostype[\s\S]*0 passed, 1 failed\n$/ },
  'preview without options': { args: ['preview'], code: 2, err: /--rootfs and --config are required[\s\S]*Exit status:/ },
  'preview unknown flag': { args: [...P, ...CFG, '--rootfs', 'good.json', '--verbose'], code: 2, err: /unknown option '--verbose'/ },
  'preview unknown rootfs': { args: [...P, ...CFG, '--rootfs', 'nope'], code: 2, err: /--rootfs 'nope': no such file, directory or fixture/ },
  'preview missing config': { args: [...P, '--rootfs', 'good.json', '--config', 'missing.conf'], code: 2, err: /--config 'missing\.conf': no such file or directory/ },
  'preview config is a directory': { args: [...P, '--rootfs', 'good.json', '--config', '.'], code: 2, err: /--config '\.': is a directory/ },
  'preview bad hook': { args: [...P, ...CFG, '--rootfs', 'good.json', '--hook', 'boot'], code: 2, err: /--hook 'boot' is not one of/ },
  'preview bad time': { args: ['preview', ...CFG, '--rootfs', 'good.json', '--time', '12x'], code: 2, err: /--time '12x' is not a count of epoch seconds/ },
  'preview nameserver x;y': { args: [...P, ...CFG, '--rootfs', 'good.json', '--nameserver', 'x;y'], code: 2, err: /--nameserver 'x;y' is not one IPv4 or IPv6 address/ },
  'preview searchdomain with ESC': { args: [...P, ...CFG, '--rootfs', 'good.json', '--searchdomain', 'a\x1b[2Jb'], code: 2, err: /--searchdomain 'a\\x1b\[2Jb' is not/ },
  'preview two password sources': {
    args: [...P, ...CFG, '--rootfs', 'good.json', '--password', 'x', '--password-file', 'pw.txt'],
    code: 2,
    err: /only one of --password and --password-file/,
  },
  'preview missing password file': {
    args: [...P, ...CFG, '--rootfs', 'good.json', '--password-file', 'nope.txt'],
    code: 2,
    err: /--password-file 'nope\.txt': no such file/,
  },
  'preview password from a file': { args: [...P, ...CFG, '--rootfs', 'good.json', '--password-file', 'pw.txt'], code: 0, out: /^diff a\/etc\/shadow b\/etc\/shadow$/m },
  'preview password from stdin': { args: [...P, ...CFG, '--rootfs', 'good.json', '--password', '-'], stdin: 'Secret-1\n', code: 0, out: /^diff a\/etc\/shadow/m },
  'preview config with ESC': { args: [...P, '--config', 'esc.conf', '--rootfs', 'good.json'], code: 2, err: /esc\.conf:3: .*hostname.*\\x1b\[31m/ },
  'manifest path with ..': {
    args: [...P, ...CFG, '--rootfs', 'dotdot.json'],
    code: 2,
    err: /dotdot\.json: entries\[\d+\]\.path: "\/etc\/\.\.\/\.\.\/\.\.\/tmp\/pwn" must be absolute and normalised/,
  },
  'manifest unknown type': { args: [...P, ...CFG, '--rootfs', 'bogus-type.json'], code: 2, err: /entries\[\d+\]\.type: "bogus" is not dir, file, symlink or other/ },
  'manifest bad base64': { args: [...P, ...CFG, '--rootfs', 'bad-base64.json'], code: 2, err: /entries\[\d+\]\.content: is not canonical base64/ },
  'manifest missing parent': { args: [...P, ...CFG, '--rootfs', 'no-parent.json'], code: 2, err: /"\/nowhere\/file": parent \/nowhere is not listed/ },
  'manifest path twice': { args: [...P, ...CFG, '--rootfs', 'twice.json'], code: 2, err: /"\/etc\/hosts" is listed twice/ },
  'manifest uid a string': { args: [...P, ...CFG, '--rootfs', 'uid-string.json'], code: 2, err: /entries\[\d+\]\.uid: "0" is not an id/ },
  'manifest bad mode': { args: [...P, ...CFG, '--rootfs', 'bad-mode.json'], code: 2, err: /entries\[\d+\]\.mode: "999" is not four octal digits/ },
  'manifest truncated JSON': { args: [...P, ...CFG, '--rootfs', 'truncated.json'], code: 2, err: /truncated\.json:1: not valid JSON/ },
  'manifest document unknown key': { args: [...P, ...CFG, '--rootfs', 'unknown-key.json'], code: 2, err: /unknown-key\.json: unknown manifest key 'extra'/ },
  'rootfs: etc/systemd/network a file': {
    args: [...P, ...CFG, '--rootfs', 'net-is-file.json'],
    code: 1,
    err: /setup failed in hook create: mkdir \/etc\/systemd\/network: File exists/,
  },
  'rootfs: etc/systemd a dangling link': {
    args: [...P, ...CFG, '--rootfs', 'systemd-dangling.json'],
    code: 1,
    err: /setup failed in hook create: mkdir \/etc\/systemd: File exists/,
  },
  'rootfs: name not UTF-8': { args: [...P, ...CFG, '--rootfs', 'latin1-root'], code: 2, err: /file name is not UTF-8: '\/etc\/caf\\xe9'/ },
  'rootfs: 3 GiB sparse os-release': { args: [...P, ...CFG, '--rootfs', 'sparse-root'], code: 2, err: /\/etc\/os-release: 3221225472 bytes, above preview's bound/ },
  'rootfs: control characters in a file are escaped': { args: [...P, ...CFG, '--rootfs', 'esc-hosts.json'], code: 0, out: /10\.0\.0\.1 evil\\x1b\]0;owned\\x07/ },
  'rootfs: --json carries control characters as JSON escapes': {
    args: [...P, ...CFG, '--rootfs', 'esc-hosts.json', '--json'],
    code: 0,
    out: /evil\\u001b\]0;owned\\u0007/,
  },
  'unpacked directory with a 3 GiB sparse file nobody reads': {
    args: [...P, ...CFG, '--rootfs', 'unpacked'],
    code: 0,
    // as root the owners are the fixture's, so the summary is the fixture's own
    out: process.getuid?.() === 0 ? /\n17 added, 4 changed, 1 removed\n$/ : /\n\d+ added, \d+ changed, \d+ removed\n$/,
  },
  'tarball member with ..': { args: [...P, ...CFG, '--rootfs', 'escape.tar.gz'], code: 2, err: /escape\.tar\.gz: member '\.\.\/\.\.\/escape' leaves the rootfs/ },
  'tarball cut short': { args: [...P, ...CFG, '--rootfs', 'cut.tar.gz'], code: 2, err: /cut\.tar\.gz: (gzip: |truncated tar)/ },
  'tarball hard link to nothing': {
    args: [...P, ...CFG, '--rootfs', 'hardlink-nowhere.tar'],
    code: 2,
    err: /hard link '\/etc\/x' to 'etc\/missing', which is no earlier file/,
  },
  'tarball member below a file': { args: [...P, ...CFG, '--rootfs', 'below-a-file.tar'], code: 2, err: /"\/etc\/hosts": parent \/etc is a file, not a directory/ },
  'OCI layer of a foreign media type': {
    args: [...P, ...CFG, '--rootfs', 'foreign-layer-layout'],
    code: 2,
    err: /layers\[0\] has media type 'application\/vnd\.example\.helm\.chart', not a tar layer/,
  },
  'OCI layer blob missing': { args: [...P, ...CFG, '--rootfs', 'missing-blob-layout'], code: 2, err: /layer blob sha256:0{64} is missing/ },
  'password of two lines on stdin': { args: [...P, ...CFG, '--rootfs', 'good.json', '--password', '-'], stdin: 'a\nb\n', code: 2, err: /the password must be one line/ },
  'empty password file': { args: [...P, ...CFG, '--rootfs', 'good.json', '--password-file', 'empty.txt'], code: 2, err: /the password read is empty/ },
  'ssh keys file over 1 MiB': {
    args: [...P, ...CFG, '--rootfs', 'good.json', '--ssh-keys', 'big-keys.pub'],
    code: 2,
    err: /--ssh-keys 'big-keys\.pub': 1048577 bytes; more than 1048576/,
  },
  'config not UTF-8': { args: [...P, '--config', 'latin1.conf', '--rootfs', 'good.json'], code: 2, err: /--config 'latin1\.conf': not valid UTF-8 text/ },
  'manifest symlink with a mode': { args: [...P, ...CFG, '--rootfs', 'symlink-mode.json'], code: 2, err: /entries\[\d+\]\.mode: a symlink has mode 0777 or none/ },
  'manifest directory with content': { args: [...P, ...CFG, '--rootfs', 'dir-content.json'], code: 2, err: /entries\[\d+\]\.content: a dir has no content/ },
  'generate --out empty': { args: ['generate', '--out', ''], code: 2, err: /an empty path was given/ },
  'not a rootfs at all': { args: [...P, ...CFG, '--rootfs', 'not-a-rootfs.bin'], code: 2, err: /not a manifest \(\.json\), template tarball or OCI image/ },
  'OCI layout with a digest that walks out': {
    args: [...P, ...CFG, '--rootfs', 'bad-digest-layout'],
    code: 2,
    err: /bad digest 'sha256:\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd'/,
  },
  'template .tar.zst': {
    args: [...P, ...CFG, '--rootfs', 'good.tar.zst'],
    code: 0,
    out: /^== create: 17 added, 4 changed, 1 removed\n[\s\S]*\n17 added, 4 changed, 1 removed\n$/,
  },
  'OCI archive: image config mapped to the pct config': {
    args: [...P, ...CFG, '--rootfs', 'nginx.oci.tar', '--json'],
    code: 0,
    err: /^Auto-Enabling host-managed network for network device net0\.\nAuto-Enabling host-managed network for network device net1\.\n$/,
    out: /"importedConfig":"arch: amd64\\ncmode: console\\n[^"]*entrypoint: \/usr\/sbin\/nginx [^"]*lxc\.init\.uid: 65532[^"]*","ok":true,"summary":\{"added":\d+/,
  },
  'one section per hook': {
    args: [...P, ...CFG, '--rootfs', 'good.json', '--hook', 'create', '--hook', 'start'],
    code: 0,
    out: /^== create: [\s\S]*^== start: [\s\S]*\(after 2 hooks\)\n$/m,
  },
  'a hook that changes nothing': { args: [...P, ...CFG, '--rootfs', 'good.json', '--hook', 'create', '--hook', 'create'], code: 0, out: /^== create: no changes$/m },
};

let dir: string;
beforeAll(() => {
  dir = makeWorkspace();
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], stdin?: string, cmds: CommandEntry[] = commands) {
  const r = { code: -1, out: '', err: '' };
  r.code = await main(args, cmds, {
    cwd: dir,
    out: (t) => void (r.out += t),
    err: (t) => void (r.err += t),
    readStdin: async () => stdin ?? '',
  });
  return r;
}

describe('CLI catalogue', () => {
  it.each(Object.entries(CASES))('%s', async (_name, c) => {
    const before = [...listing(dir), ...listing(GENERATED_DIR)];
    const r = await run(c.args, c.stdin);
    expect(r.code, r.err).toBe(c.code);
    if (c.err) expect(r.err).toMatch(c.err);
    if (c.out) expect(r.out).toMatch(c.out);
    else if (c.code >= 2) expect(r.out).toBe('');
    for (const text of [r.out, r.err]) {
      expect(text).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m); // no stack trace
      expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/); // no raw control character
    }
    expect([...listing(dir), ...listing(GENERATED_DIR)]).toEqual(before);
  });

  it('lists each command with the name and summary its module gives', async () => {
    for (const c of commands) {
      const loaded = 'load' in c ? await c.load() : c;
      expect({ name: loaded.name, summary: loaded.summary }).toEqual({ name: c.name, summary: c.summary });
    }
  });

  it('has every command document the exit-code contract in --help', async () => {
    for (const c of commands) {
      const r = await run([c.name, '--help']);
      expect(r.code).toBe(0);
      expect(r.out, c.name).toMatch(/Exit status:\n  0 .*\n  1 .*\n  2 .*\n  3  internal error/);
    }
  });

  it('turns a crash into exit 3 with the version, and drops what stdout had', async () => {
    const boom: Command = {
      name: 'boom',
      summary: '',
      help: '',
      run: async (_a, io) => (io.out('partial\n'), null as never as number, Promise.reject(new TypeError('x is undefined'))),
    };
    const r = await run(['boom'], undefined, [boom]);
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^boom: internal error in pve-chainguard \d+\.\d+\.\d+: x is undefined\nThis is a bug\. Please report it/);
  });

  it('drops partial stdout on bad input', async () => {
    const bad: Command = { name: 'bad', summary: '', help: '', run: async (_a, io) => (io.out('partial\n'), Promise.reject(new InputError('f:3: key x'))) };
    const r = await run(['bad'], undefined, [bad]);
    expect(r).toEqual({ code: 2, out: '', err: 'bad: f:3: key x\n' });
  });

  it('resolves relative paths against the caller directory', async () => {
    const r = await run([...P, '--config', join('..', dir.split('/').pop()!, 'ct.conf'), '--rootfs', './good.json']);
    expect(r.code, r.err).toBe(0);
  });
});

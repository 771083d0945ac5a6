import { ConfigError, ContentUnavailable, parseHook, type Hook } from '@pve-chainguard/core';
import { escapeValue, InputError, toSafeJson } from '@pve-chainguard/testkit/input';
import { importOciConfig, runPreview } from '@pve-chainguard/testkit/preview';
import { resolveRootfs, withContent } from '@pve-chainguard/testkit/rootfs';
import type { Command } from '../Command.ts';
import { EXIT, EXIT_STATUS_HELP, UsageError } from '../exitCodes.ts';
import { parseOptions } from '../parseOptions.ts';
import { pveOption } from '../usageArgs.ts';
import { clockSeconds, configLineOf, hostResolvConf, readPassword, readTextFile } from './preview/inputs.ts';
import { jsonReport, renderText } from './preview/render.ts';

const HELP = `Usage: pve-chainguard preview --rootfs <template|image|fixture|manifest|directory>
                              --config <file> [--hook create|start|clone|restore]...
                              [--password <pw> | --password - | --password-file <file>]
                              [--ssh-keys <file>] [--time <epoch>] [--nameserver <ip>]
                              [--searchdomain <domain>] [--pve 8|9] [--json]

Shows what Proxmox with the Chainguard plugin would change in a container root filesystem:
files added, changed and removed, modes, owners and links, as a unified diff per hook and
a summary line ("N added, N changed, N removed", or "no changes"). Nothing on disk is
touched: the rootfs is read, never unpacked, and the setup runs in memory.

  --rootfs       a template tarball (.tar, .tar.gz, .tar.xz, .tar.zst), an OCI image
                 (OCI archive .tar or OCI layout directory), an unpacked directory, a
                 manifest (.json) or a fixture name (see fixtures/rootfs)
  --config       the container's pct config (/etc/pve/lxc/<vmid>.conf format)
  --hook         lifecycle events to run in order (default: create); repeatable
  --password     root password given at create ('-' reads it from standard input);
                 default none, the account is locked
  --password-file  read the root password from the file's first line
  --ssh-keys     a file of public keys for root's authorized_keys at create
  --time         the clock in epoch seconds (default: now)
  --nameserver / --searchdomain
                 the host's resolv.conf values Proxmox falls back to (default: none)
  --pve          the Proxmox VE release of the host: 9 (pve-container 6.1.x, default) or
                 8 (5.x: no host-managed NICs, no entrypoint/env keys, no nesting warning)
  --json         one JSON object: per hook the changed entries with before/after
                 metadata, the warnings and the error
Warnings and errors go to stderr; text from the input is shown escaped (\\x1b).
Colour only when stdout is a terminal and NO_COLOR is unset.

${EXIT_STATUS_HELP}`;

export const previewCommand: Command = {
  name: 'preview',
  summary: 'show, as a diff, what the plugin would change in a rootfs',
  help: HELP,
  async run(args, io) {
    const parsed = parseOptions(args, {
      single: ['rootfs', 'config', 'password', 'password-file', 'ssh-keys', 'time', 'nameserver', 'searchdomain', 'pve'],
      multi: ['hook'],
      flags: ['json'],
    });
    if ('error' in parsed) throw new UsageError(parsed.error);
    const o = parsed.options;
    if (!o.rootfs || !o.config) throw new UsageError('--rootfs and --config are required');
    const requested = parsed.multi.hook ?? [];
    const hooks: Hook[] = (requested.length ? requested : ['create']).map((h) => {
      try {
        return parseHook(h);
      } catch {
        throw new UsageError(`--hook '${escapeValue(h)}' is not one of create, start, clone, restore`);
      }
    });
    const pve = pveOption(o.pve);
    const now = clockSeconds(o.time);
    const resolv = hostResolvConf(o);
    const config = readTextFile(io.cwd, o.config, '--config');
    const sshKeys = o['ssh-keys'] === undefined ? undefined : readTextFile(io.cwd, o['ssh-keys'], '--ssh-keys').text;
    const password = await readPassword(o, io);
    const rootfs = await resolveRootfs(o.rootfs, io.cwd);

    let result;
    let report;
    let configText = config.text;
    let entries = rootfs.entries;
    try {
      if (rootfs.ociConfig) {
        const imported = await withContent(rootfs.store, () => importOciConfig(config.text, o.config!, rootfs.ociConfig!, rootfs.entries));
        for (const m of imported.messages) io.err(m);
        ({ text: configText, entries } = imported);
      }
      [result, report] = await withContent(rootfs.store, () => {
        const r = runPreview({ rootfs: entries, config: configText, hooks, now, password, sshKeys, hostResolvConf: resolv }, { pve });
        if (r.error?.hook === 'config') {
          const key = /'([^']+)'/.exec(r.error.message)?.[1];
          throw new InputError(`${configLineOf(o.config!, config.text, key)}: ${r.error.message.trimEnd()}`);
        }
        const source = { rootfs: rootfs.label, config: config.path, ...(rootfs.ociConfig ? { importedConfig: configText } : {}) };
        return [r, parsed.flags.json ? jsonReport(r, source) : renderText(r)] as const;
      });
    } catch (e) {
      if (e instanceof ConfigError) throw new InputError(`${configLineOf(o.config, config.text, e.key)}: ${e.message}`);
      if (e instanceof ContentUnavailable) throw new InputError(`--rootfs ${rootfs.label}: ${e.message}`);
      throw e;
    }
    if (!Array.isArray(report)) {
      io.out(`${toSafeJson(report)}\n`);
    } else {
      for (const w of result.warnings) io.err(`warning: ${w}`);
      if (result.stdout) io.err(result.stdout);
      for (const block of report) {
        io.out(`${block.header.join('\n')}\n`);
        if (block.diff) io.out(block.diff, 'diff');
      }
    }
    if (result.error) {
      io.err(`preview: setup failed in hook ${result.error.hook}: ${result.error.message.trimEnd()}\n`);
      if (!parsed.flags.json && result.sections.at(-1)?.partial) {
        io.err(`preview: the changes hook ${result.error.hook} made before it failed are not shown (--json has them)\n`);
      }
      return EXIT.finding;
    }
    return EXIT.ok;
  },
};

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, parseHook, parsePveRelease, runSession, unifiedTreeDiff, type Hook } from '@pve-chainguard/core';
import type { Command } from '@pve-chainguard/perlgen/cli';
import { resolveRootfs } from '../rootfs/resolveRootfs.ts';
import { parseOptions } from './parseOptions.ts';

const HELP = `Usage: pve-chainguard preview --rootfs <fixture|manifest|directory> --config <file>
                              [--hook create|start|clone|restore]... [--password <pw>]
                              [--ssh-keys <file>] [--time <epoch>] [--nameserver <ip>]
                              [--searchdomain <domain>] [--pve 8|9]

Shows what Proxmox with the Chainguard plugin would change in a container root filesystem:
files added, changed and removed, modes, owners and links, as a unified diff. Nothing on
disk is touched: the rootfs is read into memory and the setup runs there.

  --rootfs       a fixture name (see fixtures/rootfs), a manifest (.json) or a directory
  --config       the container's pct config (/etc/pve/lxc/<vmid>.conf format)
  --hook         lifecycle events to run in order (default: create); repeatable
  --password     root password given at create (default: none, the account is locked)
  --ssh-keys     a file of public keys for root's authorized_keys at create
  --time         the clock in epoch seconds (default: now)
  --nameserver / --searchdomain
                 the host's resolv.conf values Proxmox falls back to (default: none)
  --pve          the Proxmox VE release of the host: 9 (pve-container 6.1.x, default) or
                 8 (5.x: no host-managed NICs, no entrypoint/env keys, no nesting warning)
Warnings and errors go to stderr. Exit status 0, or 1 when the setup failed.
`;

export const previewCommand: Command = {
  name: 'preview',
  summary: 'show, as a diff, what the plugin would change in a rootfs',
  help: HELP,
  async run(args, io) {
    const parsed = parseOptions(args, {
      single: ['rootfs', 'config', 'password', 'ssh-keys', 'time', 'nameserver', 'searchdomain', 'pve'],
      multi: ['hook'],
    });
    if ('error' in parsed) {
      io.err(`preview: ${parsed.error}\n\n${HELP}`);
      return 2;
    }
    const o = parsed.options;
    if (!o.rootfs || !o.config) {
      io.err(`preview: --rootfs and --config are required\n\n${HELP}`);
      return 2;
    }
    let hooks: Hook[];
    let rootfs;
    let config: string;
    let sshKeys: string | undefined;
    try {
      hooks = (parsed.multi.hook.length ? parsed.multi.hook : ['create']).map(parseHook);
      rootfs = resolveRootfs(o.rootfs, io.cwd);
      config = readFileSync(resolve(io.cwd, o.config), 'utf8');
      sshKeys = o['ssh-keys'] === undefined ? undefined : readFileSync(resolve(io.cwd, o['ssh-keys']), 'utf8');
    } catch (e) {
      io.err(`preview: ${(e as Error).message}\n`);
      return 2;
    }
    const pve = parsePveRelease(o.pve ?? '9');
    if (pve === undefined) {
      io.err(`preview: --pve must be 8 or 9, got '${o.pve}'\n\n${HELP}`);
      return 2;
    }
    const now = o.time === undefined ? Math.floor(Date.now() / 1000) : Number(o.time);
    if (!Number.isSafeInteger(now) || now < 0) {
      io.err(`preview: --time '${o.time}' is not an epoch second count\n`);
      return 2;
    }
    let out;
    try {
      out = runSession(
        {
        rootfs: rootfs.entries,
        config,
        hooks,
        now,
        password: o.password,
        sshKeys,
        hostResolvConf: { ...(o.nameserver ? { dns1: o.nameserver } : {}), ...(o.searchdomain ? { search: o.searchdomain } : {}) },
        },
        { pve },
      );
    } catch (e) {
      if (e instanceof ConfigError) {
        io.err(`preview: ${o.config}: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
    if (out.error?.at === 'config') {
      io.err(`preview: ${o.config}: ${out.error.message}`);
      return 2;
    }
    for (const w of out.warnings) io.err(`warning: ${w}`);
    for (const w of out.log_warn) io.err(`warning: ${w}\n`);
    if (out.stdout) io.err(out.stdout);
    io.out(unifiedTreeDiff(rootfs.entries, out.tree));
    if (out.error) {
      io.err(`error (${typeof out.error.at === 'number' ? `hook ${hooks[out.error.at]}` : out.error.at}): ${out.error.message}`);
      return 1;
    }
    return 0;
  },
};

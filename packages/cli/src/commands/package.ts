import { relative, resolve } from 'node:path';
import { buildRelease, REPO_ROOT } from '@pve-chainguard/host-delivery';
import type { Command } from '../Command.ts';
import { usageArgs } from '../usageArgs.ts';
import { EXIT, exitStatusHelp } from '../exitCodes.ts';

const HELP = `Usage: pve-chainguard package [--out DIR]

Builds, reproducibly (fixed mtimes, sorted entries, root owner; same inputs give the same
bytes), the artefacts an administrator installs on a Proxmox VE host:

  pve-chainguard-support-<version>.tar.gz   install.sh, uninstall.sh, the plugin module,
                                            the edit engine, registry.json, README.md and
                                            SHA256SUMS in one top folder
  pve-chainguard-support_<version>_all.deb  the same under /usr/share/pve-chainguard-support,
                                            with triggers that re-apply the edits after every
                                            pve-container upgrade

The module is the committed generated/PVE/LXC/Setup/Chainguard.pm; the version is
packages/host-delivery/package.json's. Needs tar, gzip and dpkg-deb.

Options:
  --out DIR   write into DIR (default: dist/ in the repository)
  -h, --help  show this help

${exitStatusHelp('built', 'the build failed (the message says which step)')}`;

export const packageCommand: Command = {
  name: 'package',
  summary: 'build the release tarball and the .deb for Proxmox VE hosts',
  help: HELP,
  async run(args, io) {
    const parsed = usageArgs({ args, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (parsed.values.help) {
      io.out(HELP);
      return EXIT.ok;
    }
    const outDir = parsed.values.out ? resolve(io.cwd, parsed.values.out) : resolve(REPO_ROOT, 'dist');
    try {
      const built = buildRelease(outDir);
      for (const path of [built.tarball, built.deb]) io.out(`${relative(io.cwd, path) || path}\n`);
      return EXIT.ok;
    } catch (e) {
      // a failed step (tar, dpkg-deb, a write) is the finding; its message names the step
      io.err(`package: ${(e as Error).message}\n`);
      return EXIT.finding;
    }
  },
};

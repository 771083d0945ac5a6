import type { TestCase } from '../testdirs/cases.ts';
import { PATHS } from '../repo/layout.ts';

export const SUBJECTS = {
  plugin: 'setup: add Chainguard OS and Wolfi support',
  markers: 'setup: detect Wolfi-based images without a usable os-release ID',
  tests: 'test: add Chainguard and Wolfi setup tests',
} as const;

export const PLUGIN_BODY = `Chainguard OS and the community distribution Wolfi it is built from are
glibc based and packaged with apk. Their images come in two kinds: minimal
OCI images that run one application (often without a shell or an init), and
system images that boot systemd.

Add one plugin for both: os-release ID 'chainguard', with 'wolfi' as an
alias. It is a thin Base subclass:

- System containers (systemd is the init and the entrypoint, if one is set)
  get one systemd-networkd unit per container-managed NIC. The units are
  named 10-pve-<name>.network, because networkd applies the first matching
  file in lexical order and the images ship a catch-all 20-*.network that
  would otherwise win. A gateway outside the address's subnet gets an on-link
  route. Units written for NICs that were removed again are dropped.
- DNS goes to a systemd-resolved drop-in when resolved is installed, and to
  /etc/resolv.conf as in Base otherwise.
- container-getty, securetty and a systemd preset that enables networkd (and
  resolved and sshd when installed) are set up like in the other systemd
  based plugins.
- Application containers (no systemd init, e.g. an OCI image started with its
  entrypoint) only get hostname, hosts, DNS and root's credentials; no units
  are written that nothing would read.
- The architecture is also found without /bin/sh (distroless images), from
  busybox, the dynamic loader or /etc/apk/arch.

Also add 'chainguard' to the ostype enum so it can be set explicitly.`;

export const MARKERS_BODY = `Images assembled from Wolfi packages by other tooling may carry an
os-release without an ID, or with one we do not know, and then fail with
"unable to detect OS distribution". They can still be recognised by files
the base packages install: /etc/secfixes.d/wolfi or /etc/secfixes.d/chainguard,
or an apk signing key wolfi-signing.rsa.pub or chainguard-*.rsa.pub in
/etc/apk/keys. Check for these last, right before giving up.

This is kept separate from the plugin so it can be taken or left on its own.`;

export function testsBody(cases: readonly TestCase[], added: readonly string[]): string {
  const list = cases
    .map(
      (c, i) =>
        `- ${PATHS.testDir(i + 1)
          .split('/')
          .pop()}: ${c.about}`,
    )
    .join('\n');
  const paths = added.length ? `\n\nAdd the paths the plugin writes that were not compared yet to @testfiles:\n${added.map((p) => `  ${p}`).join('\n')}` : '';
  return `Cover the cases that differ between Chainguard/Wolfi images:\n\n${wrapList(list)}${paths}`;
}

export const COVER_SUBJECT = 'add Chainguard OS and Wolfi container support';

export const COVER_BLURB = `This series adds a setup plugin for Chainguard OS and Wolfi containers,
both the systemd-based system images and the minimal application (OCI) images.

Patch 1 adds the plugin and registers it; patch 2 adds fallback detection
for Wolfi-based images whose os-release does not name them and can be
dropped independently; patch 3 adds run_setup_tests.pl test directories.

The plugin is kept in sync with a model we test against recorded runs of
pve-container; the .exp files of patch 3 are what that model produces for
each test directory, and the module is formatted with the perltidy style
of this repository.`;

/** A commit message with the Signed-off-by trailer. */
export function message(subject: string, body: string, signoff: string): string {
  return `${subject}\n\n${body}\n\nSigned-off-by: ${signoff}\n`;
}

/** Wraps list items at 72 columns, continuation lines indented under the text. */
function wrapList(list: string): string {
  return list
    .split('\n')
    .map((item) => {
      const words = item.split(' ');
      const lines: string[] = [];
      let line = '';
      for (const w of words) {
        if (line && `${line} ${w}`.length > 72) {
          lines.push(line);
          line = `  ${w}`;
        } else line = line ? `${line} ${w}` : w;
      }
      lines.push(line);
      return lines.join('\n');
    })
    .join('\n');
}

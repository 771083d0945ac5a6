/**
 * The harness registry made from a model registry: Proxmox's own entries are left out,
 * ours are named by class; the Chainguard facts are those of the brief (ostype chainguard,
 * alias wolfi, markers /etc/secfixes.d/{wolfi,chainguard}, apk key names).
 */
import { describe, expect, it } from 'vitest';
import { chainguardRegistry, upstreamRegistry } from '@pve-chainguard/core';
import { harnessRegistry, perlPattern } from '../../src/differential/harnessRegistry.ts';

describe('harnessRegistry', () => {
  it("adds nothing for Proxmox's own registry", () => {
    expect(harnessRegistry(upstreamRegistry())).toBeUndefined();
  });

  it('registers Chainguard by class name with its alias, marker files and apk key pattern', () => {
    expect(harnessRegistry(chainguardRegistry())).toEqual({
      plugins: { chainguard: 'PVE::LXC::Setup::Chainguard' },
      aliases: { wolfi: 'chainguard' },
      fallbacks: [
        ['f', '/etc/secfixes.d/wolfi', 'chainguard'],
        ['f', '/etc/secfixes.d/chainguard', 'chainguard'],
        ['p', '/etc/apk/keys', 'chainguard', '^(?:wolfi-signing|chainguard-[A-Za-z0-9-]+)\\.rsa\\.pub\\z'],
      ],
    });
  });

  it('anchors a trailing $ with \\z, so Perl does not match before a final newline', () => {
    expect(perlPattern(/^a$/)).toBe('^a\\z');
    expect(perlPattern(/^a\$/)).toBe('^a\\$');
    expect(() => perlPattern(/a/i)).toThrow(/cannot translate/);
  });
});

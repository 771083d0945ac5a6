import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG, SETUP, engine, fakeRoot, layoutFile, overlong, read, releaseDir, tempDir, tidy } from './helpers.ts';

const release = releaseDir();
const work = tempDir('tidy');
const args = (root: string) => ['--registry', join(release, 'registry.json'), '--setup', join(root, SETUP), '--config', join(root, CONFIG)];
const apply = (root: string) => expect(engine(release, ['apply', ...args(root)]).status).toBe(0);
const remove = (root: string) => expect(engine(release, ['remove', ...args(root)]).status).toBe(0);

const block = (text: string) => text.match(/^.*# BEGIN pve-chainguard[^]*?# END pve-chainguard.*\n/m)?.[0] ?? '';

describe('the fallback block under perltidy', () => {
  it.each(['spaces-wrapped', 'long-enum', 'alias-sorted-later'])('%s: the patched Setup.pm is a perltidy fixed point', (layout) => {
    const root = fakeRoot(work, layout);
    expect(tidy(root, SETUP)).toBe(read(root, SETUP)); // the synthetic layout itself is tidy
    apply(root);
    const patched = read(root, SETUP);
    expect(block(patched)).not.toBe('');
    expect(block(tidy(root, SETUP))).toBe(block(patched));
    expect(tidy(root, SETUP)).toBe(patched);
    expect(overlong(patched)).toEqual([]);
  });

  it("tab layout: the block keeps the chain's own style (comments and `} elsif` at the chain's depth)", () => {
    const root = fakeRoot(work, 'tabs-aligned');
    apply(root);
    const b = block(read(root, SETUP));
    expect(b).toMatch(/^    # BEGIN pve-chainguard fallback markers .*\n    \} elsif \(-f /);
    expect(b).toContain('    } elsif (grep {\n\tm/^(?:wolfi-signing');
    expect(b).toMatch(/\n\treturn "chainguard";\n    # END pve-chainguard fallback markers\n$/);
  });

  it('an installed block in the previous layout is replaced by the tidy one, and removed again', () => {
    const root = fakeRoot(work, 'spaces-wrapped');
    apply(root);
    const current = read(root, SETUP);
    const previous = current
      .replace('        # BEGIN pve-chainguard', '    # BEGIN pve-chainguard')
      .replace('        # END pve-chainguard', '    # END pve-chainguard')
      .replace(
        /    \} elsif \(\n        grep \{\n            (m\/.*\/)\n                (&& -f .*)\n        \} (\(do .*\))\n    \) \{\n/,
        '    } elsif (grep {\n        $1\n            $2\n    } $3) {\n',
      );
    expect(previous).toContain('    } elsif (grep {\n        m/');
    writeFileSync(join(root, SETUP), previous);
    expect(engine(release, ['check', ...args(root)]).status).toBe(1);
    apply(root);
    expect(read(root, SETUP)).toBe(current);
    remove(root);
    expect(read(root, SETUP)).toBe(layoutFile('spaces-wrapped', 'Setup.pm'));
  });
});

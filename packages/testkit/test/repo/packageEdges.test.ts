/**
 * The workspace's package edges (README "Layout"): cli → testkit → (perlgen, upstream-series
 * → host-delivery) → core. A package imports another only through its entry or a subpath
 * its package.json exports, declares it as a dependency, and never reaches into another
 * package's files by a relative path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const PACKAGES = resolve(import.meta.dirname, '../../..');
const ALLOWED: Record<string, string[]> = {
  core: [],
  'host-delivery': ['core'],
  perlgen: ['core'],
  'upstream-series': ['core', 'host-delivery'],
  testkit: ['core', 'host-delivery', 'perlgen', 'upstream-series'],
  cli: ['core', 'host-delivery', 'perlgen', 'testkit', 'upstream-series'],
};
// perlgen's compiler tests reach core's runtime helpers; their restructuring is under way
const PENDING = new Set(['perlgen/test/front/handWritten.test.ts', 'perlgen/test/front/semantics.property.test.ts']);

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (d.name === 'node_modules' || d.name.startsWith('.')) continue;
    const path = join(dir, d.name);
    if (d.isDirectory()) out.push(...sources(path));
    else if (/\.(ts|mts|mjs)$/.test(d.name)) out.push(path);
  }
  return out;
}

const SPECIFIER = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function specifiers(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(SPECIFIER)].map((m) => m[1] ?? m[2]!);
}

describe('package edges', () => {
  it('knows every package of the workspace', () => {
    expect(readdirSync(PACKAGES).sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  for (const [name, allowed] of Object.entries(ALLOWED)) {
    it(`${name} imports only ${allowed.join(', ') || 'no other package'}, through their entries, and declares them`, () => {
      const root = join(PACKAGES, name);
      const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
      const declared = Object.keys(manifest.dependencies ?? {})
        .filter((d) => d.startsWith('@pve-chainguard/'))
        .map((d) => d.slice(16));
      const problems: string[] = [];
      for (const d of declared) if (!allowed.includes(d)) problems.push(`package.json depends on ${d}`);
      for (const file of sources(root)) {
        const rel = relative(PACKAGES, file);
        for (const spec of specifiers(file)) {
          if (spec.startsWith('.')) {
            const target = relative(root, resolve(dirname(file), spec));
            if (target.startsWith('..') && !PENDING.has(rel)) problems.push(`${rel}: '${spec}' reaches outside ${name}`);
            continue;
          }
          const m = /^@pve-chainguard\/([a-z-]+)/.exec(spec);
          if (!m || m[1] === name) continue;
          if (!allowed.includes(m[1]!)) problems.push(`${rel}: imports ${spec}`);
          else if (!declared.includes(m[1]!)) problems.push(`${rel}: imports ${spec}, not in package.json`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});

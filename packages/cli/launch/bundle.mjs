// Builds the CLI's bundle into packages/cli/.build/<stamp> (git-ignored): the workspace's TS sources
// compiled with esbuild into one CommonJS file, third-party packages left external (required
// from where pnpm installed them). Run by scripts/setup.sh, and by the
// launcher whenever the sources no longer match the bundle's stamp.
// Usage: node packages/cli/launch/bundle.mjs
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILD_DIR, bundleEntry, REPO_ROOT, sourceStamp } from './sourceStamp.mjs';

/**
 * Sources keep the meaning of import.meta.dirname/url they have when run from src/ (repo
 * paths, createRequire): each file's own location is written in as a literal.
 */
const keepFileLocations = {
  name: 'keep-file-locations',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8')
        .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(dirname(args.path)))
        .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(args.path))
        .replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(args.path).href));
      return { contents: text, loader: 'ts' };
    });
  },
};

/**
 * A third-party package stays outside the bundle, required by the absolute path it resolves
 * to (its CommonJS build where it has one, as `require` would pick).
 */
const externalByPath = {
  name: 'external-by-path',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData?.inner || args.path.startsWith('node:') || args.path.startsWith('@pve-chainguard/')) return undefined;
      const r = await build.resolve(args.path, { kind: 'require-call', resolveDir: args.resolveDir, pluginData: { inner: true } });
      if (r.errors.length > 0) return { errors: r.errors };
      if (r.external || !isAbsolute(r.path)) return { path: args.path, external: true };
      return { path: r.path, external: true };
    });
  },
};

/** The bundle built from sources with this stamp (content-addressed: a build is never changed). */
export function bundleDir(stamp) {
  return join(BUILD_DIR, stamp);
}

/**
 * Builds the bundle of the current sources into .build/<stamp>/ unless it is there, and
 * returns the stamp. The stamp is taken before esbuild reads anything, so an edit during
 * the build only makes the next launch build again. A build goes to a private directory
 * first and is renamed into place whole; a concurrent launcher sees all of it or nothing.
 */
export async function bundle() {
  const stamp = sourceStamp();
  const dir = bundleDir(stamp);
  if (existsSync(bundleEntry(stamp))) return stamp;
  const esbuild = createRequire(import.meta.url)('esbuild');
  const tmp = join(BUILD_DIR, `tmp-${process.pid}-${Date.now()}`);
  mkdirSync(tmp, { recursive: true });
  try {
    await esbuild.build({
      absWorkingDir: REPO_ROOT,
      entryPoints: { index: join(REPO_ROOT, 'packages/cli/src/index.ts') },
      outdir: tmp,
      outExtension: { '.js': '.cjs' },
      bundle: true,
      // CommonJS, so that the V8 code cache (codeCache.mjs) covers our code as well; a
      // command's modules are still initialised only when it runs
      format: 'cjs',
      banner: {
        js:
          '// Built by packages/cli/launch/bundle.mjs from packages/*/src; do not edit: the\n' +
          '// launcher builds it again whenever the sources change. SPDX-License-Identifier: AGPL-3.0-or-later\n' +
          '"use strict";',
      },
      platform: 'node',
      target: 'node20',
      sourcemap: 'linked',
      logLevel: 'silent',
      plugins: [externalByPath, keepFileLocations],
    });
    try {
      renameSync(tmp, dir);
    } catch (e) {
      // another launcher finished the same build first: use that one
      if (!existsSync(bundleEntry(stamp))) throw e;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  removeStale(stamp);
  return stamp;
}

/** Builds of older sources, an hour after they were made (a running CLI may still load their chunks). */
function removeStale(current) {
  const hourAgo = Date.now() - 3600_000;
  for (const name of readdirSync(BUILD_DIR)) {
    const path = join(BUILD_DIR, name);
    if (name === current) continue;
    try {
      if (statSync(path).mtimeMs < hourAgo) rmSync(path, { recursive: true, force: true });
    } catch {
      // removed meanwhile
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(`pve-chainguard: CLI bundle in ${bundleDir(await bundle())}`);
}

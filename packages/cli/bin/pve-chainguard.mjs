#!/usr/bin/env node
// The pve-chainguard CLI (packages/cli). It runs the bundle built from the current sources
// (packages/cli/.build/<stamp>, see launch/): starting prebuilt JS skips tsx's loader and
// transforms, a large part of a short command's time. Whatever was edited, checked out or
// installed changes the stamp, so a stale bundle is never run: the launcher builds a new one
// (esbuild, well under a second), or, when it cannot (read-only checkout, no esbuild) or
// PVE_CHAINGUARD_TSX=1 asks for it, runs the sources through tsx as before.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sourceStamp } from '../launch/sourceStamp.mjs';

const BUILD_DIR = join(import.meta.dirname, '../.build');

async function loadCli() {
  if (process.env.PVE_CHAINGUARD_TSX !== '1') {
    const stamp = sourceStamp();
    const entry = (s) => join(BUILD_DIR, s, 'index.js');
    const run = async (s) => {
      (await import('../launch/codeCache.mjs')).enableCodeCache(join(BUILD_DIR, s, 'code-cache'));
      return import(pathToFileURL(entry(s)).href);
    };
    if (existsSync(entry(stamp))) return run(stamp);
    try {
      const { bundle } = await import('../launch/bundle.mjs');
      const built = await bundle();
      if (built === stamp) return run(built);
    } catch (e) {
      if (process.env.PVE_CHAINGUARD_DEBUG) process.stderr.write(`pve-chainguard: no bundle (${e?.message ?? e}); running the sources through tsx\n`);
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/index.ts');
}

if (process.env.PVE_CHAINGUARD_DEBUG) process.setSourceMapsEnabled(true);
const { runCli } = await loadCli();
process.exitCode = await runCli(process.argv.slice(2));

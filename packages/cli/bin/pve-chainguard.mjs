#!/usr/bin/env node
// The pve-chainguard CLI (packages/cli). It runs the bundle built from the current sources
// (packages/cli/.build/<stamp>, see launch/): starting prebuilt JS with a V8 code cache skips
// tsx's loader and transforms and most of V8's compiling, a large part of a short command's
// time. Whatever was edited, checked out or installed changes the stamp, so a stale bundle
// is never run: the launcher builds a new one (esbuild, well under a second), or, when it
// cannot (read-only checkout, no esbuild) or PVE_CHAINGUARD_TSX=1 asks for it, runs the
// sources through tsx as before.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import { BUILD_DIR, bundleEntry, sourceStamp } from '../launch/sourceStamp.mjs';

// check and generate compile five small files and end: V8's optimizing compiler (TurboFan)
// costs them more than its code saves. Long runs (conform, preview, fuzz) keep it.
const SHORT = new Set(['check', 'generate']);

async function loadCli() {
  if (process.env.PVE_CHAINGUARD_TSX !== '1') {
    const stamp = sourceStamp();
    // cached code is only accepted under the flags it was made with: one cache per flag set
    const short = SHORT.has(process.argv[2] ?? '');
    if (short) v8.setFlagsFromString('--no-opt');
    const run = async (s) => {
      (await import('../launch/codeCache.mjs')).enableCodeCache(join(BUILD_DIR, s, short ? 'code-cache-no-opt' : 'code-cache'));
      return createRequire(import.meta.url)(bundleEntry(s));
    };
    if (existsSync(bundleEntry(stamp))) return run(stamp);
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

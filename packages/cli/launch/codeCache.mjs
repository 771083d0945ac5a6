// A V8 code cache for the CommonJS the CLI loads: its bundle and the third-party packages
// (ts-morph's bundled TypeScript alone is ~9 MB of JavaScript that V8 would otherwise compile
// on every start). Node 20 has no module.enableCompileCache (22 does); this does the same for
// CommonJS: such a file is compiled with the cached data when there is one, and the
// data is written at exit when there was none or V8 refused it (other V8 version or flags).
// The cache lives in the bundle's own directory, so it goes away with that bundle's stamp.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

export function enableCodeCache(cacheDir, dirs = ['/node_modules/', `${dirname(cacheDir)}/`]) {
  const compile = Module.prototype._compile;
  const fresh = [];
  Module.prototype._compile = function (content, filename) {
    if (!dirs.some((d) => filename.includes(d))) return compile.call(this, content, filename);
    // V8 checks version, flags and source length; path, size and mtime name the file's version
    const st = statSync(filename);
    const key = `${filename}\0${st.size}\0${st.mtimeMs}`;
    const file = join(cacheDir, `${createHash('sha1').update(key).digest('hex')}.bin`);
    let cachedData;
    try {
      cachedData = readFileSync(file);
    } catch {
      // not cached yet
    }
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) fresh.push({ file, script });
    const fn = script.runInThisContext({ displayErrors: true });
    const mod = this;
    const require = (id) => mod.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
    require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
    require.main = process.mainModule;
    require.extensions = Module._extensions;
    require.cache = Module._cache;
    return fn.call(mod.exports, mod.exports, require, mod, filename, dirname(filename));
  };
  process.once('exit', () => {
    if (fresh.length === 0) return;
    try {
      mkdirSync(cacheDir, { recursive: true });
      for (const { file, script } of fresh) {
        // after the run: the data then holds the functions that were compiled lazily too
        const tmp = `${file}.${process.pid}`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, file);
      }
    } catch {
      // a read-only checkout: no cache, the next start compiles again
    }
  });
}

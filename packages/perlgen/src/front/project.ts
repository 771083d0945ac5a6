/**
 * ts-morph, syntax only: one in-memory project per process, no lib files, no module
 * resolution, no type checker (types come from annotations, see types.ts).
 */
import type { SourceFile } from 'ts-morph';
import { Project, ts } from './tsMorph.ts';

let project: Project | undefined;

function shared(): Project {
  project ??= new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    skipFileDependencyResolution: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, noLib: true },
  });
  return project;
}

/** Parse `text` as the TS file `name` (replacing an earlier parse of the same name). */
export function parseSource(name: string, text: string): SourceFile {
  return shared().createSourceFile(`/src/${name.replace(/^\/+/, '')}`, text, { overwrite: true });
}

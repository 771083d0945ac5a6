/**
 * ts-morph's runtime values, loaded with require. An ESM `import` of this CommonJS package
 * makes Node scan it and the bundled TypeScript compiler (~9 MB) for export names first,
 * which cost `check` about 150 ms at every start. Types still come from `import type`.
 */
import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

const tsMorph = createRequire(import.meta.url)('ts-morph') as typeof TsMorph;

export const { Node, Project, SyntaxKind, ts } = tsMorph;
export type Node = TsMorph.Node;
export type Project = TsMorph.Project;

import type { Node } from 'ts-morph';

/** A compile error at a place in the TS source. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** Thrown by the lowering for a construct outside the subset; caught per statement. */
export class CompileError extends Error {
  constructor(
    readonly node: Node | undefined,
    message: string,
    /** A follow-on error of one already reported (a use of a name whose declaration failed). */
    readonly silent = false,
  ) {
    super(message);
  }
}

export function diagnosticAt(file: string, node: Node | undefined, message: string): Diagnostic {
  if (!node) return { file, line: 1, column: 1, message };
  const sf = node.getSourceFile();
  const { line, column } = sf.getLineAndColumnAtPos(node.getStart());
  return { file, line, column, message };
}

/** `path:line:column: message` — one line, the shape editors and CI logs understand. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}`;
}

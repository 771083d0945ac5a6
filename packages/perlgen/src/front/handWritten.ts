/**
 * Parts of the Base model whose Perl is written by hand (the harness's own
 * `PVE::LXC::Setup::CtHelpers` layer) because the subset cannot express them. A method,
 * function or constant says so with a JSDoc tag `@perlHandWritten <reason>`; the compiler
 * then neither checks nor emits it, and calls to such a method become `$self->name(...)`.
 * Only the Base model may carry the tag: a plugin is generated whole.
 */
import { Node } from './tsMorph.ts';

export const HAND_WRITTEN_TAG = 'perlHandWritten';

/** The reason given with the tag, or undefined when the node is compiled. */
export function handWrittenReason(node: Node): string | undefined {
  if (!Node.isJSDocable(node)) return undefined;
  for (const doc of node.getJsDocs()) {
    for (const tag of doc.getTags()) {
      if (tag.getTagName() === HAND_WRITTEN_TAG) return tag.getCommentText()?.trim() || 'no reason given';
    }
  }
  return undefined;
}

/** Whether the node is part of a tagged declaration (checked from the node upwards). */
export function insideHandWritten(node: Node): boolean {
  for (let n: Node | undefined = node; n; n = n.getParent()) {
    if (handWrittenReason(n) !== undefined) return true;
  }
  return false;
}

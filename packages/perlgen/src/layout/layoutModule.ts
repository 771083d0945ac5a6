/**
 * The layout pass between lowering and printing: the decisions perltidy's shape of the
 * module needs that do not depend on printed widths. Comment lines are wrapped to the
 * width of their depth, and a constructor's parts are joined with one blank line between
 * them. (Blank lines before blocks and list breaking depend on the printed text: the
 * printer applies blankLines.ts and listLayout.ts as it goes.)
 */
import type { LaidOutItem, LaidOutModule, PerlItem, PerlModule, PerlStmt } from '../ir/ast.ts';
import { wrapComment } from './comments.ts';
import { commentWidth } from './widths.ts';

/** The depth whose width a sub's body comments get: a named sub's body is at depth 1. */
const SUB_BODY_DEPTH = 1;
/**
 * Lexical helpers (`my $x = sub {...};`) and anonymous subs wrap their body's comments one
 * depth narrower than they print (at 90 columns at the top level). The first compiler
 * did so; kept while the output must stay byte-identical.
 */
const LEXICAL_BODY_DEPTH = 2;

export function layoutModule(mod: PerlModule): LaidOutModule {
  return { ...mod, items: mod.items.map(layoutItem) };
}

function layoutItem(item: PerlItem): LaidOutItem {
  const comments = wrapComment(item.comments, commentWidth(0));
  switch (item.k) {
    case 'sub':
      return { ...item, comments, body: layoutBlock(item.body, SUB_BODY_DEPTH) };
    case 'stmt':
      return { ...item, comments, stmt: layoutBlock([item.stmt], 0)[0]! };
    case 'constructor': {
      const { sections, ...rest } = item;
      const body = sections.flatMap((s, i) => (i === 0 ? s : [{ k: 'blank' } as PerlStmt, ...s]));
      return { ...rest, k: 'sub', name: 'new', comments, body: dropExtraBlanks(layoutBlock(body, SUB_BODY_DEPTH)) };
    }
  }
}

/** No blank line first, nor two in a row. */
function dropExtraBlanks(body: PerlStmt[]): PerlStmt[] {
  const out: PerlStmt[] = [];
  for (const s of body) {
    if (s.k === 'blank' && (out.length === 0 || out[out.length - 1]!.k === 'blank')) continue;
    out.push(s);
  }
  return out;
}

/** Statements at `depth`: their comments wrapped, nested blocks one deeper. */
function layoutBlock(stmts: PerlStmt[], depth: number): PerlStmt[] {
  return stmts.flatMap((s): PerlStmt[] => {
    switch (s.k) {
      case 'comment':
        if (s.side) return [s];
        return wrapComment([s.text], commentWidth(depth)).map((text) => ({ k: 'comment', text }));
      case 'if':
        return [
          {
            ...s,
            branches: s.branches.map((br) => ({ cond: withSubs(br.cond), body: layoutBlock(br.body, depth + 1) })),
            else: s.else && layoutBlock(s.else, depth + 1),
          },
        ];
      case 'foreach':
        return [{ ...s, list: withSubs(s.list), body: layoutBlock(s.body, depth + 1) }];
      case 'while':
        return [{ ...s, cond: withSubs(s.cond), body: layoutBlock(s.body, depth + 1) }];
      case 'eval':
        return [{ ...s, body: layoutBlock(s.body, depth + 1), handler: layoutBlock(s.handler, depth + 1) }];
      case 'lexsub':
        return [{ ...s, body: layoutBlock(s.body, depth + LEXICAL_BODY_DEPTH) }];
      default:
        return [withSubs(s)];
    }
  });
}

/** A copy of `x` with the bodies of the anonymous subs inside laid out. */
function withSubs<T>(x: T): T {
  if (Array.isArray(x)) return x.map(withSubs) as T;
  if (x === null || typeof x !== 'object') return x;
  const o = x as Record<string, unknown>;
  if (o.k === 'anonsub') return { ...o, body: layoutBlock(o.body as PerlStmt[], LEXICAL_BODY_DEPTH) } as T;
  return Object.fromEntries(Object.entries(o).map(([key, v]) => [key, withSubs(v)])) as T;
}

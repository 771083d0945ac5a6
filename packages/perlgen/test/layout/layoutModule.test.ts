import { describe, expect, it } from 'vitest';
import type { PerlModule, PerlStmt } from '../../src/ir/ast.ts';
import { layoutModule } from '../../src/layout/layoutModule.ts';
import { commentWidth } from '../../src/layout/widths.ts';

const words = (n: number): string => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
const call = (fn: string): PerlStmt => ({ k: 'expr', expr: { k: 'call', fn, args: [] } });
const comment = (text: string): PerlStmt => ({ k: 'comment', text });

function moduleOf(items: PerlModule['items']): PerlModule {
  return { header: [], packageName: 'PVE::LXC::Setup::Demo', uses: [], basePackage: 'PVE::LXC::Setup::Base', items };
}

function commentsOf(stmts: PerlStmt[]): string[] {
  return stmts.flatMap((s) => (s.k === 'comment' ? [s.text] : []));
}

describe('layout', () => {
  it('wraps comment lines to the width of their depth, keeping every word in order', () => {
    const long = words(40);
    const inner: PerlStmt = { k: 'if', branches: [{ cond: { k: 'var', sigil: '$', name: 'x' }, body: [comment(long), call('a')] }] };
    const [item] = layoutModule(moduleOf([{ k: 'sub', name: 'demo', comments: [long], params: ['self'], body: [comment(long), inner] }])).items;
    if (item?.k !== 'sub') throw new Error('expected a sub');
    const atDepth = (lines: string[], depth: number) => {
      expect(lines.length).toBeGreaterThan(1);
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(commentWidth(depth));
      expect(lines.join(' ')).toBe(long);
    };
    atDepth(item.comments, 0);
    atDepth(commentsOf(item.body), 1);
    const nested = item.body.find((s) => s.k === 'if');
    if (nested?.k !== 'if') throw new Error('expected an if');
    atDepth(commentsOf(nested.branches[0]!.body), 2);
  });

  it('leaves side comments as they are', () => {
    const side: PerlStmt = { k: 'comment', text: words(40), side: true };
    const [item] = layoutModule(moduleOf([{ k: 'sub', name: 'demo', comments: [], params: [], body: [call('a'), side] }])).items;
    expect(item?.k === 'sub' && item.body[1]).toEqual(side);
  });

  it("separates a constructor's parts by one blank line, never one first or two in a row", () => {
    const sections = [[], [call('hash')], [call('after'), { k: 'blank' } as PerlStmt, call('more')], [], [call('bless')]];
    const [item] = layoutModule(moduleOf([{ k: 'constructor', comments: [], params: ['class'], sections }])).items;
    expect(item?.k).toBe('sub');
    if (item?.k !== 'sub') return;
    expect(item.name).toBe('new');
    const shape = item.body.map((s) => (s.k === 'blank' ? '' : s.k === 'expr' && s.expr.k === 'call' ? s.expr.fn : s.k));
    expect(shape).toEqual(['hash', '', 'after', '', 'more', '', 'bless']);
  });
});

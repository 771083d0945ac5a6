/** The module's `use` lines, grouped like upstream's, and its prelude helper subs. */
import type { PerlItem, PerlStmt } from '../../ir/ast.ts';
import { PRELUDE } from '../mapping/prelude.ts';

/** Proxmox modules grouped like upstream's `use` lines: pve-common, then pve-container. */
const USE_GROUPS: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['PVE::INotify', 'PVE::Network', 'PVE::Tools']),
  new Set(['PVE::LXC', 'PVE::LXC::Config', 'PVE::LXC::Tools', 'PVE::LXC::Setup::Base', 'PVE::LXC::Setup::Plugin']),
];

export function preludeItems(names: Set<string>): PerlItem[] {
  return [...names].sort().map((name) => {
    const h = PRELUDE[name as keyof typeof PRELUDE];
    const body: PerlStmt[] = h.body.map((text) => ({ k: 'verbatim', text }));
    return { k: 'stmt', comments: [h.comment], stmt: { k: 'lexsub', name, params: [...h.params], body } };
  });
}

export function groupUses(uses: Set<string>): string[][] {
  const groups = USE_GROUPS.map((g) => [...uses].filter((u) => g.has(u)).sort());
  const other = [...uses].filter((u) => !USE_GROUPS.some((g) => g.has(u))).sort();
  return [other, ...groups].filter((g) => g.length > 0);
}

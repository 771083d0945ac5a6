import type { VectorStep } from './vector.ts';

/** The lifecycle events a container goes through, as `pct` runs them. */
export type Hook = 'create' | 'start' | 'clone' | 'restore';

export const HOOKS: readonly Hook[] = ['create', 'start', 'clone', 'restore'];

/** The dispatcher call Proxmox makes for each event (restore runs only template_fixup). */
export function hookStep(hook: Hook, password?: string, sshKeys?: string): VectorStep {
  switch (hook) {
    case 'create':
      return { call: 'post_create_hook', args: [password ?? null, sshKeys ?? null] };
    case 'start':
      return { call: 'pre_start_hook', args: [] };
    case 'clone':
      return { call: 'post_clone_hook', args: [] };
    case 'restore':
      return { call: 'template_fixup', args: [] };
  }
}

export function parseHook(value: string): Hook {
  if ((HOOKS as readonly string[]).includes(value)) return value as Hook;
  throw new Error(`invalid hook '${value}': expected one of ${HOOKS.join(', ')}`);
}

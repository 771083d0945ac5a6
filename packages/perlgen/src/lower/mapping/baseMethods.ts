/**
 * Base helper rows: `this.camelCase(...)` → `$self->snake_case(...)` for every sub of
 * Base.pm the model mirrors. The list and the signatures are the facts of
 * facts/proxmoxSubs.ts (one list); this is the view by TS name.
 */
import { BASE_PM, type BaseSubSignature } from '../../facts/proxmoxSubs.ts';

/** `ct_file_exists` → `ctFileExists`: the TS name of a mirrored sub. */
function camelCase(perlName: string): string {
  return perlName.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export const BASE_METHODS: Readonly<Record<string, BaseSubSignature>> = Object.fromEntries(
  Object.entries(BASE_PM).flatMap(([perl, sig]) => (sig ? [[camelCase(perl), sig]] : [])),
);

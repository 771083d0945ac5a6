/**
 * The `features` property string (PVE::LXC::Config->parse_features).
 */
import { PveCheckFailure, type FormatContext } from './formats.ts';
import { perlTrue } from './perlText.ts';
import { parsePropertyString } from './propertyString.ts';
import { FEATURES_SCHEMA } from './schema.ts';
import { ConfigError } from './types.ts';

/**
 * Parsed `features`. Flags are "1"/"0" strings as in PVE's hash — beware that "0" is truthy
 * in TypeScript but false in Perl: test with `=== '1'`.
 */
export interface PctFeatures {
  nesting?: '1' | '0';
  keyctl?: '1' | '0';
  fuse?: '1' | '0';
  mknod?: '1' | '0';
  force_rw_sys?: '1' | '0';
  /** `fstype;fstype;...` */
  mount?: string;
}

const NO_ZONES: FormatContext = { zones: new Set() };

/**
 * Parses `features` like PVE: `{}` for undefined, "" or "0"; otherwise every element must
 * be a known `key=value` (booleans accept 1/0/on/off/yes/no/true/false). Throws
 * ConfigError('features', value, reason); in proxmox mode `reason` is PVE's exact die text,
 * in strict mode (the default) empty elements (stray commas) are refused as well.
 */
export function parseFeatures(value: string | undefined, opts: { mode?: 'strict' | 'proxmox' } = {}): PctFeatures {
  if (value === undefined || !perlTrue(value)) return {};
  const strict = (opts.mode ?? 'strict') === 'strict';
  if (strict && value.split(',').some((part) => part.trim() === '')) {
    throw new ConfigError('features', value, "empty element (stray ',')");
  }
  try {
    return parsePropertyString(FEATURES_SCHEMA, value, NO_ZONES) as PctFeatures;
  } catch (err) {
    if (err instanceof PveCheckFailure) {
      throw new ConfigError('features', value, strict ? err.message : err.perlMessage);
    }
    throw err;
  }
}

import { perlNumify } from './perlText.ts';
import { PCT_DEFAULTS } from './schema.ts';
import type { PctConf } from './types.ts';

/** PVE `get_tty_count`: the configured `tty` (as Perl would read it as a number), else 2. */
export function getTtyCount(conf: PctConf): number {
  return conf.tty === undefined ? PCT_DEFAULTS.tty : perlNumify(conf.tty);
}

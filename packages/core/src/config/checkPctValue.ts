/**
 * Checking one top-level `key: value` of a pct config, in two strengths:
 * - `pveCheckType`: what PVE::LXC::Config->check_type does when a config file is read
 *   (type and named format only: no enum, range, pattern or length checks);
 * - `strictCheckValue`: that, plus the full schema (enum, range, pattern, length) and our
 *   own checks on values the model interprets.
 */
import { PveCheckFailure, type FormatContext, isDnsName } from './formats.ts';
import { parseFeatures } from './parseFeatures.ts';
import { parseLxcNetwork } from './parseLxcNetwork.ts';
import { perlIntOfDigits, parsePveBoolean, splitList } from './perlText.ts';
import { checkFormat, checkPropValue } from './propertyString.ts';
import { pctKeySchema } from './schema.ts';
import { ConfigError } from './types.ts';

const fail = (message: string): never => {
  throw new PveCheckFailure(message);
};

/**
 * PVE's `check_type` for a config-file value: returns the normalised value (booleans
 * "1"/"0", integers as Perl's `int`), or throws PveCheckFailure with PVE's die text.
 */
export function pveCheckType(key: string, value: string, ctx: FormatContext): string {
  const schema = pctKeySchema(key, ctx.release);
  if (schema === undefined) return fail(`unknown setting '${key}'\n`);
  if (/[\n\r]/.test(value)) return fail('property contains a line feed\n');
  switch (schema.type) {
    case 'boolean':
      return parsePveBoolean(value) ?? fail(`type check ('boolean') failed - got '${value}'\n`);
    case 'integer':
      return /^\d+$/.test(value) ? perlIntOfDigits(value) : fail(`type check ('integer') failed - got '${value}'\n`);
    case 'number':
      return /^\d+(?:\.\d+)?$/.test(value) ? value : fail(`type check ('number') failed - got '${value}'\n`);
    case 'string':
      if (schema.format !== undefined) checkFormat(schema.format, value, ctx);
      return value;
  }
}

/** DNS allows at most 63 octets per label and 253 characters per name. */
function dnsLengthProblem(name: string): string | undefined {
  const long = name.split('.').find((label) => label.length > 63);
  if (long !== undefined) return `label '${long}' is longer than 63 characters`;
  if (name.length > 253) return 'name is longer than 253 characters';
  return undefined;
}

/**
 * Strict check of one top-level value: throws ConfigError naming key and value, else
 * returns the normalised value. `netN` and `features` go through their strict parsers.
 */
export function strictCheckValue(key: string, value: string, ctx: FormatContext): string {
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value) && key !== 'env') {
    throw new ConfigError(key, value, 'control characters are not allowed');
  }
  // NICs first: their strict parser names the offending `k=v` element.
  if (/^net\d+$/.test(key) && pctKeySchema(key, ctx.release) !== undefined) {
    parseLxcNetwork(value, { key, release: ctx.release });
  }
  let normalised: string;
  try {
    normalised = pveCheckType(key, value, ctx);
  } catch (err) {
    if (err instanceof PveCheckFailure) throw new ConfigError(key, value, err.message);
    throw err;
  }
  const schema = pctKeySchema(key, ctx.release);
  const problem = schema === undefined ? undefined : checkPropValue(normalised, schema, ctx);
  if (problem !== undefined) throw new ConfigError(key, value, problem);

  if (key === 'hostname') {
    const tooLong = dnsLengthProblem(value);
    if (tooLong !== undefined) throw new ConfigError(key, value, tooLong);
  } else if (key === 'searchdomain') {
    for (const domain of splitList(value)) {
      const tooLong = isDnsName(domain) ? dnsLengthProblem(domain) : undefined;
      if (tooLong !== undefined) throw new ConfigError(key, value, `'${domain}': ${tooLong}`);
    }
  } else if (key === 'features') {
    parseFeatures(value);
  }
  return normalised;
}

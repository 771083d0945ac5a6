/**
 * PVE property strings (`key=value,key=value`) and single-value schema checks, with the
 * semantics and messages of PVE::JSONSchema's `parse_property_string` / `check_prop`.
 */
import { checkNamedFormat, PveCheckFailure, type FormatContext, type FormatName } from './formats.ts';
import { isPveInteger, isPveNumber, parsePveBoolean, PERL_SPACE, perlMatchesWhole, perlTrue } from './perlText.ts';

/** One property of a JSON schema, reduced to what pct config keys use. */
export interface PropSchema {
  readonly type: 'string' | 'boolean' | 'integer' | 'number';
  readonly optional?: boolean;
  /** The key a bare value (without `key=`) belongs to. */
  readonly defaultKey?: boolean;
  /** A named format, or a nested property-string schema. */
  readonly format?: FormatName | PropertyStringSchema;
  /** Matched against the whole value (`^(?:...)$`). */
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly maxLength?: number;
}

export type PropertyStringSchema = Readonly<Record<string, PropSchema>>;

/**
 * `check_prop` for one defined scalar value: type, format, pattern, length, range, enum.
 * Returns PVE's error text for that property (no trailing newline), or undefined if valid.
 */
export function checkPropValue(value: string, schema: PropSchema, ctx: FormatContext): string | undefined {
  const typeOk =
    schema.type === 'string' ||
    (schema.type === 'boolean' && (value === '1' || value === '0')) ||
    (schema.type === 'integer' && isPveInteger(value)) ||
    (schema.type === 'number' && isPveNumber(value));
  if (!typeOk) return `type check ('${schema.type}') failed - got '${value}'`;

  if (schema.format !== undefined) {
    try {
      checkFormat(schema.format, value, ctx);
    } catch (err) {
      if (err instanceof PveCheckFailure) return `invalid format - ${err.perlMessage}`;
      throw err;
    }
  }
  if (schema.pattern !== undefined && !perlMatchesWhole(new RegExp(`^(?:${schema.pattern})$`), value)) {
    return 'value does not match the regex pattern';
  }
  if (schema.maxLength !== undefined && value.length > schema.maxLength) {
    return `value may only be ${schema.maxLength} characters long`;
  }
  if (isPveNumber(value)) {
    if (schema.maximum !== undefined && Number(value) > schema.maximum) {
      return `value must have a maximum value of ${schema.maximum}`;
    }
    if (schema.minimum !== undefined && Number(value) < schema.minimum) {
      return `value must have a minimum value of ${schema.minimum}`;
    }
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) {
    return `value '${value}' does not have a value in the enumeration '${schema.enum.join(', ')}'`;
  }
  return undefined;
}

/** `check_format`: a named format, or a nested property string. Throws PveCheckFailure. */
export function checkFormat(format: FormatName | PropertyStringSchema, value: string, ctx: FormatContext): void {
  if (typeof format === 'string') checkNamedFormat(format, value, ctx);
  else parsePropertyString(format, value, ctx);
}

const BLANK_RE = new RegExp(`^${PERL_SPACE}*$`);
// Perl's `^([^=]+)=(.+)$`: `.` stops at a newline, `$` may sit before a final newline.
const KEY_VALUE_RE = /^([^=]+)=([^\n]+)\n?$/;

/**
 * `parse_property_string` (no aliases, no extra properties): returns the key→value map
 * with booleans normalised to "1"/"0" where recognisable. On any error throws a
 * PveCheckFailure whose text is PVE's: a structural die (duplicate key, ...) or
 * "format error\n" followed by one "key: message\n" line per invalid property.
 * PVE lists those lines in Perl hash order (random); we sort them by key.
 */
export function parsePropertyString(schema: PropertyStringSchema, data: string, ctx: FormatContext): Record<string, string> {
  const res: Record<string, string> = {};
  let defaultKey: string | undefined;
  for (const rawPart of data.split(',')) {
    let part = rawPart;
    if (BLANK_RE.test(part)) continue;
    const kv = KEY_VALUE_RE.exec(part);
    if (kv) {
      const key = kv[1] ?? '';
      let value = kv[2] ?? '';
      if (res[key] !== undefined) throw new PveCheckFailure(`duplicate key in comma-separated list property: ${key}\n`);
      // PVE means to die on an unknown key here, but its alias lookup autovivifies the
      // missing schema entry, so the key is kept and reported by the object check below.
      const prop = Object.hasOwn(schema, key) ? schema[key] : undefined;
      if (prop?.type === 'boolean') value = parsePveBoolean(value) ?? value;
      res[key] = value;
    } else if (!part.includes('=')) {
      if (defaultKey !== undefined) {
        throw new PveCheckFailure(`duplicate key in comma-separated list property: ${defaultKey}\n`);
      }
      defaultKey = Object.keys(schema).find((key) => schema[key]?.defaultKey);
      if (defaultKey === undefined) {
        throw new PveCheckFailure('value without key, but schema does not define a default key\n');
      }
      // PVE tests the default key's current value for Perl truth, not definedness.
      if (perlTrue(res[defaultKey])) {
        throw new PveCheckFailure(`duplicate key in comma-separated list property: ${defaultKey}\n`);
      }
      if (schema[defaultKey]?.type === 'boolean') part = parsePveBoolean(part) ?? part;
      res[defaultKey] = part;
    } else {
      throw new PveCheckFailure('missing key in comma-separated list property\n');
    }
  }

  const errors = checkObject(schema, res, ctx);
  if (errors.length > 0) {
    throw new PveCheckFailure(`format error\n${errors.map(([key, msg]) => `${key}: ${msg}\n`).join('')}`);
  }
  return res;
}

/** `check_object` without additional properties: [key, message] pairs sorted by key. */
function checkObject(schema: PropertyStringSchema, values: Readonly<Record<string, string>>, ctx: FormatContext): Array<[string, string]> {
  const errors: Array<[string, string]> = [];
  for (const key of new Set([...Object.keys(schema), ...Object.keys(values)])) {
    const prop = Object.hasOwn(schema, key) ? schema[key] : undefined;
    const value = values[key];
    if (prop === undefined) {
      errors.push([key, 'property is not defined in schema and the schema does not allow additional properties']);
    } else if (value === undefined) {
      if (!prop.optional) errors.push([key, 'property is missing and it is not optional']);
    } else {
      const message = checkPropValue(value, prop, ctx);
      if (message !== undefined) errors.push([key, message]);
    }
  }
  return errors.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

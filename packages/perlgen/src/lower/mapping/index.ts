/** Every row of the mapping table, for README coverage. */
import { ARRAY_METHODS } from './arrays.ts';
import { GLOBAL_CALLS } from './globals.ts';
import { IMPORTED_FUNCTIONS } from './imports.ts';
import { BINARY_OPERATORS } from './operators.ts';
import { PRELUDE } from './prelude.ts';
import { PROPERTIES } from './properties.ts';
import { REGEX_METHODS } from './regexMethods.ts';
import type { Row } from '../../front/subset.ts';
import { RECEIVER_METHODS } from './sorting.ts';
import { STATEMENT_CALLS } from './statements.ts';
import { STRING_METHODS } from './strings.ts';

export function allRows(): Array<[string, Row]> {
  return [
    ...Object.entries(BINARY_OPERATORS),
    ...Object.entries(STRING_METHODS),
    ...Object.entries(ARRAY_METHODS),
    ...Object.entries(RECEIVER_METHODS),
    ...Object.entries(REGEX_METHODS),
    ...Object.entries(PROPERTIES),
    ...Object.entries(GLOBAL_CALLS),
    ...Object.entries(IMPORTED_FUNCTIONS),
    ...Object.entries(STATEMENT_CALLS),
    ...Object.entries(PRELUDE).map(([k, v]): [string, Row] => [k, { ts: '(prelude helper)', perl: v.comment }]),
  ];
}

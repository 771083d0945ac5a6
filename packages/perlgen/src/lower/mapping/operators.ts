/** Operator rows: TS binary operators, accepted (with their Perl spelling) or refused. */
import type { Row } from '../../front/subset.ts';

// Binary operators. `types` names the operand kinds a row accepts (after the checks in
// lower/expr/operators.ts for undefined, which become `defined`).

export interface BinaryRow extends Row {
  /** Perl operator by operand kind. */
  str?: string;
  num?: string;
  bool?: string;
  /** Result type. */
  result: 'same' | 'bool';
}

export const BINARY_OPERATORS: Readonly<Record<string, BinaryRow>> = {
  '+': { ts: 'a + b', perl: '$a . $b (strings) / $a + $b (numbers)', str: '.', num: '+', result: 'same' },
  '-': { ts: 'a - b', perl: '$a - $b (numbers)', num: '-', result: 'same' },
  '*': { ts: 'a * b', perl: '$a * $b (numbers)', num: '*', result: 'same' },
  '===': { ts: 'a === b', perl: '$a eq $b / $a == $b / !defined($a)', str: 'eq', num: '==', result: 'bool' },
  '!==': { ts: 'a !== b', perl: '$a ne $b / $a != $b / defined($a)', str: 'ne', num: '!=', result: 'bool' },
  '<': { ts: 'a < b', perl: '$a lt $b / $a < $b', str: 'lt', num: '<', result: 'bool' },
  '>': { ts: 'a > b', perl: '$a gt $b / $a > $b', str: 'gt', num: '>', result: 'bool' },
  '<=': { ts: 'a <= b', perl: '$a le $b / $a <= $b', str: 'le', num: '<=', result: 'bool' },
  '>=': { ts: 'a >= b', perl: '$a ge $b / $a >= $b', str: 'ge', num: '>=', result: 'bool' },
  '&&': { ts: 'a && b (booleans)', perl: '$a && $b', bool: '&&', result: 'bool' },
  '&': { ts: 'n & MASK (a literal mask below 2^31)', perl: '$n & MASK', num: '&', result: 'same' },
  '||': { ts: 'a || b (booleans)', perl: '$a || $b', bool: '||', result: 'bool' },
};

/** Operators refused with the reason a faithful translation does not exist. */
export const REFUSED_OPERATORS: Readonly<Record<string, string>> = {
  '==': 'loose equality (==) coerces types; use ===',
  '!=': 'loose inequality (!=) coerces types; use !==',
  '/': 'division gives fractions whose printed form differs between JS and Perl; use Math.trunc(a / b)',
  '%': "remainder: JS keeps the dividend's sign, Perl the divisor's",
  '**': 'exponentiation: float results print differently in Perl',
  '|': 'bitwise operators are outside the subset',
  '^': 'bitwise operators are outside the subset',
  '<<': 'bitwise operators are outside the subset',
  '>>': 'bitwise operators are outside the subset',
  '>>>': 'bitwise operators are outside the subset',
  in: "'in' also sees Object.prototype in JS; use Object.hasOwn(h, k)",
  instanceof: 'instanceof has no Perl counterpart in the subset',
  ',': 'the comma operator is outside the subset',
};

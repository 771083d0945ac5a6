/**
 * THE mapping table: which TS operator, method, function or Base helper becomes which Perl.
 * Each row documents both sides and lowers one construct; adding a construct is adding a
 * row (and a test). Syntax-level constructs (statements, literals) are listed in
 * SYNTAX_ROWS and lowered in lowerStmt.ts / lowerExpr.ts.
 */
import type { CallExpression, Expression } from 'ts-morph';
import { Node, SyntaxKind } from './tsMorph.ts';
import { num, str, type PerlExpr } from '../perl/ast.ts';
import { literalRegex, translateReplacement, type TranslatedRegex } from '../perl/regex.ts';
import { listOf, scalarOf, type LExpr } from './context.ts';
import { arr, BOOL, describe, hash, isOptional, NUM, opt, STR, strip, VOID, type PT } from './types.ts';

/** What a row may ask of the lowering. */
export interface ExprCx {
  lower(node: Node): LExpr;
  /** `(x, y) => expr` with its parameters bound to the given Perl values (`$_`, `$1`...). */
  callback(node: Node, bindings: Array<{ type: PT; perl: PerlExpr }>): LExpr;
  /** A regex literal argument, translated; undefined when `node` is not one. */
  regexLiteral(node: Node, allowedFlags: string): TranslatedRegex | undefined;
  fail(node: Node, reason: string): never;
  use(module: string): void;
  /** An arrow function with a block body as a Perl `sub { my (...) = @_; ... }`. */
  anonymousSub(node: Node, bindings: PT[]): PerlExpr;
  /** Ask for a helper sub of the generated module's prelude (see PRELUDE). */
  prelude(name: keyof typeof PRELUDE): string;
}

/**
 * Helpers emitted into a generated module only when used, for TS operations whose Perl
 * spelling needs a statement. Each is a lexical `my sub`, like upstream's private helpers.
 */
export const PRELUDE = {
  split_fields: {
    comment: "String.split of the TS model: fields between separators; '' gives one empty field.",
    params: ['separator', 'text'],
    body: [
      "return ('') if $text eq '';",
      'return split($separator, $text, -1);',
    ],
  },
} as const;

export interface Row {
  /** The TS form, for README and error messages. */
  ts: string;
  /** The Perl it becomes. */
  perl: string;
}

export interface CallRow extends Row {
  lower(cx: ExprCx, call: CallExpression, args: Expression[], recv: LExpr | undefined): LExpr;
}

const scalar = (p: PerlExpr, t: PT): LExpr => ({ p, t, form: 'scalar' });
const dollar = (name: string): PerlExpr => ({ k: 'var', sigil: '$', name });
const topic = (t: PT) => [{ type: t, perl: dollar('_') }];
const list = (p: PerlExpr, t: PT): LExpr => ({ p, t, form: 'list' });

/** JS whitespace on byte strings (`trim`, `\s`). */
const JS_SPACE_CLASS = '[\\t\\n\\x0B\\f\\r \\xA0]';

function expectArgs(cx: ExprCx, call: Node, args: Expression[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    cx.fail(call, `expected ${min === max ? min : `${min}–${max}`} argument(s), got ${args.length}`);
  }
}

function expectType(cx: ExprCx, node: Node, e: LExpr, ...kinds: PT['k'][]): LExpr {
  if (!kinds.includes(e.t.k)) {
    cx.fail(node, `expected ${kinds.map((k) => describe({ k } as PT)).join(' or ')} here, found ${describe(e.t)}`);
  }
  return e;
}

function stringArg(cx: ExprCx, node: Expression): LExpr {
  return expectType(cx, node, cx.lower(node), 'str');
}

// ---------------------------------------------------------------------------------------
// Binary operators. `types` names the operand kinds a row accepts (after the checks in
// lowerExpr.ts for undefined, which become `defined`).

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

// ---------------------------------------------------------------------------------------
// String methods (receiver: string).

function replaceRow(global: boolean): CallRow {
  return {
    ts: global ? "s.replaceAll('lit' | /re/g, 'repl')" : "s.replace(/re/ | 'lit', 'repl' | (m, p1) => expr)",
    perl: global ? '$s =~ s/re/repl/gr' : '$s =~ s/re/repl/r',
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 2);
      const [pattern, replacement] = args as [Expression, Expression];
      let regex = cx.regexLiteral(pattern, 'gis');
      if (regex && global && !regex.flags.includes('g')) cx.fail(pattern, 'replaceAll needs a g regex');
      if (!regex) {
        if (!Node.isStringLiteral(pattern)) return cx.fail(pattern, 'the pattern must be a regex literal or a string literal');
        regex = { source: literalRegex(pattern.getLiteralValue()), flags: global ? 'g' : '', groups: 0 };
      }
      let repl: string | PerlExpr;
      if (Node.isStringLiteral(replacement) || Node.isNoSubstitutionTemplateLiteral(replacement)) {
        repl = translateReplacement(replacement.getLiteralValue(), regex.groups);
      } else if (Node.isArrowFunction(replacement)) {
        if (replacement.getDescendantsOfKind(SyntaxKind.RegularExpressionLiteral).length > 0) {
          cx.fail(replacement, 'a regex inside a replacement callback would overwrite $1...');
        }
        const groups = Array.from({ length: regex.groups }, (_, i) => ({ type: opt(STR), perl: dollar(String(i + 1)) }));
        repl = scalarOf(expectType(cx, replacement, cx.callback(replacement, [{ type: STR, perl: dollar('&') }, ...groups]), 'str'));
      } else {
        return cx.fail(
          replacement,
          "the replacement must be a literal or an arrow function (JS scans a computed string for '$' patterns)",
        );
      }
      return scalar({ k: 'subst', target: recv!.p, regex: { source: regex.source, flags: regex.flags }, replacement: repl }, STR);
    },
  };
}

export const STRING_METHODS: Readonly<Record<string, CallRow>> = {
  includes: {
    ts: 's.includes(x)',
    perl: 'index($s, $x) >= 0',
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 1);
      const needle = stringArg(cx, args[0]!);
      return scalar({ k: 'binop', op: '>=', left: { k: 'call', fn: 'index', args: [recv!.p, needle.p] }, right: num(0) }, BOOL);
    },
  },
  startsWith: {
    ts: 's.startsWith(x)',
    perl: "$s =~ /^lit/ (literal) or index($s, $x) == 0",
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 1);
      const needle = stringArg(cx, args[0]!);
      if (needle.p.k === 'str') {
        return scalar({ k: 'match', target: recv!.p, negate: false, regex: { source: `^${literalRegex(needle.p.value)}`, flags: '' } }, BOOL);
      }
      return scalar({ k: 'binop', op: '==', left: { k: 'call', fn: 'index', args: [recv!.p, needle.p] }, right: num(0) }, BOOL);
    },
  },
  endsWith: {
    ts: "s.endsWith('lit')",
    perl: '$s =~ /lit\\z/',
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 1);
      const needle = stringArg(cx, args[0]!);
      if (needle.p.k !== 'str') return cx.fail(args[0]!, 'endsWith needs a string literal');
      return scalar({ k: 'match', target: recv!.p, negate: false, regex: { source: `${literalRegex(needle.p.value)}\\z`, flags: '' } }, BOOL);
    },
  },
  indexOf: {
    ts: 's.indexOf(x)',
    perl: 'index($s, $x)',
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 1);
      return scalar({ k: 'call', fn: 'index', args: [recv!.p, stringArg(cx, args[0]!).p] }, NUM);
    },
  },
  lastIndexOf: {
    ts: 's.lastIndexOf(x)',
    perl: 'rindex($s, $x)',
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 1);
      return scalar({ k: 'call', fn: 'rindex', args: [recv!.p, stringArg(cx, args[0]!).p] }, NUM);
    },
  },
  repeat: {
    ts: 's.repeat(n)',
    perl: '$s x $n',
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 1);
      const n = expectType(cx, args[0]!, cx.lower(args[0]!), 'num');
      if (n.p.k === 'unop' && n.p.op === '-') cx.fail(args[0]!, 'a negative count throws in JS');
      return scalar({ k: 'binop', op: 'x', left: recv!.p, right: n.p }, STR);
    },
  },
  trim: {
    ts: 's.trim()',
    perl: `$s =~ s/^${JS_SPACE_CLASS}+|${JS_SPACE_CLASS}+\\z//gr`,
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 0);
      const source = `^${JS_SPACE_CLASS}+|${JS_SPACE_CLASS}+\\z`;
      return scalar({ k: 'subst', target: recv!.p, regex: { source, flags: 'g' }, replacement: '' }, STR);
    },
  },
  trimEnd: {
    ts: 's.trimEnd()',
    perl: `$s =~ s/${JS_SPACE_CLASS}+\\z//r`,
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 0);
      return scalar({ k: 'subst', target: recv!.p, regex: { source: `${JS_SPACE_CLASS}+\\z`, flags: '' }, replacement: '' }, STR);
    },
  },
  trimStart: {
    ts: 's.trimStart()',
    perl: `$s =~ s/^${JS_SPACE_CLASS}+//r`,
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 0);
      return scalar({ k: 'subst', target: recv!.p, regex: { source: `^${JS_SPACE_CLASS}+`, flags: '' }, replacement: '' }, STR);
    },
  },
  replace: replaceRow(false),
  replaceAll: replaceRow(true),
  split: {
    ts: "s.split('sep') (a non-empty literal)",
    perl: "split_fields(qr/sep/, $s) (split(qr/sep/, $s, -1), and ('') for '')",
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 1);
      const sep = args[0]!;
      if (!Node.isStringLiteral(sep) || sep.getLiteralValue() === '') {
        return cx.fail(sep, 'split needs a non-empty string literal separator (regex separators: perlSplit)');
      }
      const helper = cx.prelude('split_fields');
      const re: PerlExpr = { k: 'qr', regex: { source: literalRegex(sep.getLiteralValue()), flags: '' } };
      return list({ k: 'codecall', code: dollar(helper), args: [re, recv!.p] }, arr(STR));
    },
  },
};

export const REFUSED_STRING_METHODS: Readonly<Record<string, string>> = {
  toLowerCase: 'case mapping: JS also maps non-ASCII letters, Perl on bytes does not',
  toUpperCase: 'case mapping: JS also maps non-ASCII letters, Perl on bytes does not',
  slice: 'slice: out-of-range and negative offsets differ from substr',
  substring: 'substring swaps and clamps its arguments, substr does not',
  substr: 'substr is deprecated in JS and differs from Perl on negative lengths',
  charAt: 'charAt is outside the subset',
  match: 'use re.exec(s), which maps to a list-context match',
  padStart: 'padStart is outside the subset',
  padEnd: 'padEnd is outside the subset',
  localeCompare: 'locale-aware comparison has no Perl equivalent here',
};

// ---------------------------------------------------------------------------------------
// Opaque objects: the fields a plugin may read, as Perl method calls.

export const OBJECT_FIELDS: Readonly<Record<string, Readonly<Record<string, { perl: string; type: PT }>>>> = {
  /** `ct_stat` returns a File::stat object. */
  Stat: {
    mode: { perl: 'mode', type: NUM },
    uid: { perl: 'uid', type: NUM },
    gid: { perl: 'gid', type: NUM },
    size: { perl: 'size', type: NUM },
  },
};

// ---------------------------------------------------------------------------------------
// Array methods (receiver: array).

function elementType(recv: LExpr): PT {
  const t = strip(recv.t);
  if (t.k === 'arr') return t.el;
  if (t.k === 'tuple') return t.els[0] ?? STR;
  return STR;
}

export const ARRAY_METHODS: Readonly<Record<string, CallRow>> = {
  join: {
    ts: 'a.join(sep)',
    perl: 'join($sep, @$a)',
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 1);
      const el = strip(elementType(recv!));
      if (isOptional(elementType(recv!)) || (el.k !== 'str' && el.k !== 'num')) {
        cx.fail(call, `join of ${describe(recv!.t)}: JS prints undefined as '' and booleans as words`);
      }
      return scalar({ k: 'call', fn: 'join', args: [stringArg(cx, args[0]!).p, listOf(recv!)] }, STR);
    },
  },
  map: {
    ts: 'a.map((x) => expr)',
    perl: 'map { expr($_) } @$a',
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 1);
      const body = cx.callback(args[0]!, topic(elementType(recv!)));
      return list({ k: 'blockcall', fn: 'map', block: scalarOf(body), list: listOf(recv!) }, arr(body.t));
    },
  },
  filter: {
    ts: 'a.filter((x) => cond)',
    perl: 'grep { cond($_) } @$a',
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 1);
      const body = expectType(cx, args[0]!, cx.callback(args[0]!, topic(elementType(recv!))), 'bool');
      return list({ k: 'blockcall', fn: 'grep', block: body.p, list: listOf(recv!) }, arr(elementType(recv!)));
    },
  },
  some: {
    ts: 'a.some((x) => cond)',
    perl: 'grep { cond($_) } @$a (count, in boolean context)',
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 1);
      const body = expectType(cx, args[0]!, cx.callback(args[0]!, topic(elementType(recv!))), 'bool');
      return scalar({ k: 'blockcall', fn: 'grep', block: body.p, list: listOf(recv!) }, BOOL);
    },
  },
  every: {
    ts: 'a.every((x) => cond)',
    perl: '!grep { !cond($_) } @$a',
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 1);
      const body = expectType(cx, args[0]!, cx.callback(args[0]!, topic(elementType(recv!))), 'bool');
      const none = { k: 'blockcall', fn: 'grep', block: { k: 'unop', op: '!', operand: body.p }, list: listOf(recv!) } as const;
      return scalar({ k: 'unop', op: '!', operand: none }, BOOL);
    },
  },
  includes: {
    ts: 'a.includes(x)',
    perl: 'grep { $_ eq $x } @$a',
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 1);
      const el = elementType(recv!);
      const needle = cx.lower(args[0]!);
      if (isOptional(el) || isOptional(needle.t) || strip(needle.t).k !== strip(el).k) {
        cx.fail(call, `includes needs a ${describe(el)} without undefined`);
      }
      const op = strip(el).k === 'num' ? '==' : 'eq';
      if (strip(el).k !== 'num' && strip(el).k !== 'str') cx.fail(call, `includes on ${describe(recv!.t)}`);
      const test: PerlExpr = { k: 'binop', op, left: { k: 'var', sigil: '$', name: '_' }, right: needle.p };
      return scalar({ k: 'blockcall', fn: 'grep', block: test, list: listOf(recv!) }, BOOL);
    },
  },
  push: {
    ts: 'a.push(x, ...)',
    perl: 'push @$a, $x, ...',
    lower(cx, call, args, recv) {
      if (args.length === 0) cx.fail(call, 'push needs an item');
      if (recv!.form === 'list' && !(recv!.p.k === 'var' && recv!.p.sigil === '@')) cx.fail(call, 'push onto a temporary list');
      const target = recv!.p.k === 'var' && recv!.p.sigil === '@' ? recv!.p : ({ k: 'deref', sigil: '@', ref: recv!.p } as const);
      const items = args.map((a) => scalarOf(cx.lower(a)));
      return scalar({ k: 'call', fn: 'push', args: [target, ...items], bare: true }, NUM);
    },
  },
  at: {
    ts: 'a.at(i)',
    perl: '$a->[$i] (negative i counts from the end in both)',
    lower(cx, call, args, recv) {
      expectArgs(cx, call, args, 1);
      const i = expectType(cx, args[0]!, cx.lower(args[0]!), 'num');
      const base = scalarOf(recv!);
      return scalar({ k: 'elem', base, key: i.p, brackets: '[]', arrow: true }, opt(elementType(recv!)));
    },
  },
};

export const REFUSED_ARRAY_METHODS: Readonly<Record<string, string>> = {
  forEach: 'use for (const x of a)',
  indexOf: 'indexOf on arrays has no core Perl builtin; use includes or a loop',
  slice: 'slice is outside the subset; use [...a] for a copy',
  concat: 'use spread: [...a, ...b]',
  splice: 'splice is outside the subset',
  find: 'find is outside the subset; use filter(...)[0] via a loop',
  reduce: 'reduce is outside the subset',
  shift: 'shift mutates; use a loop',
  pop: 'pop mutates; use a loop',
};

// ---------------------------------------------------------------------------------------
// Global functions.

export const GLOBAL_CALLS: Readonly<Record<string, CallRow>> = {
  'Object.hasOwn': {
    ts: 'Object.hasOwn(h, k)',
    perl: 'exists $h->{$k}',
    lower(cx, call, args) {
      expectArgs(cx, call, args, 2);
      const h = cx.lower(args[0]!);
      if (strip(h.t).k !== 'hash') cx.fail(args[0]!, `expected a hash, found ${describe(h.t)}`);
      const key = stringArg(cx, args[1]!);
      return scalar({ k: 'named', op: 'exists', operand: { k: 'elem', base: h.p, key: key.p, brackets: '{}', arrow: true } }, BOOL);
    },
  },
  'Math.trunc': {
    ts: 'Math.trunc(x)',
    perl: 'int($x) (integer division: Math.trunc(a / b) → int($a / $b))',
    lower(cx, call, args) {
      expectArgs(cx, call, args, 1);
      const a = args[0]!;
      let inner: PerlExpr;
      if (Node.isBinaryExpression(a) && a.getOperatorToken().getText() === '/') {
        const left = expectType(cx, a, cx.lower(a.getLeft()), 'num');
        const right = expectType(cx, a, cx.lower(a.getRight()), 'num');
        inner = { k: 'binop', op: '/', left: left.p, right: right.p };
      } else {
        inner = expectType(cx, a, cx.lower(a), 'num').p;
      }
      return scalar({ k: 'named', op: 'int', operand: inner }, NUM);
    },
  },
  String: {
    ts: 'String(n)',
    perl: '$n (Perl stringifies integers as JS does)',
    lower(cx, call, args) {
      expectArgs(cx, call, args, 1);
      const e = expectType(cx, args[0]!, cx.lower(args[0]!), 'num', 'str');
      return scalar(e.p, STR);
    },
  },
};

export const REFUSED_GLOBALS: Readonly<Record<string, string>> = {
  Number: "Number('') is 0 and Number('1x') is NaN in JS; Perl's numification differs",
  parseInt: "parseInt('abc') is NaN in JS, 0 in Perl",
  parseFloat: 'floats print differently in Perl',
  'Math.floor': 'Math.floor differs from int() for negative numbers; use Math.trunc',
  'Math.round': 'Math.round has no core Perl equivalent',
  'Math.max': 'Math.max needs List::Util; compare explicitly',
  'Math.min': 'Math.min needs List::Util; compare explicitly',
  'Object.values': 'hash order is random in Perl; iterate Object.keys(h).sort()',
  'Object.entries': 'hash order is random in Perl; iterate Object.keys(h).sort()',
  'Object.assign': 'use object spread: { ...a, ...b }',
  'JSON.stringify': 'JSON is outside the subset',
  'Array.isArray': 'runtime type tests are outside the subset',
};

// ---------------------------------------------------------------------------------------
// Functions imported from core (`../pve/*.ts`, `../util/*.ts`, `../runtime/*.ts`).

export interface ImportRow extends CallRow {
  /** Module specifier suffix, e.g. `pve/lxc.ts`. */
  from: string;
  /** No side effects and a result that depends only on the arguments (loop bounds). */
  pure?: boolean;
}

/** A call of a Proxmox function; `list` results stand for TS arrays/tuples. */
function proxmoxFunction(
  from: string,
  ts: string,
  perlName: string,
  module: string,
  params: Array<PT['k']>,
  returns: PT,
  returnsList = false,
): ImportRow {
  const classMethod = perlName.includes('->');
  return {
    from,
    ts,
    perl: `${perlName}(...)`,
    lower(cx, call, args) {
      expectArgs(cx, call, args, params.length);
      cx.use(module);
      const perlArgs = args.map((a, i) => {
        const e = cx.lower(a);
        const want = params[i]!;
        if (strip(e.t).k !== want) cx.fail(a, `expected ${describe({ k: want } as PT)} here, found ${describe(e.t)}`);
        return scalarOf(e);
      });
      const p: PerlExpr = classMethod
        ? { k: 'method', invocant: perlName.split('->')[0]!, name: perlName.split('->')[1]!, args: perlArgs }
        : { k: 'call', fn: perlName, args: perlArgs };
      return returnsList ? list(p, returns) : scalar(p, returns);
    },
    pure: true,
  };
}

export const IMPORTED_FUNCTIONS: Readonly<Record<string, ImportRow>> = {
  parseLxcNetwork: proxmoxFunction(
    'pve/lxc.ts',
    'parseLxcNetwork(s)',
    'PVE::LXC::Config->parse_lxc_network',
    'PVE::LXC::Config',
    ['str'],
    hash(opt(STR)),
  ),
  getTtyCount: proxmoxFunction('pve/lxc.ts', 'getTtyCount(conf)', 'PVE::LXC::Config->get_tty_count', 'PVE::LXC::Config', ['hash'], NUM),
  parseFeatures: proxmoxFunction(
    'pve/lxc.ts',
    'parseFeatures(s)',
    'PVE::LXC::Config->parse_features',
    'PVE::LXC::Config',
    ['str'],
    hash(opt(STR)),
  ),
  getPrimaryIps: proxmoxFunction(
    'pve/lxc.ts',
    'getPrimaryIps(conf)',
    'PVE::LXC::get_primary_ips',
    'PVE::LXC',
    ['hash'],
    { k: 'tuple', els: [opt(STR), opt(STR)] },
    true,
  ),
  detectElfArchitecture: proxmoxFunction(
    'pve/tools.ts',
    'detectElfArchitecture(path)',
    'PVE::LXC::Tools::detect_elf_architecture',
    'PVE::LXC::Tools',
    ['str'],
    STR,
  ),
  splitList: proxmoxFunction('util/splitList.ts', 'splitList(s)', 'PVE::Tools::split_list', 'PVE::Tools', ['str'], arr(STR), true),
  isIpInCidr: proxmoxFunction(
    'util/ipInCidr.ts',
    'isIpInCidr(ip, cidr, version)',
    'PVE::Network::is_ip_in_cidr',
    'PVE::Network',
    ['str', 'str', 'num'],
    BOOL,
  ),
  removePveSections: proxmoxFunction(
    'base/CtHelpers.ts',
    'removePveSections(data)',
    'PVE::LXC::Setup::Base::remove_pve_sections',
    '',
    ['str'],
    STR,
  ),
  absPath: {
    from: 'pve/perl.ts',
    ts: 'absPath(path)',
    perl: 'abs_path($path) (use Cwd qw(abs_path);)',
    lower(cx, call, args) {
      expectArgs(cx, call, args, 1);
      cx.use('Cwd qw(abs_path)');
      return scalar({ k: 'call', fn: 'abs_path', args: [stringArg(cx, args[0]!).p] }, opt(STR));
    },
  },
  configHashKeys: {
    from: 'pve/perl.ts',
    ts: 'configHashKeys(conf)',
    perl: 'keys %$conf (Perl\'s own hash order, which the model replays)',
    lower(cx, call, args) {
      expectArgs(cx, call, args, 1);
      const h = cx.lower(args[0]!);
      if (strip(h.t).k !== 'hash' || isOptional(h.t)) cx.fail(args[0]!, `configHashKeys of ${describe(h.t)}`);
      return list({ k: 'named', op: 'keys', operand: { k: 'deref', sigil: '%', ref: scalarOf(h) } }, arr(STR));
    },
  },
  pid: {
    from: 'pve/perl.ts',
    ts: 'pid()',
    perl: '$$',
    lower(cx, call, args) {
      expectArgs(cx, call, args, 0);
      return scalar({ k: 'var', sigil: '$', name: '$' }, STR);
    },
  },
  time: {
    from: 'pve/perl.ts',
    ts: 'time()',
    perl: 'time()',
    lower(cx, call, args) {
      expectArgs(cx, call, args, 0);
      return scalar({ k: 'call', fn: 'time', args: [] }, NUM);
    },
  },
  dirGlobForeach: {
    from: 'pve/tools.ts',
    ts: 'dirGlobForeach(dir, /re/, (name, ...captures) => { ... })',
    perl: 'PVE::Tools::dir_glob_foreach($dir, qr/re/, sub { my ($name, ...) = @_; ... })',
    lower(cx, call, args) {
      expectArgs(cx, call, args, 3);
      cx.use('PVE::Tools');
      const dir = stringArg(cx, args[0]!);
      const re = cx.regexLiteral(args[1]!, 'is');
      if (!re) return cx.fail(args[1]!, 'dirGlobForeach needs a regex literal');
      const fn = args[2]!;
      if (!Node.isArrowFunction(fn)) return cx.fail(fn, 'dirGlobForeach needs an arrow function');
      if (fn.getParameters().length > re.groups + 1) cx.fail(fn, `the regex has ${re.groups} capture group(s)`);
      const sub = cx.anonymousSub(fn, Array.from({ length: re.groups + 1 }, () => STR));
      const regex: PerlExpr = re.varName ? dollar(re.varName) : { k: 'qr', regex: re };
      return scalar({ k: 'call', fn: 'PVE::Tools::dir_glob_foreach', args: [dir.p, regex, sub] }, VOID);
    },
  },
  perlTrue: {
    from: 'runtime/perlText.ts',
    ts: 'perlTrue(x)',
    perl: '$x (in boolean context: undef, "" and "0" are false)',
    lower(cx, call, args) {
      expectArgs(cx, call, args, 1);
      const e = cx.lower(args[0]!);
      const k = strip(e.t).k;
      if (k !== 'str' && k !== 'num' && k !== 'bool' && e.t.k !== 'undef') {
        cx.fail(args[0]!, `perlTrue of ${describe(e.t)}`);
      }
      return scalar(e.p, BOOL);
    },
  },
  chomp: {
    from: 'runtime/perlText.ts',
    ts: 'chomp(s)',
    perl: '$s =~ s/\\n\\z//r',
    lower(cx, call, args) {
      expectArgs(cx, call, args, 1);
      const s = stringArg(cx, args[0]!);
      return scalar({ k: 'subst', target: s.p, regex: { source: '\\n\\z', flags: '' }, replacement: '' }, STR);
    },
  },
  perlSplit: {
    from: 'runtime/perlText.ts',
    ts: 'perlSplit(s, /re/)',
    perl: 'split(/re/, $s)',
    lower(cx, call, args) {
      expectArgs(cx, call, args, 2);
      const s = stringArg(cx, args[0]!);
      const re = cx.regexLiteral(args[1]!, 'is');
      if (!re) return cx.fail(args[1]!, 'perlSplit needs a regex literal');
      if (re.groups > 0) cx.fail(args[1]!, 'a split regex with captures returns the captures too');
      const split: PerlExpr = { k: 'call', fn: 'split', args: [{ k: 'match', target: undefined, negate: false, regex: re }, s.p] };
      return list(split, arr(STR));
    },
  },
};

/** Module specifiers a plugin may import from (relative to packages/core/src). */
export const KNOWN_MODULES: ReadonlySet<string> = new Set([
  'base/Base.ts',
  'base/Plugin.ts',
  'base/CtHelpers.ts',
  'config/types.ts',
  'osrelease/types.ts',
  'pve/lxc.ts',
  'pve/tools.ts',
  'runtime/PerlDie.ts',
  'runtime/perlText.ts',
  'pve/perl.ts',
  'util/splitList.ts',
  'util/ipInCidr.ts',
]);

// ---------------------------------------------------------------------------------------
// Base helpers: signatures of the model's mirrors of Base.pm subs. The Perl name is the
// snake_case of the TS name and must be in facts/proxmoxSubs.ts (a test checks both ways).

export type ParamKind = 'scalar' | 'rest' | 'options';

export interface BaseMethodRow {
  params: ParamKind[];
  returns: PT;
  /** Returns a Perl list (TS tuple). */
  list?: boolean;
}

const S: ParamKind = 'scalar';
const HOST = { params: [S], returns: VOID };

export const BASE_METHODS: Readonly<Record<string, BaseMethodRow>> = {
  lookupDnsConf: { params: [S], returns: { k: 'tuple', els: [opt(STR), opt(STR)] }, list: true },
  updateEtcHosts: { params: [S, S, S, S], returns: VOID },
  snakeoilFixup: HOST,
  templateFixup: HOST,
  setDns: HOST,
  setHostname: HOST,
  setupNetwork: HOST,
  setupInit: HOST,
  devttydir: { params: [S], returns: STR },
  fixupOldGetty: { params: [], returns: VOID },
  setupContainerGettyService: HOST,
  setupSystemdNetworkd: HOST,
  setupSystemdPreset: { params: [S], returns: VOID },
  setupSystemdDisableStaticUnits: { params: [S], returns: VOID },
  setupSecuretty: { params: [S, 'rest'], returns: VOID },
  setUserPassword: { params: [S, S, S], returns: VOID },
  setUserAuthorizedSshKeys: { params: [S, S, S], returns: VOID },
  setTimezone: HOST,
  clearMachineId: { params: [S, S], returns: VOID },
  getSystemdVersion: { params: [S], returns: opt(NUM) },
  unifiedCgroupv2Support: { params: [S], returns: BOOL },
  getCtInitPath: { params: [], returns: opt(STR) },
  checkSystemdNesting: { params: [S, S], returns: opt(STR) },
  sshHostKeyTypesToGenerate: { params: [], returns: opt(hash(opt(STR))) },
  detectArchitecture: { params: [], returns: opt(STR) },
  preStartHook: HOST,
  postCloneHook: HOST,
  postCreateHook: { params: [S, S, S], returns: VOID },
  ctIsFileIgnored: { params: [S], returns: BOOL },
  ctResetOwnership: { params: ['rest'], returns: VOID },
  ctMkdir: { params: [S, S], returns: BOOL },
  ctUnlink: { params: ['rest'], returns: VOID },
  ctRename: { params: [S, S], returns: BOOL },
  ctMakePath: { params: ['rest'], returns: VOID },
  ctSymlink: { params: [S, S], returns: BOOL },
  ctReadlink: { params: [S], returns: opt(STR) },
  ctReadlinkRecursive: { params: [S], returns: opt(STR) },
  ctStat: { params: [S], returns: opt({ k: 'obj', name: 'Stat' }) },
  ctFileExists: { params: [S], returns: BOOL },
  ctIsDirectory: { params: [S], returns: BOOL },
  ctIsSymlink: { params: [S], returns: BOOL },
  ctIsExecutable: { params: [S], returns: BOOL },
  ctFileReadFirstline: { params: [S], returns: opt(STR) },
  ctFileGetContents: { params: [S], returns: STR },
  ctFileSetContents: { params: [S, S, S], returns: VOID },
  ctModifyFile: { params: [S, S, 'options'], returns: VOID },
  removeLxcNameFromEtcHosts: { params: [], returns: VOID },
};

/** Every row, for README coverage. */
export function allRows(): Array<[string, Row]> {
  return [
    ...Object.entries(BINARY_OPERATORS),
    ...Object.entries(STRING_METHODS),
    ...Object.entries(ARRAY_METHODS),
    ...Object.entries(GLOBAL_CALLS),
    ...Object.entries(IMPORTED_FUNCTIONS),
    ...Object.entries(PRELUDE).map(([k, v]): [string, Row] => [k, { ts: '(prelude helper)', perl: v.comment }]),
  ];
}

export { str };

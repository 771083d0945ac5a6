/**
 * Perl expressions → text (`flat`) and → Prettier docs (`exprDoc`) whose only break points
 * are argument lists and literals that perltidy would also lay out one item per line.
 * Parentheses come from Perl's precedence table, so the tree never needs explicit parens.
 */
import { builders as b, printer } from 'prettier/doc';

import type { HashEntry, PerlExpr, PerlRegex, PerlStmt } from './ast.ts';
import { perlTokens, perltidyListLayout, sublistBreaks, type ListItem, type ListLayout } from './listLayout.ts';
import { escapeDoubleQuoted, isBareKey, quoteString } from './strings.ts';

type Doc = b.Doc;

export const MAX_WIDTH = 100;
export const INDENT = 4;

/** Perl precedence, tighter binds higher (perlop). */
const PREC = {
  term: 100,
  postinc: 90,
  unary: 80,
  bind: 75,
  mul: 70,
  add: 65,
  named: 55,
  rel: 50,
  eq: 45,
  bitand: 40,
  and: 35,
  or: 30,
  range: 25,
  ternary: 20,
  assign: 10,
  listop: 5,
} as const;

const BINOP_PREC: Record<string, number> = {
  '*': PREC.mul,
  '/': PREC.mul,
  x: PREC.mul,
  '+': PREC.add,
  '-': PREC.add,
  '.': PREC.add,
  '<': PREC.rel,
  '>': PREC.rel,
  '<=': PREC.rel,
  '>=': PREC.rel,
  lt: PREC.rel,
  gt: PREC.rel,
  le: PREC.rel,
  ge: PREC.rel,
  '==': PREC.eq,
  '!=': PREC.eq,
  eq: PREC.eq,
  ne: PREC.eq,
  '&': PREC.bitand,
  '<=>': PREC.eq,
  '&&': PREC.and,
  '||': PREC.or,
  '//': PREC.or,
};
const NON_ASSOCIATIVE: ReadonlySet<number> = new Set([PREC.rel, PREC.eq]);
/** `a || (b || c)` means `a || b || c`: no parentheses needed on the right. */
const ASSOCIATIVE: ReadonlySet<string> = new Set(['&&', '||', '.']);

export function precedence(e: PerlExpr): number {
  switch (e.k) {
    case 'binop':
      return BINOP_PREC[e.op] ?? PREC.term;
    case 'unop':
      return PREC.unary;
    case 'postinc':
      return PREC.postinc;
    case 'match':
    case 'subst':
      return PREC.bind;
    case 'ternary':
      return PREC.ternary;
    case 'range':
      return PREC.range;
    case 'assign':
      return PREC.assign;
    case 'blockcall':
      return PREC.listop;
    case 'call':
      return e.bare ? PREC.listop : PREC.term;
    case 'named':
      return e.op === 'keys' || e.op === 'exists' ? PREC.named : PREC.term;
    default:
      return PREC.term;
  }
}

/** `e` as an operand that must bind at least as tightly as `min`. */
function operand(e: PerlExpr, min: number, indent: number, nested = false): Doc {
  const d = exprDoc(e, indent, nested);
  return precedence(e) < min ? ['(', d, ')'] : d;
}

export function regexText(re: PerlRegex): string {
  return re.varName ? `$${re.varName}` : `/${re.source}/${re.flags}`;
}

/** Prints an anonymous sub's body (set by printModule.ts, which owns statements). */
let bodyPrinter: ((params: string[], body: PerlStmt[], level: number) => string[]) | undefined;
export function setBodyPrinter(fn: typeof bodyPrinter): void {
  bodyPrinter = fn;
}

/** A scalar that can sit inside a double-quoted string as `$x`, `$h->{k}`, `$m[0]`. */
export function interpolatable(e: PerlExpr): boolean {
  if (e.k === 'var') return e.sigil === '$';
  if (e.k === 'elem') {
    const simpleKey = e.key.k === 'str' ? isBareKey(e.key.value) : e.key.k === 'num' || (e.key.k === 'var' && e.key.sigil === '$');
    return simpleKey && (e.base.k === 'var' || interpolatable(e.base));
  }
  return false;
}

function interpText(parts: Array<string | PerlExpr>, extra = ''): string {
  let out = '';
  parts.forEach((part, idx) => {
    if (typeof part === 'string') {
      out += escapeDoubleQuoted(part, extra);
      return;
    }
    const text = flat(part);
    const next = parts[idx + 1];
    const follow = typeof next === 'string' ? next : '';
    // `$name.network` is fine; `$name[`, `$name{`, `$name::`, `$name->` and `$nameX` are not.
    const ambiguous = /^(?:[A-Za-z0-9_[{]|::|->)/.test(follow);
    if (ambiguous && part.k === 'var') out += `\${${part.name}}`;
    else out += text;
  });
  return `"${out}"`;
}

/** A replacement expression as `s///` text (a double-quoted string without its quotes). */
function replacementText(e: PerlExpr): string | undefined {
  if (e.k === 'var' && e.sigil === '$') return `$${e.name}`;
  if (e.k === 'str') return escapeDoubleQuoted(e.value, '/');
  if (e.k === 'interp') return interpText(e.parts, '/').slice(1, -1);
  return undefined;
}

function hashKey(key: PerlExpr): string {
  if (key.k === 'str' && isBareKey(key.value)) return key.value;
  return flat(key);
}

function subscript(e: Extract<PerlExpr, { k: 'elem' }>): string {
  const key = e.brackets === '{}' ? hashKey(e.key) : flat(e.key);
  return e.brackets === '{}' ? `{${key}}` : `[${key}]`;
}

const flatCache = new WeakMap<PerlExpr, string>();

/** The expression on one line (memoised: layout decisions ask for it again and again). */
export function flat(e: PerlExpr): string {
  let text = flatCache.get(e);
  if (text === undefined) {
    text = printDocFlat(exprDoc(e, 0));
    flatCache.set(e, text);
  }
  return text;
}

function printDocFlat(d: Doc): string {
  // A group printed wider than any line never breaks.
  return printDoc(b.group(d), 1_000_000);
}

export function printDoc(d: Doc, width = MAX_WIDTH): string {
  return printer.printDocToString(d, { printWidth: width, tabWidth: INDENT, useTabs: false }).formatted;
}

function listItem(e: PerlExpr): ListItem {
  const text = flat(e);
  const quoteLike = e.k === 'str' || e.k === 'interp' || e.k === 'qr';
  // perltidy counts items ending in an identifier, `]` or a subscript's `}` (type R).
  const identifierLike = e.k === 'var' || e.k === 'elem' || text.endsWith(']') || (e.k === 'deref' && e.ref.k === 'var');
  const startsIdentifier = /^\$\w/.test(text);
  return { text, tokens: perlTokens(text), quoteLike, identifierLike, startsIdentifier };
}

/**
 * `open items close` laid out the way perltidy would break it: one item per line or a
 * table of k per row (kept with our trailing comma), or a two-line wrap after the opener's
 * line; lists perltidy would break otherwise are never broken (LayoutError upstream).
 */
function list(open: string, items: PerlExpr[], close: string, indent: number, nested = false): Doc {
  const render = (e: PerlExpr) => argDoc(e, items, indent + INDENT);
  if (items.length === 0) return `${open}${close}`;
  // perltidy breaks a list inside another container by other rules: never break those.
  if (nested && !items.some((e) => e.k === 'anonsub')) return [open, b.join(', ', items.map(render)), close];
  if (items.some((e) => e.k === 'anonsub')) return brokenSublist(open, items, close, indent, render);
  // perltidy breaks a lone item after the opener and keeps the closer on its line.
  if (items.length === 1) return b.group([open, b.indent([b.softline, render(items[0]!)]), close]);
  const layout = perltidyListLayout(items.map(listItem), {
    itemIndent: indent + INDENT,
    maxWidth: MAX_WIDTH,
    listType: '',
    opener: open,
  });
  const docs = items.map(render);
  const flatDoc: Doc = [open, b.join(', ', docs), close];
  if (layout.kind === 'table') {
    const rows: Doc[] = [];
    for (let i = 0; i < docs.length; i += layout.fields) rows.push(b.join(', ', docs.slice(i, i + layout.fields)));
    // Plain `line`s (not hardlines), so that the group still prints flat when it fits.
    return b.group(b.ifBreak([open, b.indent([b.line, b.join([',', b.line], rows), ',']), b.line, close], flatDoc));
  }
  // 'wrap' (perltidy's two-line fill) is laid out by the statement printer, which knows
  // where the list starts; anywhere else the list stays on one line.
  return flatDoc;
}

/** The layout perltidy gives a call's argument list at statement indentation `indent`. */
export function argsLayout(args: PerlExpr[], indent: number): ListLayout {
  if (args.length < 2 || args.some((a) => a.k === 'anonsub')) return { kind: 'none' };
  return perltidyListLayout(args.map(listItem), { itemIndent: indent + INDENT, maxWidth: MAX_WIDTH, listType: '', opener: '(' });
}

/** A list holding a multi-line `sub {...}`: perltidy puts items on their own lines, except
 * that runs of short simple items share one. */
function brokenSublist(open: string, items: PerlExpr[], close: string, indent: number, render: (e: PerlExpr) => Doc): Doc {
  const rows = sublistBreaks(items.map(listItem), { itemIndent: indent + INDENT, maxWidth: MAX_WIDTH, listType: '' });
  const docRows = rows.map((row) => b.join(', ', row.map((i) => render(items[i]!))));
  return [open, b.indent([b.hardline, b.join([',', b.hardline], docRows), ',']), b.hardline, close];
}

/** A list element; list operators (`map {...} @x`) swallow what follows, so wrap them. */
function argDoc(e: PerlExpr, all: PerlExpr[], indent: number): Doc {
  const d = exprDoc(e, indent, true);
  const last = all[all.length - 1] === e;
  return precedence(e) <= PREC.listop && !last ? ['(', d, ')'] : d;
}

/** `=>` lists (hash literals): perltidy breaks a broken one after every pair. */
function hashList(entries: HashEntry[], indent: number, welded = false, nested = false): Doc {
  if (entries.length === 0) return '{}';
  const docs = entries.map((en): Doc =>
    'spread' in en
      ? exprDoc({ k: 'deref', sigil: '%', ref: en.spread }, indent + INDENT, true)
      : [hashKey(en.key), ' => ', exprDoc(en.value, indent + INDENT, true)],
  );
  if (nested) return ['{ ', b.join(', ', docs), ' }'];
  const body = [b.indent([b.line, b.join([',', b.line], docs), b.ifBreak(',', '')]), b.line];
  return welded ? ['{', ...body, '}'] : b.group(['{', ...body, '}']);
}

function callArgs(args: PerlExpr[], indent: number, nested = false): Doc {
  // perltidy welds `f({` / `f([` when the literal is the only argument.
  if (args.length === 1 && args[0]!.k === 'anonHash' && args[0]!.entries.length > 0 && !nested) {
    return b.group(['(', hashList(args[0]!.entries, indent, true), ')']);
  }
  return list('(', args, ')', indent, nested);
}

export function exprDoc(e: PerlExpr, indent: number, nested = false): Doc {
  switch (e.k) {
    case 'var':
      return `${e.sigil}${e.name}`;
    case 'num':
      return e.text;
    case 'str':
      return quoteString(e.value);
    case 'interp':
      return interpText(e.parts);
    case 'undef':
      return 'undef';
    case 'call':
      if (e.bare) return e.args.length === 0 ? e.fn : [e.fn, ' ', b.join(', ', e.args.map((a) => argDoc(a, e.args, indent)))];
      return [e.fn, callArgs(e.args, indent, nested)];
    case 'method': {
      const inv = typeof e.invocant === 'string' ? e.invocant : operand(e.invocant, PREC.term, indent, nested);
      // An object's field read (`$st->mode`) prints without parentheses.
      if (e.accessor && e.args.length === 0) return [inv, '->', e.name];
      return [inv, '->', e.name, callArgs(e.args, indent, nested)];
    }
    case 'codecall':
      return [operand(e.code, PREC.term, indent, nested), '->', callArgs(e.args, indent, nested)];
    case 'elem': {
      // `$m[0]` is an element of the array `@m`.
      if (!e.arrow && e.base.k === 'var' && e.base.sigil !== '$') return [`$${e.base.name}`, subscript(e)];
      const base = operand(e.base, PREC.term, indent, nested);
      return e.arrow ? [base, '->', subscript(e)] : [base, subscript(e)];
    }
    case 'binop': {
      const p = BINOP_PREC[e.op]!;
      const leftMin = NON_ASSOCIATIVE.has(p) ? p + 1 : p;
      const rightMin = ASSOCIATIVE.has(e.op) && e.right.k === 'binop' && e.right.op === e.op ? p : p + 1;
      // `a && b || c` is right in Perl too, but upstream writes the parentheses.
      const clarify = (x: PerlExpr): Doc =>
        (e.op === '||' || e.op === '//') && x.k === 'binop' && x.op === '&&' ? ['(', exprDoc(x, indent, nested), ')'] : '';
      // `(LIST) x N` repeats a list in list context: keep the string repetition a scalar.
      const repeat = e.op === 'x' && precedence(e.left) < leftMin;
      const left = repeat
        ? ['scalar(', exprDoc(e.left, indent, nested), ')']
        : clarify(e.left) || operand(e.left, leftMin, indent, nested);
      const right = clarify(e.right) || operand(e.right, rightMin, indent, nested);
      return [left, ` ${e.op} `, right];
    }
    case 'unop':
      // `!exists $h->{k}` / `!defined($x)`: the named operator takes the term that follows.
      if (e.op === '!' && e.operand.k === 'named' && e.operand.op === 'exists') return ['!', exprDoc(e.operand, indent, nested)];
      return [e.op, operand(e.operand, PREC.unary, indent, nested)];
    case 'postinc':
      return [operand(e.target, PREC.term, indent, nested), e.op];
    case 'ternary':
      return [
        operand(e.cond, PREC.ternary + 1, indent, nested),
        ' ? ',
        // `a ? (b ? c : d) : e`: a nested ternary in the middle reads better parenthesised.
        operand(e.then, PREC.ternary + 1, indent, nested),
        ' : ',
        operand(e.else, PREC.ternary, indent, nested),
      ];
    case 'match': {
      const re = regexText(e.regex);
      if (!e.target) return re;
      return [operand(e.target, PREC.bind + 1, indent, nested), e.negate ? ' !~ ' : ' =~ ', re];
    }
    case 'subst': {
      // A scalar or an interpolation is the same as replacement text, without /e.
      const text = typeof e.replacement === 'string' ? e.replacement : replacementText(e.replacement);
      const repl = text ?? flat(e.replacement as PerlExpr);
      const flags = e.regex.flags + (text === undefined ? 'e' : '') + (e.inPlace ? '' : 'r');
      const source = e.regex.varName ? `$${e.regex.varName}` : e.regex.source;
      return [operand(e.target, PREC.bind + 1, indent, nested), ' =~ ', `s/${source}/${repl}/${flags}`];
    }
    case 'anonArray':
      return list('[', e.items, ']', indent, nested);
    case 'anonHash':
      return hashList(e.entries, indent, false, nested);
    case 'list':
      return list('(', e.items, ')', indent, nested);
    case 'deref': {
      const ref = e.ref.k === 'var' && e.ref.sigil === '$' ? flat(e.ref) : undefined;
      return ref ? `${e.sigil}${ref}` : [e.sigil, '{ ', exprDoc(e.ref, indent, true), ' }'];
    }
    case 'blockcall': {
      // `sort name(...)` would take `name` as the comparison sub: `sort(name(...))`
      if (!e.block && e.fn === 'sort' && e.list.k === 'call' && !e.list.bare && !e.list.fn.includes('::')) {
        return ['sort(', exprDoc(e.list, indent, true), ')'];
      }
      const head = e.block ? [e.fn, ' { ', exprDoc(e.block, indent, true), ' } '] : [e.fn, ' '];
      return [...head, exprDoc(e.list, indent, nested)];
    }
    case 'named':
      if (e.op === 'keys') return ['keys ', operand(e.operand, PREC.term, indent, nested)];
      if (e.op === 'exists') return ['exists ', exprDoc(e.operand, indent, nested)];
      return [e.op, '(', exprDoc(e.operand, indent, nested), ')'];
    case 'range':
      return [operand(e.from, PREC.range + 1, indent, nested), ' .. ', operand(e.to, PREC.range + 1, indent, nested)];
    case 'assign':
      return [exprDoc(e.target, indent, nested), ` ${e.op} `, operand(e.value, PREC.assign, indent, nested)];
    case 'qr':
      return `qr/${e.regex.source}/${e.regex.flags}`;
    case 'evalblock':
      return ['eval { ', exprDoc(e.expr, indent, true), ' }'];
    case 'pair':
      return [isBareKey(e.key) ? e.key : quoteString(e.key), ' => ', exprDoc(e.value, indent, nested)];
    case 'anonsub': {
      if (!bodyPrinter) throw new Error('statement printer not registered');
      const level = indent / INDENT + 1;
      const lines = bodyPrinter(e.params, e.body, level);
      return ['sub {', ...lines.flatMap((l) => [b.literalline, l]), b.literalline, ' '.repeat(indent), '}'];
    }
  }
}

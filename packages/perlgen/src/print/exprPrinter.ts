/**
 * Perl expressions → text (`flat`) and → Prettier docs (`exprDoc`) whose only break points
 * are argument lists and literals that perltidy would also lay out one item per line.
 * Parentheses come from Perl's precedence table, so the tree never needs explicit parens.
 * An anonymous sub's body is statements: the statement printer passes in how to print
 * them (print/printStmt.ts makes the one expression printer).
 */
import { builders as b } from 'prettier/doc';
import type { HashEntry, PerlExpr, PerlRegex, PerlStmt } from '../ir/ast.ts';
import { isBareKey } from '../ir/interpolation.ts';
import { perlTokens, perltidyListLayout, sublistBreaks, type ListItem, type ListLayout } from '../layout/listLayout.ts';
import { INDENT, MAX_WIDTH } from '../layout/widths.ts';
import { printDocFlat, type Doc } from './docText.ts';
import { ASSOCIATIVE, BINOP_PREC, NON_ASSOCIATIVE, PREC, precedence } from './precedence.ts';
import { escapeDoubleQuoted, quoteString } from './strings.ts';

/** Prints an anonymous sub's body at `level`: its lines, already indented. */
export type SubBodyPrinter = (params: string[], body: PerlStmt[], level: number) => string[];

export interface ExprPrinter {
  /** The expression as a doc, at statement indentation `indent` (columns). */
  exprDoc(e: PerlExpr, indent: number, nested?: boolean): Doc;
  /** The expression on one line (memoised: layout decisions ask for it again and again). */
  flat(e: PerlExpr): string;
  /** The layout perltidy gives a call's argument list at statement indentation `indent`. */
  argsLayout(args: PerlExpr[], indent: number): ListLayout;
}

export function makeExprPrinter(subBody: SubBodyPrinter): ExprPrinter {
  const flatCache = new WeakMap<PerlExpr, string>();

  /** `e` as an operand that must bind at least as tightly as `min`. */
  function operand(e: PerlExpr, min: number, indent: number, nested = false): Doc {
    const d = exprDoc(e, indent, nested);
    return precedence(e) < min ? ['(', d, ')'] : d;
  }

  function regexText(re: PerlRegex): string {
    return re.varName ? `$${re.varName}` : `/${re.source}/${re.flags}`;
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

  /** The expression on one line (memoised: layout decisions ask for it again and again). */
  function flat(e: PerlExpr): string {
    let text = flatCache.get(e);
    if (text === undefined) {
      text = printDocFlat(exprDoc(e, 0));
      flatCache.set(e, text);
    }
    return text;
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
  function argsLayout(args: PerlExpr[], indent: number): ListLayout {
    if (args.length < 2 || args.some((a) => a.k === 'anonsub')) return { kind: 'none' };
    return perltidyListLayout(args.map(listItem), { itemIndent: indent + INDENT, maxWidth: MAX_WIDTH, listType: '', opener: '(' });
  }

  /** A list holding a multi-line `sub {...}`: perltidy puts items on their own lines, except
   * that runs of short simple items share one. */
  function brokenSublist(open: string, items: PerlExpr[], close: string, indent: number, render: (e: PerlExpr) => Doc): Doc {
    const rows = sublistBreaks(items.map(listItem), { itemIndent: indent + INDENT, maxWidth: MAX_WIDTH, listType: '' });
    const docRows = rows.map((row) =>
      b.join(
        ', ',
        row.map((i) => render(items[i]!)),
      ),
    );
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
      'spread' in en ? exprDoc({ k: 'deref', sigil: '%', ref: en.spread }, indent + INDENT, true) : [hashKey(en.key), ' => ', exprDoc(en.value, indent + INDENT, true)],
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

  function exprDoc(e: PerlExpr, indent: number, nested = false): Doc {
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
        if (e.bare)
          return e.args.length === 0
            ? e.fn
            : [
                e.fn,
                ' ',
                b.join(
                  ', ',
                  e.args.map((a) => argDoc(a, e.args, indent)),
                ),
              ];
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
        const clarify = (x: PerlExpr): Doc => ((e.op === '||' || e.op === '//') && x.k === 'binop' && x.op === '&&' ? ['(', exprDoc(x, indent, nested), ')'] : '');
        // `(LIST) x N` repeats a list in list context: keep the string repetition a scalar.
        const repeat = e.op === 'x' && precedence(e.left) < leftMin;
        const left = repeat ? ['scalar(', exprDoc(e.left, indent, nested), ')'] : clarify(e.left) || operand(e.left, leftMin, indent, nested);
        const right = clarify(e.right) || operand(e.right, rightMin, indent, nested);
        return [left, ` ${e.op} `, right];
      }
      case 'unop':
        // `!exists $h->{k}`: the named operator takes the term that follows.
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
        const lines = subBody(e.params, e.body, indent / INDENT + 1);
        return ['sub {', ...lines.flatMap((l) => [b.literalline, l]), b.literalline, ' '.repeat(indent), '}'];
      }
    }
  }

  return { exprDoc, flat, argsLayout };
}

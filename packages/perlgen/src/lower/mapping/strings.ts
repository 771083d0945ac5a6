/** String method rows (receiver: a string). */
import type { Expression } from 'ts-morph';
import { Node, SyntaxKind } from '../../front/tsMorph.ts';
import { arr, BOOL, NUM, opt, STR } from '../../front/types.ts';
import { num, type PerlExpr } from '../../ir/ast.ts';
import { scalarOf } from '../context.ts';
import { literalRegex, translateReplacement } from '../regex/replacement.ts';
import { dollar, expectArgs, expectType, JS_SPACE_CLASS, list, scalar, stringArg, type CallRow } from './rows.ts';

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
        return cx.fail(replacement, "the replacement must be a literal or an arrow function (JS scans a computed string for '$' patterns)");
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
    perl: '$s =~ /^lit/ (literal) or index($s, $x) == 0',
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

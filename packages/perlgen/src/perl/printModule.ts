/**
 * Statements and the module → Perl source. Each statement is a Prettier doc printed at its
 * indentation; blocks, blank lines and comments are placed here, following the blank-line
 * rules perltidy applies with the Proxmox options so that the output is a perltidy fixed
 * point (see BlankLineRules).
 */
import { builders as b } from 'prettier/doc';

import type { Origin, PerlExpr, PerlItem, PerlModule, PerlStmt } from './ast.ts';
import { argsLayout, exprDoc, flat, INDENT, MAX_WIDTH, precedence, printDoc, setBodyPrinter } from './printExpr.ts';

type Doc = b.Doc;

export class LayoutError extends Error {
  constructor(
    message: string,
    readonly origin: Origin | undefined,
  ) {
    super(message);
  }
}

/** Every statement of a module that could not be laid out (all reported at once). */
export class LayoutErrors extends Error {
  constructor(readonly errors: LayoutError[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}

/**
 * perltidy's `--blanks-before-blocks` (on by default, `--long-block-line-count=8`): a blank
 * line goes before an `if`/`for`/`while` block that follows at least 8 statements at the
 * same depth and 8 non-blank lines, unless a comment or blank line precedes it.
 */
class BlankLineRules {
  readonly lines: string[] = [];
  private lastType: 'b' | '#' | 'code' = '#';
  private lastLevel = 0;
  private readonly countAtDepth: Array<number | undefined> = [];
  private nonblank = 0;

  blank(): void {
    if (this.lines.length === 0 || this.lines[this.lines.length - 1] === '') return;
    this.lines.push('');
    this.nonblank = 0;
    this.lastType = 'b';
  }

  comment(level: number, text: string): void {
    this.batch(level, [`${' '.repeat(level * INDENT)}# ${text}`.trimEnd()], '#', false);
  }

  batch(level: number, lines: string[], type: '#' | 'code', opensBlock: boolean): void {
    if (opensBlock && this.lastType === 'code') {
      let lc = this.countAtDepth[this.lastLevel] ?? 0;
      if (level !== this.lastLevel) lc = 0;
      if (lc >= 8 && this.nonblank >= 8) {
        this.lines.push('');
        this.nonblank = 0;
      }
    }
    this.lines.push(...lines);
    this.nonblank += lines.length;
    const lastLast = this.lastLevel;
    this.lastLevel = level;
    if (level === lastLast && type === 'code' && this.countAtDepth[level] !== undefined) {
      this.countAtDepth[level]!++;
    } else {
      this.countAtDepth[level] = 1;
    }
    this.lastType = type;
  }

  /** A trailing `# comment` on the last code line. */
  sideComment(text: string): void {
    this.lines[this.lines.length - 1] += ` # ${text}`;
  }
}

function render(doc: Doc, level: number, origin: Origin | undefined): string[] {
  const cols = level * INDENT;
  // align() indents continuation lines; an anonymous sub's body arrives pre-indented
  // through literal lines.
  const positioned: Doc = [' '.repeat(cols), b.align(cols, doc)];
  let text = printDoc(positioned, MAX_WIDTH);
  // perltidy keeps a one-line statement of exactly 100 columns, but when it breaks a
  // statement no line reaches column 100: lay broken statements out within 99.
  const broken = text.includes('\n');
  if (broken) text = printDoc(positioned, MAX_WIDTH - 1);
  const limit = broken ? MAX_WIDTH - 1 : MAX_WIDTH;
  const lines = text.split('\n').map((l) => (l.trim() === '' ? '' : l));
  for (const line of lines) {
    if (line.length > limit && !/^\s*#/.test(line) && !/^\s*(?:my \$\w+ = )?sub \{$/.test(line)) {
      throw new LayoutError(
        `this statement cannot be laid out within ${MAX_WIDTH} columns the way perltidy would; ` +
          'bind part of it to a variable or shorten it',
        origin,
      );
    }
  }
  return lines;
}

function withPostfix(body: Doc, postfix: PerlExpr | undefined, level: number): Doc {
  if (!postfix) return [body, ';'];
  // The condition itself never breaks (perltidy would continue it at another indent).
  return b.group([body, b.indent([b.line, 'if ', flat(postfix)]), ';']);
}

const KEYWORDS = new Set([
  'defined', 'exists', 'scalar', 'int', 'length', 'join', 'split', 'keys', 'index', 'rindex',
  'sort', 'map', 'grep', 'reverse', 'undef', 'oct', 'time', 'push', 'die', 'warn', 'return',
]);

/** perltidy's type of the first token of a printed expression (i, Q, n, k, w, ...). */
function leadingType(text: string): { type: string; token: string; rest: string } {
  const m = /^(\$\w+|[@%]\$?\w+|'[^']*'|"(?:[^"\\]|\\.)*"|qr\/|\d\w*|[A-Za-z_]\w*(?:::\w+)*|!|.)/.exec(text);
  const token = m?.[1] ?? '';
  const rest = text.slice(token.length).trimStart();
  if (/^[$@%]/.test(token)) return { type: 'i', token, rest };
  if (/^['"]|^qr\//.test(token)) return { type: 'Q', token, rest };
  if (/^\d/.test(token)) return { type: 'n', token, rest };
  if (/^[A-Za-z_]/.test(token)) return { type: KEYWORDS.has(token) ? 'k' : 'w', token, rest };
  return { type: token, token, rest };
}

/**
 * perltidy's "logical padding" of a line followed by `op` lines: the spaces it adds so the
 * line's first token lines up with the token after `op` — when that token has the same
 * type (the same keyword, for keywords).
 */
function logicalPad(first: string, next: string, op: string): number {
  const a = leadingType(first);
  const b2 = leadingType(next);
  const width = op.length + 1;
  if (a.type === b2.type) return a.type === 'k' && a.token !== b2.token ? 0 : width;
  if (a.type === '!' && leadingType(a.rest).type === b2.type) return width - 1;
  return 0;
}

function operandsOf(e: PerlExpr, op: string): PerlExpr[] {
  if (e.k === 'binop' && e.op === op) return [...operandsOf(e.left, op), ...operandsOf(e.right, op)];
  return [e];
}

/** An operand of an `&&`/`||` chain printed on its own, parenthesised as the chain needs. */
function chainOperand(e: PerlExpr, op: string): string {
  const loose = precedence(e) <= precedence({ k: 'binop', op, left: e, right: e });
  return loose || (op === '||' && e.k === 'binop' && e.op === '&&') ? `(${flat(e)})` : flat(e);
}

/**
 * `return VALUE;` / `LHS = VALUE;` in the shapes perltidy gives long values: a break
 * after `=` when the value then fits; `&&`/`||` chains with leading operators (two
 * operands stay on the first line, more start below, padded to align); a ternary with
 * `?`/`:` leading; otherwise the value's own list breaks.
 */
function valueStatement(head: string, value: PerlExpr, level: number, kind: 'return' | 'assign', origin?: Origin): Doc {
  const doc = valueLayout(head, value, level, kind);
  // perltidy re-breaks an operator-led chain whose longest line reaches the limit exactly.
  if (value.k === 'binop' && (value.op === '&&' || value.op === '||')) {
    const text = printDoc([' '.repeat(level * INDENT), b.align(level * INDENT, doc)], MAX_WIDTH);
    if (text.includes('\n') && text.split('\n').some((l) => l.length >= MAX_WIDTH)) {
      throw new LayoutError(`this chain of ${value.op} would end a line exactly at column ${MAX_WIDTH}; shorten it`, origin);
    }
  }
  return doc;
}

function valueLayout(head: string, value: PerlExpr, level: number, kind: 'return' | 'assign'): Doc {
  const width = MAX_WIDTH - level * INDENT;
  const valueFlat = flat(value);
  if (head.length + 1 + valueFlat.length + 1 <= width) return `${head} ${valueFlat};`;
  if (kind === 'assign' && INDENT + valueFlat.length + 1 <= width) return [head, b.indent([b.hardline, valueFlat]), ';'];
  const cont = (text: string) => [b.hardline, text];
  if (value.k === 'binop' && (value.op === '&&' || value.op === '||')) {
    const ops = operandsOf(value, value.op).map((o) => chainOperand(o, value.op));
    const rest = ops.slice(1).map((o) => `${value.op} ${o}`);
    if (ops.length === 2) return [`${head} ${ops[0]}`, b.indent(cont(rest[0]!)), ';'];
    // Three or more operands: perltidy pads the first to line up after the operators.
    const pad = ' '.repeat(value.op.length + 1);
    return [head, b.indent([...cont(`${pad}${ops[0]}`), ...rest.flatMap(cont)]), ';'];
  }
  if (value.k === 'ternary' && value.else.k !== 'ternary' && value.then.k !== 'ternary') {
    // Operands looser than ?: (assignments) never occur; && / || bind tighter.
    const [c, t, e] = [flat(value.cond), flat(value.then), flat(value.else)];
    // A branch holding && or || makes perltidy start a returned condition on its own line.
    const logical = [value.cond, value.then, value.else].some((x) => x.k === 'binop' && (x.op === '&&' || x.op === '||'));
    if (kind === 'return' && !logical) return [`${head} ${c}`, b.indent([...cont(`? ${t}`), ...cont(`: ${e}`)]), ';'];
    const pad = ' '.repeat(logicalPad(c, t, '?'));
    return [head, b.indent([...cont(`${pad}${c}`), ...cont(`? ${t}`), ...cont(`: ${e}`)]), ';'];
  }
  return [head, ' ', exprDoc(value, level * INDENT), ';'];
}

/** The call and argument list of a call-like expression. */
function callParts(e: PerlExpr): { head: string; args: PerlExpr[] } | undefined {
  if (e.k === 'method' && !e.accessor) {
    const inv = typeof e.invocant === 'string' ? e.invocant : flat(e.invocant);
    return { head: `${inv}->${e.name}(`, args: e.args };
  }
  if (e.k === 'call' && !e.bare) return { head: `${e.fn}(`, args: e.args };
  if (e.k === 'codecall') return { head: `${flat(e.code)}->(`, args: e.args };
  return undefined;
}

/**
 * A call statement, with an optional postfix `if`, in perltidy's shapes: flat; the `if`
 * on its own line; a long argument list filled after the opener with the rest on one
 * continuation line (perltidy's two-line wrap); or broken open by the list's own layout,
 * the `if` then following the closing paren.
 */
function callStatement(e: PerlExpr, postfix: PerlExpr | undefined, level: number): Doc {
  const width = MAX_WIDTH - level * INDENT;
  if (containsSub(e)) return [exprDoc(e, level * INDENT), postfix ? ` if ${flat(postfix)};` : ';'];
  const body = flat(e);
  const cond = postfix ? ` if ${flat(postfix)}` : '';
  if (body.length + cond.length + 1 <= width) return `${body}${cond};`;
  const tail: Doc = postfix ? [b.indent([b.hardline, `if ${flat(postfix)}`]), ';'] : ';';
  if (body.length + (postfix ? 0 : 1) <= width) return [body, tail];
  const call = callParts(e);
  // A call that fits but for its `;` is not a "long list" to perltidy: it just fills.
  const justOver = !postfix && body.length <= width;
  const layout = call ? (justOver ? { kind: 'wrap' as const } : argsLayout(call.args, level * INDENT)) : undefined;
  if (call && layout?.kind === 'wrap') {
    const items = call.args.map(flat);
    let k = layout.breakAfter ?? 0;
    if (layout.breakAfter === undefined) {
      while (k + 1 < items.length - 1 && `${call.head}${items.slice(0, k + 2).join(', ')},`.length < width) k++;
    }
    const first = `${call.head}${items.slice(0, k + 1).join(', ')},`;
    const second = `${items.slice(k + 1).join(', ')})`;
    return [first, b.indent([b.hardline, second]), tail];
  }
  // Broken open: the `if` follows the closing paren (perltidy re-breaks long ones).
  if (postfix && level * INDENT + flat(postfix).length + 6 > 80) {
    throw new LayoutError('a long call with a long postfix condition; use an if block', undefined);
  }
  return postfix ? [exprDoc(e, level * INDENT), ' if ', flat(postfix), ';'] : [exprDoc(e, level * INDENT), ';'];
}

function containsSub(e: PerlExpr): boolean {
  if (e.k === 'anonsub') return true;
  return Object.values(e).some((x) =>
    Array.isArray(x) ? x.some((y) => y && typeof y === 'object' && 'k' in y && containsSub(y as PerlExpr)) : x && typeof x === 'object' && 'k' in x && containsSub(x as PerlExpr),
  );
}

/** `if (A && B) {` with a long condition: perltidy's `if (   A` / `&& B) {` shape. */
function conditionHead(keyword: string, cond: PerlExpr, level: number, origin: Origin | undefined, prefix = ''): string[] {
  const one = `${prefix}${keyword} (${flat(cond)}) {`;
  if (level * INDENT + one.length <= MAX_WIDTH || cond.k !== 'binop' || (cond.op !== '&&' && cond.op !== '||')) {
    return render(one, level, origin);
  }
  const op = cond.op;
  const operands: PerlExpr[] = [];
  const collect = (e: PerlExpr): void => {
    if (e.k === 'binop' && e.op === op) {
      collect(e.left);
      collect(e.right);
    } else operands.push(e);
  };
  collect(cond);
  const texts = operands.map((o) => chainOperand(o, op));
  const pad = ' '.repeat(operands.length > 2 ? op.length + 1 : logicalPad(texts[0]!, texts[1]!, op));
  const lines = [`${prefix}${keyword} (${pad}${texts[0]}`];
  operands.slice(1).forEach((o, i) => {
    const last = i === operands.length - 2;
    lines.push(`${' '.repeat(INDENT)}${op} ${flat(o)}${last ? ') {' : ''}`);
  });
  return render(b.join(b.hardline, lines), level, origin);
}

export function printStatements(out: BlankLineRules, stmts: PerlStmt[], level: number): void {
  const errors: LayoutError[] = [];
  for (const s of stmts) {
    try {
      printStatement(out, s, level);
    } catch (e) {
      if (e instanceof LayoutErrors) errors.push(...e.errors);
      else if (e instanceof LayoutError) errors.push(e);
      else throw e;
    }
  }
  if (errors.length > 0) throw new LayoutErrors(errors);
}

function printStatement(out: BlankLineRules, s: PerlStmt, level: number): void {
  const origin = 'origin' in s ? s.origin : undefined;
  try {
    printStatementAt(out, s, level, origin);
  } catch (e) {
    if (e instanceof LayoutError && !e.origin && origin) throw new LayoutError(e.message, origin);
    throw e;
  }
}

function printStatementAt(out: BlankLineRules, s: PerlStmt, level: number, origin: Origin | undefined): void {
  const code = (doc: Doc, opensBlock = false) => out.batch(level, render(doc, level, origin), 'code', opensBlock);
  switch (s.k) {
    case 'blank':
      out.blank();
      return;
    case 'verbatim':
      code(s.text);
      return;
    case 'comment':
      if (s.side) out.sideComment(s.text);
      else out.comment(level, s.text);
      return;
    case 'expr':
      if (!s.postfix && s.expr.k === 'assign') {
        code(valueStatement(`${flat(s.expr.target)} ${s.expr.op}`, s.expr.value, level, 'assign', origin));
      } else if (s.expr.k === 'assign') {
        code(withPostfix(flat(s.expr), s.postfix, level));
      } else {
        code(callStatement(s.expr, s.postfix, level));
      }
      return;
    case 'my': {
      const vars = s.vars.map((x) => flat(x));
      const lhs = s.list || vars.length > 1 ? `my (${vars.join(', ')})` : `my ${vars[0]}`;
      if (!s.init) code([lhs, ';']);
      // `(my $x = $y) =~ s/a/b/;`
      else if (s.init.k === 'subst' && s.init.inPlace) {
        const subst = flat({ ...s.init, target: { k: 'var', sigil: '$', name: '\0' } });
        code(`${subst.replace('$\0', `(${lhs} = ${flat(s.init.target)})`)};`);
      }
      else code(valueStatement(`${lhs} =`, s.init, level, 'assign', origin));
      return;
    }
    case 'return':
      if (s.value && !s.postfix) code(valueStatement('return', s.value, level, 'return', origin));
      else code(withPostfix(s.value ? ['return ', exprDoc(s.value, level * INDENT)] : 'return', s.postfix, level));
      return;
    case 'die':
      code(withPostfix([`${s.fn ?? 'die'} `, exprDoc(s.message, level * INDENT)], s.postfix, level));
      return;
    case 'loopctl':
      code(withPostfix(s.word, s.postfix, level));
      return;
    case 'if':
      s.branches.forEach((br, i) => {
        const head = conditionHead(i === 0 ? 'if' : 'elsif', br.cond, level, origin, i === 0 ? '' : '} ');
        out.batch(level, head, 'code', i === 0);
        printStatements(out, br.body, level + 1);
      });
      if (s.else) {
        out.batch(level, render('} else {', level, origin), 'code', false);
        printStatements(out, s.else, level + 1);
      }
      out.batch(level, render('}', level, origin), 'code', false);
      return;
    case 'foreach': {
      const list = s.list.k === 'list' ? s.list.items.map(flat).join(', ') : flat(s.list);
      out.batch(level, render(`for my ${flat(s.var)} (${list}) {`, level, origin), 'code', true);
      printStatements(out, s.body, level + 1);
      out.batch(level, render('}', level, origin), 'code', false);
      return;
    }
    case 'while':
      out.batch(level, conditionHead('while', s.cond, level, origin), 'code', true);
      printStatements(out, s.body, level + 1);
      out.batch(level, render('}', level, origin), 'code', false);
      return;
    case 'eval': {
      // perltidy joins a one-statement eval block that fits onto one line.
      const inner = new BlankLineRules();
      printStatements(inner, s.body, 0);
      const one = `eval { ${inner.lines[0] ?? ''} };`;
      if (inner.lines.length === 1 && level * INDENT + one.length <= MAX_WIDTH && s.body.length === 1) {
        out.batch(level, render(one, level, origin), 'code', false);
      } else {
        out.batch(level, render('eval {', level, origin), 'code', false);
        printStatements(out, s.body, level + 1);
        out.batch(level, render('};', level, origin), 'code', false);
      }
      out.batch(level, render('if ($@) {', level, origin), 'code', true);
      printStatements(out, s.handler, level + 1);
      out.batch(level, render('}', level, origin), 'code', false);
      return;
    }
    case 'lexsub':
      out.batch(level, render(s.named ? `my sub ${s.name} {` : `my $${s.name} = sub {`, level, origin), 'code', false);
      printSubBody(out, s.params, s.body, level + 1);
      out.batch(level, render(s.named ? '}' : '};', level, origin), 'code', false);
      return;
  }
}

function paramList(params: string[]): string {
  return params.map((p) => (p.startsWith('@') ? p : `$${p}`)).join(', ');
}

function printSubBody(out: BlankLineRules, params: string[], body: PerlStmt[], level: number): void {
  const origin = undefined;
  out.batch(level, render(`my (${paramList(params)}) = @_;`, level, origin), 'code', false);
  if (body.length > 0 && body[0]!.k !== 'blank') out.blank();
  printStatements(out, body, level);
}

function printItem(out: BlankLineRules, item: PerlItem): void {
  out.blank();
  for (const c of item.comments) out.comment(0, c);
  if (item.k === 'sub') {
    out.batch(0, render(`sub ${item.name} {`, 0, item.origin), 'code', false);
    printSubBody(out, item.params, item.body, 1);
    out.batch(0, ['}'], 'code', false);
  } else {
    printStatement(out, item.stmt, 0);
  }
}

export function printModule(mod: PerlModule): string {
  const out = new BlankLineRules();
  const errors: LayoutError[] = [];
  for (const h of mod.header) out.comment(0, h);
  out.batch(0, [`package ${mod.packageName};`], 'code', false);
  out.blank();
  out.batch(0, ['use strict;', 'use warnings;'], 'code', false);
  for (const group of mod.uses) {
    out.blank();
    out.batch(0, group.map((u) => `use ${u};`), 'code', false);
  }
  out.blank();
  out.batch(0, [`use base qw(${mod.basePackage});`], 'code', false);
  for (const item of mod.items) {
    try {
      printItem(out, item);
    } catch (e) {
      if (e instanceof LayoutErrors) errors.push(...e.errors);
      else if (e instanceof LayoutError) errors.push(e);
      else throw e;
    }
  }
  if (errors.length > 0) throw new LayoutErrors(errors);
  out.blank();
  out.batch(0, ['1;'], 'code', false);
  return `${out.lines.join('\n')}\n`;
}

setBodyPrinter((params, body, level) => {
  const out = new BlankLineRules();
  printSubBody(out, params, body, level);
  return out.lines;
});

/** Print a statement list on its own (for tests and snippets). */
export function printStatementsText(stmts: PerlStmt[], level = 1): string {
  const out = new BlankLineRules();
  printStatements(out, stmts, level);
  return `${out.lines.join('\n')}\n`;
}

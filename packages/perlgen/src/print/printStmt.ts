/**
 * Statements → lines: each statement is a Prettier doc printed at its indentation (see
 * shapes.ts); blocks, comments and blank lines are placed here, through perltidy's
 * blank-line rules (layout/blankLines.ts), so that the output is a perltidy fixed point.
 */
import type { LaidOutItem, Origin, PerlStmt } from '../ir/ast.ts';
import { BlankLineRules } from '../layout/blankLines.ts';
import { INDENT, MAX_WIDTH } from '../layout/widths.ts';
import type { Doc } from './docText.ts';
import { LayoutError, LayoutErrors } from './errors.ts';
import { makeExprPrinter } from './exprPrinter.ts';
import { callStatement, conditionHead, render, valueStatement, withPostfix } from './shapes.ts';

/** The expression printer; an anonymous sub's body comes back here to be printed. */
const ex = makeExprPrinter((params, body, level) => {
  const out = new BlankLineRules();
  printSubBody(out, params, body, level);
  return out.lines;
});

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
        code(valueStatement(ex, `${ex.flat(s.expr.target)} ${s.expr.op}`, s.expr.value, level, 'assign', origin));
      } else if (s.expr.k === 'assign') {
        code(withPostfix(ex, ex.flat(s.expr), s.postfix));
      } else {
        code(callStatement(ex, s.expr, s.postfix, level));
      }
      return;
    case 'my': {
      const vars = s.vars.map((x) => ex.flat(x));
      const lhs = s.list || vars.length > 1 ? `my (${vars.join(', ')})` : `my ${vars[0]}`;
      if (!s.init) code([lhs, ';']);
      // `(my $x = $y) =~ s/a/b/;`
      else if (s.init.k === 'subst' && s.init.inPlace) {
        const subst = ex.flat({ ...s.init, target: { k: 'var', sigil: '$', name: '\0' } });
        code(`${subst.replace('$\0', `(${lhs} = ${ex.flat(s.init.target)})`)};`);
      } else code(valueStatement(ex, `${lhs} =`, s.init, level, 'assign', origin));
      return;
    }
    case 'return':
      if (s.value && !s.postfix) code(valueStatement(ex, 'return', s.value, level, 'return', origin));
      else code(withPostfix(ex, s.value ? ['return ', ex.exprDoc(s.value, level * INDENT)] : 'return', s.postfix));
      return;
    case 'die':
      code(withPostfix(ex, [`${s.fn ?? 'die'} `, ex.exprDoc(s.message, level * INDENT)], s.postfix));
      return;
    case 'loopctl':
      code(withPostfix(ex, s.word, s.postfix));
      return;
    case 'if':
      s.branches.forEach((br, i) => {
        const head = conditionHead(ex, i === 0 ? 'if' : 'elsif', br.cond, level, origin, i === 0 ? '' : '} ');
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
      const list = s.list.k === 'list' ? s.list.items.map(ex.flat).join(', ') : ex.flat(s.list);
      out.batch(level, render(`for my ${ex.flat(s.var)} (${list}) {`, level, origin), 'code', true);
      printStatements(out, s.body, level + 1);
      out.batch(level, render('}', level, origin), 'code', false);
      return;
    }
    case 'while':
      out.batch(level, conditionHead(ex, 'while', s.cond, level, origin), 'code', true);
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

export function printItem(out: BlankLineRules, item: LaidOutItem): void {
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

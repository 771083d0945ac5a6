/**
 * Statement shapes: how a statement that does not fit on one line is broken, in the shapes
 * perltidy 20220613 with the Proxmox options keeps (a break after `=`, operator-led
 * `&&`/`||` chains, `?`/`:` leading, a call's two-line wrap, `if (   A` / `&& B) {`).
 * A statement with no such shape is a LayoutError, never unformatted output.
 */
import { builders as b } from 'prettier/doc';
import type { Origin, PerlExpr } from '../ir/ast.ts';
import { logicalPad } from '../layout/padding.ts';
import { INDENT, MAX_WIDTH } from '../layout/widths.ts';
import { printDoc, type Doc } from './docText.ts';
import { LayoutError } from './errors.ts';
import type { ExprPrinter } from './exprPrinter.ts';
import { precedence } from './precedence.ts';

export function render(doc: Doc, level: number, origin: Origin | undefined): string[] {
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
        `this statement cannot be laid out within ${MAX_WIDTH} columns the way perltidy would; ` + 'bind part of it to a variable or shorten it',
        origin,
      );
    }
  }
  return lines;
}

export function withPostfix(ex: ExprPrinter, body: Doc, postfix: PerlExpr | undefined): Doc {
  if (!postfix) return [body, ';'];
  // The condition itself never breaks (perltidy would continue it at another indent).
  return b.group([body, b.indent([b.line, 'if ', ex.flat(postfix)]), ';']);
}

function operandsOf(e: PerlExpr, op: string): PerlExpr[] {
  if (e.k === 'binop' && e.op === op) return [...operandsOf(e.left, op), ...operandsOf(e.right, op)];
  return [e];
}

/** An operand of an `&&`/`||` chain printed on its own, parenthesised as the chain needs. */
function chainOperand(ex: ExprPrinter, e: PerlExpr, op: string): string {
  const loose = precedence(e) <= precedence({ k: 'binop', op, left: e, right: e });
  return loose || (op === '||' && e.k === 'binop' && e.op === '&&') ? `(${ex.flat(e)})` : ex.flat(e);
}

/**
 * `return VALUE;` / `LHS = VALUE;` in the shapes perltidy gives long values: a break
 * after `=` when the value then fits; `&&`/`||` chains with leading operators (two
 * operands stay on the first line, more start below, padded to align); a ternary with
 * `?`/`:` leading; otherwise the value's own list breaks.
 */
export function valueStatement(ex: ExprPrinter, head: string, value: PerlExpr, level: number, kind: 'return' | 'assign', origin?: Origin): Doc {
  const doc = valueLayout(ex, head, value, level, kind);
  // perltidy re-breaks an operator-led chain whose longest line reaches the limit exactly.
  if (value.k === 'binop' && (value.op === '&&' || value.op === '||')) {
    const text = printDoc([' '.repeat(level * INDENT), b.align(level * INDENT, doc)], MAX_WIDTH);
    if (text.includes('\n') && text.split('\n').some((l) => l.length >= MAX_WIDTH)) {
      throw new LayoutError(`this chain of ${value.op} would end a line exactly at column ${MAX_WIDTH}; shorten it`, origin);
    }
  }
  return doc;
}

function valueLayout(ex: ExprPrinter, head: string, value: PerlExpr, level: number, kind: 'return' | 'assign'): Doc {
  const width = MAX_WIDTH - level * INDENT;
  const valueFlat = ex.flat(value);
  if (head.length + 1 + valueFlat.length + 1 <= width) return `${head} ${valueFlat};`;
  if (kind === 'assign' && INDENT + valueFlat.length + 1 <= width) return [head, b.indent([b.hardline, valueFlat]), ';'];
  const cont = (text: string) => [b.hardline, text];
  if (value.k === 'binop' && (value.op === '&&' || value.op === '||')) {
    const ops = operandsOf(value, value.op).map((o) => chainOperand(ex, o, value.op));
    const rest = ops.slice(1).map((o) => `${value.op} ${o}`);
    if (ops.length === 2) return [`${head} ${ops[0]}`, b.indent(cont(rest[0]!)), ';'];
    // Three or more operands: perltidy pads the first to line up after the operators.
    const pad = ' '.repeat(value.op.length + 1);
    return [head, b.indent([...cont(`${pad}${ops[0]}`), ...rest.flatMap(cont)]), ';'];
  }
  if (value.k === 'ternary' && value.else.k !== 'ternary' && value.then.k !== 'ternary') {
    // Operands looser than ?: (assignments) never occur; && / || bind tighter.
    const [c, t, e] = [ex.flat(value.cond), ex.flat(value.then), ex.flat(value.else)];
    // A branch holding && or || makes perltidy start a returned condition on its own line.
    const logical = [value.cond, value.then, value.else].some((x) => x.k === 'binop' && (x.op === '&&' || x.op === '||'));
    if (kind === 'return' && !logical) return [`${head} ${c}`, b.indent([...cont(`? ${t}`), ...cont(`: ${e}`)]), ';'];
    const pad = ' '.repeat(logicalPad(c, t, '?'));
    return [head, b.indent([...cont(`${pad}${c}`), ...cont(`? ${t}`), ...cont(`: ${e}`)]), ';'];
  }
  return [head, ' ', ex.exprDoc(value, level * INDENT), ';'];
}

/** The call and argument list of a call-like expression. */
function callParts(ex: ExprPrinter, e: PerlExpr): { head: string; args: PerlExpr[] } | undefined {
  if (e.k === 'method' && !e.accessor) {
    const inv = typeof e.invocant === 'string' ? e.invocant : ex.flat(e.invocant);
    return { head: `${inv}->${e.name}(`, args: e.args };
  }
  if (e.k === 'call' && !e.bare) return { head: `${e.fn}(`, args: e.args };
  if (e.k === 'codecall') return { head: `${ex.flat(e.code)}->(`, args: e.args };
  return undefined;
}

/**
 * A call statement, with an optional postfix `if`, in perltidy's shapes: flat; the `if`
 * on its own line; a long argument list filled after the opener with the rest on one
 * continuation line (perltidy's two-line wrap); or broken open by the list's own layout,
 * the `if` then following the closing paren.
 */
export function callStatement(ex: ExprPrinter, e: PerlExpr, postfix: PerlExpr | undefined, level: number): Doc {
  const width = MAX_WIDTH - level * INDENT;
  if (containsSub(e)) return [ex.exprDoc(e, level * INDENT), postfix ? ` if ${ex.flat(postfix)};` : ';'];
  const body = ex.flat(e);
  const cond = postfix ? ` if ${ex.flat(postfix)}` : '';
  if (body.length + cond.length + 1 <= width) return `${body}${cond};`;
  const tail: Doc = postfix ? [b.indent([b.hardline, `if ${ex.flat(postfix)}`]), ';'] : ';';
  if (body.length + (postfix ? 0 : 1) <= width) return [body, tail];
  const call = callParts(ex, e);
  // A call that fits but for its `;` is not a "long list" to perltidy: it just fills.
  const justOver = !postfix && body.length <= width;
  const layout = call ? (justOver ? { kind: 'wrap' as const } : ex.argsLayout(call.args, level * INDENT)) : undefined;
  if (call && layout?.kind === 'wrap') {
    const items = call.args.map(ex.flat);
    let k = layout.breakAfter ?? 0;
    if (layout.breakAfter === undefined) {
      while (k + 1 < items.length - 1 && `${call.head}${items.slice(0, k + 2).join(', ')},`.length < width) k++;
    }
    const first = `${call.head}${items.slice(0, k + 1).join(', ')},`;
    const second = `${items.slice(k + 1).join(', ')})`;
    return [first, b.indent([b.hardline, second]), tail];
  }
  // Broken open: the `if` follows the closing paren (perltidy re-breaks long ones).
  if (postfix && level * INDENT + ex.flat(postfix).length + 6 > 80) {
    throw new LayoutError('a long call with a long postfix condition; use an if block', undefined);
  }
  return postfix ? [ex.exprDoc(e, level * INDENT), ' if ', ex.flat(postfix), ';'] : [ex.exprDoc(e, level * INDENT), ';'];
}

function containsSub(e: PerlExpr): boolean {
  if (e.k === 'anonsub') return true;
  return Object.values(e).some((x) =>
    Array.isArray(x)
      ? x.some((y) => y && typeof y === 'object' && 'k' in y && containsSub(y as PerlExpr))
      : x && typeof x === 'object' && 'k' in x && containsSub(x as PerlExpr),
  );
}

/** `if (A && B) {` with a long condition: perltidy's `if (   A` / `&& B) {` shape. */
export function conditionHead(ex: ExprPrinter, keyword: string, cond: PerlExpr, level: number, origin: Origin | undefined, prefix = ''): string[] {
  const one = `${prefix}${keyword} (${ex.flat(cond)}) {`;
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
  const texts = operands.map((o) => chainOperand(ex, o, op));
  const pad = ' '.repeat(operands.length > 2 ? op.length + 1 : logicalPad(texts[0]!, texts[1]!, op));
  const lines = [`${prefix}${keyword} (${pad}${texts[0]}`];
  operands.slice(1).forEach((o, i) => {
    const last = i === operands.length - 2;
    lines.push(`${' '.repeat(INDENT)}${op} ${ex.flat(o)}${last ? ') {' : ''}`);
  });
  return render(b.join(b.hardline, lines), level, origin);
}

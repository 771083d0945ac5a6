/**
 * `new RegExp(template, 'flags')` → `qr/.../`: the pattern is the template's text with
 * every `${...}` filled in. Spans may be the model's regex text constants (WS, NWS, HWS,
 * DOT of runtime/perlText.ts; their text is spliced in and translated with the rest),
 * `quotemeta(s)` (→ `\Q$s\E`, which is what the model's quotemeta mirrors) or a plain string
 * variable (interpolated as pattern text, as Perl interpolates it). Both kinds of variable
 * span are wrapped in `(?:...)` so that a following quantifier applies to all of it (a
 * `\Q...\E` span is left bare when none follows).
 */
import type { NewExpression } from 'ts-morph';
import { CompileError } from '../../front/diagnostics.ts';
import { Node } from '../../front/tsMorph.ts';
import { strip } from '../../front/types.ts';
import type { ExprCx } from '../exprCx.ts';
import type { ModuleInfo } from '../moduleInfo.ts';
import { RegexError, type TranslatedRegex } from './errors.ts';
import { lineAnchors } from './lineAnchors.ts';
import { translateRegex } from './translate.ts';

/** The values of runtime/perlText.ts's regex text constants (a test holds them to core's). */
export const REGEX_TEXT_CONSTANTS: Readonly<Record<string, string>> = {
  WS: '[\\t\\n\\x0B\\f\\r ]',
  NWS: '[^\\t\\n\\x0B\\f\\r ]',
  HWS: '[\\t \\xA0]',
  DOT: '[^\\n]',
};

const MARK = (i: number): string => `QqSpan${i}Qq`;

export function isRegExpConstruction(node: Node): node is NewExpression {
  return Node.isNewExpression(node) && node.getExpression().getText() === 'RegExp';
}

export function constructedRegex(cx: ExprCx, mod: ModuleInfo, node: NewExpression, allowedFlags: string): TranslatedRegex {
  const args = node.getArguments();
  if (args.length < 1 || args.length > 2) cx.fail(node, 'new RegExp takes a pattern and optional literal flags');
  const flagsNode = args[1];
  if (flagsNode && !Node.isStringLiteral(flagsNode)) cx.fail(flagsNode, 'the flags of new RegExp must be a string literal');
  const flags = flagsNode && Node.isStringLiteral(flagsNode) ? flagsNode.getLiteralValue() : '';
  const pattern = args[0]!;

  let text = '';
  const spans: string[] = [];
  if (Node.isStringLiteral(pattern) || Node.isNoSubstitutionTemplateLiteral(pattern)) {
    text = pattern.getLiteralValue();
  } else if (Node.isTemplateExpression(pattern)) {
    text = pattern.getHead().getLiteralText();
    for (const span of pattern.getTemplateSpans()) {
      text += spanText(cx, mod, span.getExpression(), spans);
      text += span.getLiteral().getLiteralText();
    }
  } else {
    cx.fail(pattern, 'new RegExp needs a string or template literal');
  }

  let re: TranslatedRegex;
  try {
    re = translateRegex(text, flags, allowedFlags, spans.length > 0);
  } catch (e) {
    if (e instanceof RegexError) throw new CompileError(node, `new RegExp: ${e.message}`);
    throw e;
  }
  let source = re.source;
  spans.forEach((perl, i) => {
    if (source.split(MARK(i)).length !== 2) cx.fail(node, 'new RegExp: a span did not survive the translation');
    // `\Q$s\E` is literal text: it needs the group only when a quantifier follows.
    const quantified = /^[*+?{]/.test(source.split(MARK(i))[1]!);
    const text = !quantified && perl.startsWith('(?:\\Q') ? perl.slice(3, -1) : perl;
    source = source.replace(MARK(i), () => text);
  });
  return spans.length > 0 ? { ...re, ...lineAnchors(source, re.flags) } : { ...re, source };
}

function spanText(cx: ExprCx, mod: ModuleInfo, expr: Node, spans: string[]): string {
  if (Node.isIdentifier(expr)) {
    const imported = mod.imports.get(expr.getText());
    if (imported?.module === 'runtime/perlText.ts' && REGEX_TEXT_CONSTANTS[imported.name] !== undefined) {
      return REGEX_TEXT_CONSTANTS[imported.name]!;
    }
  }
  let quoted = false;
  let inner = expr;
  if (Node.isCallExpression(expr) && expr.getExpression().getText() === 'quotemeta') {
    const imported = mod.imports.get('quotemeta');
    if (imported?.module !== 'runtime/perlText.ts' || expr.getArguments().length !== 1) cx.fail(expr, 'quotemeta(s) of runtime/perlText.ts');
    quoted = true;
    inner = expr.getArguments()[0]!;
  }
  const e = cx.lower(inner);
  if (e.form !== 'scalar' || e.p.k !== 'var' || strip(e.t).k !== 'str' || e.t.k === 'opt') {
    cx.fail(inner, 'a span of new RegExp must be a defined string variable (bind it to a const first)');
  }
  const name = (e.p as { name: string }).name;
  spans.push(quoted ? `(?:\\Q$${name}\\E)` : `(?:$${name})`);
  return MARK(spans.length - 1);
}

/**
 * How perltidy lays out a broken list. The generated Perl must be a fixed point of
 * perltidy 20220613 with the Proxmox options (tooling-notes §5), and that perltidy keeps a
 * broken list only in the shape its own table logic picks. This is a port of the part of
 * perltidy's `set_comma_breakpoints_do` that makes that choice for flat lists, written
 * from its documented behaviour and measured outputs (test/perl/listLayout.test.ts checks
 * the shapes against the real perltidy).
 */

export interface ListItem {
  /** The item exactly as printed on one line. */
  text: string;
  /** Starts with an identifier (perltidy type i) or a subscript. */
  startsIdentifier?: boolean;
  /** perltidy tokens in the item, blanks included (see perlTokens). */
  tokens: number;
  /** A quoted string (perltidy token types q/Q) or a bareword. */
  quoteLike: boolean;
  /** Ends in an identifier or `]` (perltidy counts these as "identifiers"). */
  identifierLike: boolean;
}

export interface ListContext {
  /** Columns of indentation of the items when the list is broken. */
  itemIndent: number;
  maxWidth: number;
  /** perltidy's container label: `''` for calls and literals, the keyword for `join(` etc. */
  listType: string;
  /** The opening token: only `(` lists may take perltidy's two-line wrap. */
  opener?: string;
}

export type ListLayout =
  /** Rows of `fields` items (1 = one per line), opener and closer on their own lines. */
  | { kind: 'table'; fields: number }
  /** Items filled after the opener, continuing on following lines; a new line is forced
   * after the item at `breakAfter` (perltidy's "ragged" break after a complex item). */
  | { kind: 'wrap'; breakAfter?: number }
  /** A shape this port does not reproduce: the list is not broken. */
  | { kind: 'none' };

/**
 * The layout perltidy keeps for a broken list we print: a table (printed with a trailing
 * comma, so judged with one) or a two-line wrap (printed without, so judged without).
 */
export function perltidyListLayout(items: ListItem[], cx: ListContext): ListLayout {
  const table = portLayout(items, cx, true);
  if (table.kind === 'table') return table;
  const wrap = portLayout(items, cx, false);
  return wrap.kind === 'wrap' ? wrap : { kind: 'none' };
}

function portLayout(items: ListItem[], cx: ListContext, trailingComma: boolean): ListLayout {
  const itemCount = items.length;
  if (itemCount < 2 || cx.listType !== '') return { kind: 'none' };
  const lengths = items.map((it) => 2 + it.text.length);
  // perltidy counts commas that follow an identifier-like item; without a trailing comma
  // the last item counts when it starts with one.
  const last = items[itemCount - 1]!;
  const identifierCount = items.slice(0, -1).filter((it) => it.identifierLike).length + (trailingComma ? (last.identifierLike ? 1 : 0) : last.startsIdentifier ? 1 : 0);
  const firstTermLength = lengths[0]!;
  const maxLength = [0, 0];
  for (let j = 1; j < itemCount; j++) {
    const odd = j % 2;
    maxLength[odd] = Math.max(maxLength[odd]!, lengths[j]!);
  }
  const oddOrEven = identifierCount >= itemCount - 1 ? 1 : 2;
  const separateFirstTerm = oddOrEven === 1 && itemCount > 3 && firstTermLength > 2 * maxLength[0]! - 2 && firstTermLength > 2 * maxLength[1]! - 2;
  if (separateFirstTerm) return { kind: 'none' };
  maxLength[0] = Math.max(maxLength[0]!, firstTermLength);

  const pairWidth = maxLength[0]! + maxLength[1]!;
  const maxWidth = Math.max(maxLength[0]!, maxLength[1]!);
  let columns = cx.maxWidth - cx.itemIndent - 1;
  if (columns <= 0) columns = 1;

  const maxPairs = Math.floor(columns / pairWidth);
  let fieldsMax = maxPairs * 2;
  if (oddOrEven === 1 && maxPairs * pairWidth + maxWidth <= columns) fieldsMax++;

  // study_list_complexity: items with blanks (or quotes holding whitespace) are complex;
  // long or many-token items get a "ragged" break after them.
  let complexCount = 0;
  let quoteCount = 0;
  const ragged: number[] = [];
  let lastBreak = -2;
  let lastLastBreak = -3;
  items.forEach((it, i) => {
    if (it.quoteLike) quoteCount++;
    let weighted = it.text.length;
    const blanks = it.tokens === 1 ? it.quoteLike && /\s/.test(it.text) : /\s/.test(it.text.replace(/'[^']*'|"[^"]*"/g, ''));
    if (blanks || (it.tokens === 1 && it.quoteLike && /\s/.test(it.text))) {
      complexCount++;
      weighted *= 2;
    }
    if (it.tokens > 1 && it.text.includes('..')) weighted += 4;
    weighted += 2 * (it.tokens - 1);
    if (weighted >= 30) {
      if (lastBreak === i - 1 && i > 1 && lastLastBreak !== i - 2) {
        ragged.pop();
        ragged.push(i - 2, i - 1);
      }
      ragged.push(i);
      lastLastBreak = lastBreak;
      lastBreak = i;
    } else if (i === itemCount - 1 && lastBreak === i - 1 && weighted <= 12) {
      ragged.pop();
    }
  });
  // A break "after" the last item has no comma to break at.
  const raggedBreaks = ragged.filter((i) => i < itemCount - 1);
  const wrap = (): ListLayout =>
    raggedBreaks.length === 0 ? { kind: 'wrap' } : raggedBreaks.length === 1 ? { kind: 'wrap', breakAfter: raggedBreaks[0] } : { kind: 'none' };
  const newIdentifierCount = itemCount - quoteCount;
  const fieldsBest = maxWidth > 12 && complexCount > itemCount / 2 ? 1 : 0;

  let fields = fieldsMax;
  if (fieldsBest !== 0 && fieldsBest < fieldsMax) fields = fieldsBest;
  if (fields <= 0) fields = Math.floor(columns / maxWidth);
  if (fields <= 0) return { kind: 'none' };

  // From after the opener through the token after the last comma-or-item.
  const packedColumns = items.map((it) => it.text).join(', ').length + 2;
  const packedLines = 1 + Math.floor(packedColumns / columns);
  let formattedLines = Math.ceil(itemCount / fields);
  fields = compactifyTable(itemCount, fields, formattedLines, oddOrEven);
  formattedLines = Math.ceil(itemCount / fields);
  let formattedColumns = fields > 1 ? pairWidth * Math.floor(itemCount / 2) + (itemCount % 2) * maxWidth : maxWidth * itemCount;
  if (formattedColumns < packedColumns) formattedColumns = packedColumns;
  const unusedColumns = formattedColumns - packedColumns;
  const sparsity = unusedColumns / formattedColumns;
  const maxAllowedSparsity = itemCount < 3 ? 0.1 : packedLines === 1 ? 0.15 : packedLines === 2 ? 0.4 : 0.7;

  const paren = (cx.opener ?? '(') === '(';
  // The two-line word-wrap shortcut for short lists in a statement.
  if (paren && packedLines <= 2 && itemCount < 9) {
    if ((fields === 2 && itemCount === 3) || (newIdentifierCount > 0 && sparsity > 0.15)) return wrap();
  }
  if ((formattedLines < 3 && packedLines < formattedLines) || formattedLines < 2 || unusedColumns > maxAllowedSparsity * formattedColumns) {
    // Brackets and braces get their ragged breaks with the container broken open.
    return !paren || (packedLines > 2 && itemCount > 10) ? { kind: 'none' } : wrap();
  }
  return { kind: 'table', fields };
}

function compactifyTable(itemCount: number, fields: number, formattedLines: number, oddOrEven: number): number {
  if (fields >= oddOrEven * 2 && formattedLines > 0) {
    let minFields = fields;
    while (minFields >= oddOrEven && minFields * formattedLines >= itemCount) {
      fields = minFields;
      minFields -= oddOrEven;
    }
  }
  return fields;
}

/** perltidy's token count for an item printed on one line (blanks are tokens too). */
export function perlTokens(text: string): number {
  const token =
    /\s+|\$\w+(?:::\w+)*|[@%]\$?\w+|\w+(?:::\w+)*|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|qr\/(?:[^/\\]|\\.)*\/[a-z]*|->|=>|=~|!~|==|!=|<=|>=|&&|\|\||\/\/|\.\.|./g;
  return text.match(token)?.length ?? 0;
}

/**
 * A list with a multi-line item (an anonymous sub): perltidy breaks after every comma,
 * except between short simple items (one token, at most 8 characters), which share rows.
 * Returns the item indexes of each row.
 */
export function sublistBreaks(items: ListItem[], cx: ListContext): number[][] {
  const small = 10;
  const fields = Math.floor((cx.maxWidth - cx.itemIndent - 1) / small);
  const maxSkipped = fields - 1;
  // A single token: a variable, number, bareword, quoted string or qr//.
  const token = /^(?:[$@%]?[\w:]+|'[^']*'|"[^"]*"|qr\/.*\/[a-z]*)$/;
  const simple = items.map((it) => it.text.length + 2 <= small && token.test(it.text));
  const rows: number[][] = [[0]];
  let skipped = 0;
  for (let j = 1; j < items.length; j++) {
    if (simple[j - 1] && simple[j] && skipped < maxSkipped) {
      skipped++;
      rows[rows.length - 1]!.push(j);
    } else {
      skipped = 0;
      rows.push([j]);
    }
  }
  return rows;
}

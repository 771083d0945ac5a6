/** Comment wrapping: a comment line that would pass the page width is re-filled by words. */

/** Re-wrap comment lines that would pass `width` columns. */
export function wrapComment(lines: string[], width: number): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (line.length <= width) {
      out.push(line);
      continue;
    }
    let current = '';
    for (const word of line.split(' ')) {
      if (current !== '' && current.length + 1 + word.length > width) {
        out.push(current);
        current = word;
      } else {
        current = current === '' ? word : `${current} ${word}`;
      }
    }
    if (current !== '') out.push(current);
  }
  return out;
}

/** Comment wrapping: a comment line that would pass the page width is re-filled by words. */

/** Re-wrap comment lines that would pass `width` columns, never leaving one word alone on the last line. */
export function wrapComment(lines: string[], width: number): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (line.length <= width) {
      out.push(line);
      continue;
    }
    const start = out.length;
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
    // No lone word on the last line: the line before hands it its last word.
    const last = out.length - 1;
    const prev = out[last - 1];
    if (out[last] !== undefined && !out[last]!.includes(' ') && prev?.includes(' ') && last > start) {
      const cut = prev.lastIndexOf(' ');
      out[last] = `${prev.slice(cut + 1)} ${out[last]}`;
      out[last - 1] = prev.slice(0, cut);
    }
  }
  return out;
}

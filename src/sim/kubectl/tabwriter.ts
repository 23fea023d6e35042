/**
 * Go's text/tabwriter (flags 0, padchar ' '), which kubectl's describe
 * output goes through: cells end at a tab; consecutive lines having a cell
 * in a column form a block whose width is its widest cell plus the padding;
 * the text after a line's last tab is not aligned.
 *
 * Upstream: go/src/text/tabwriter/tabwriter.go (Writer.format).
 */
export function tabwrite(text: string, padding: number, minwidth = 0): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];
  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const line = lines[i]!;
      let s = '';
      line.forEach((cell, j) => {
        if (j < line.length - 1 && j < widths.length) s += cell.padEnd(widths[j]!);
        else if (j < line.length - 1) s += cell;
        else s += cell;
      });
      out.push(s);
    }
  };
  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i]!.length - 1) continue;
      writeLines(line0, i);
      line0 = i;
      let width = minwidth;
      for (; i < line1; i++) {
        const line = lines[i]!;
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column]!.length + padding);
      }
      widths.push(width);
      format(line0, i);
      widths.pop();
      line0 = i;
      i--;
    }
    writeLines(line0, line1);
  };
  format(0, lines.length);
  return out.join('\n');
}

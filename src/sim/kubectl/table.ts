/**
 * kubectl's human-readable table: upper-case headers, columns padded by
 * text/tabwriter (minwidth 0, tabwidth 8, padding 3, padchar ' '), the last
 * column unpadded. Wide columns (Priority 1 in the column definitions) are
 * shown only with -o wide.
 *
 * Upstream: staging/src/k8s.io/cli-runtime/pkg/printers/tablewriter.go
 * (GetNewTabWriter), kubectl/pkg/printers/tableprinter.go.
 */
export interface Column {
  name: string;
  /** Shown only with -o wide. */
  wide?: boolean;
}

export interface TableOptions {
  wide: boolean;
  noHeaders?: boolean;
  /** Prepends a NAMESPACE column (from -A). */
  namespaces?: string[];
  /** Appends a LABELS column (--show-labels). */
  labels?: string[];
}

export function renderTable(columns: readonly Column[], rows: readonly string[][], options: TableOptions): string {
  const keep = columns.map((c) => options.wide || !c.wide);
  let head = columns.filter((_, i) => keep[i]).map((c) => c.name.toUpperCase());
  let body = rows.map((r) => r.filter((_, i) => keep[i]));
  if (options.namespaces) {
    head = ['NAMESPACE', ...head];
    body = body.map((r, i) => [options.namespaces![i] ?? '', ...r]);
  }
  if (options.labels) {
    head = [...head, 'LABELS'];
    body = body.map((r, i) => [...r, options.labels![i] ?? '<none>']);
  }
  const all = options.noHeaders ? body : [head, ...body];
  return padColumns(all);
}

/** tabwriter with padding 3: every cell but the last of its line padded to its column's width + 3. */
export function padColumns(lines: readonly string[][]): string {
  const widths: number[] = [];
  for (const line of lines) line.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return lines
    .map((line) => line.map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i]! + 3))).join(''))
    .join('\n');
}

/** "a=b,c=d" or <none>; kubectl sorts label keys (labels.Set.String). */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels![k]}`).join(',');
}

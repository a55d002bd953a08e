import { z } from 'zod';

/**
 * The printed report: one table per benchmark, each row a metric with its baseline (measured in the
 * same run, or a stated aim) and the ratio between them. Figures are printed, never asserted.
 */
export interface ReportRow {
  metric: string;
  value: string;
  baseline?: string;
  /** value / baseline; lower is better for times and sizes, higher for throughput (the note says which). */
  ratio?: number;
  note?: string;
  /** Repeated in the final summary of `npm run bench`. */
  key?: boolean;
}

export interface ReportTable {
  title: string;
  /** How to get this table again. */
  command?: string;
  /** A table of columns (a comparison), printed before `rows`. */
  grid?: { columns: string[]; rows: string[][] };
  rows: ReportRow[];
  notes?: string[];
}

/**
 * The tables as JSON, as a benchmark run in a process of its own hands them back (bench/run.ts). Typed
 * against ReportTable so the two cannot drift apart. JSON has no NaN: a ratio not measured comes back as null.
 */
export const reportTablesSchema: z.ZodType<ReportTable[], unknown> = z.array(
  z.object({
    title: z.string(),
    command: z.string().optional(),
    grid: z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.string())) }).optional(),
    rows: z.array(
      z.object({
        metric: z.string(),
        value: z.string(),
        baseline: z.string().optional(),
        ratio: z.number().nullable().optional().transform((ratio) => (ratio === null ? Number.NaN : ratio)),
        note: z.string().optional(),
        key: z.boolean().optional(),
      }),
    ),
    notes: z.array(z.string()).optional(),
  }),
);

export const ms = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 2 : 1)} ms` : 'n/a');
export const kB = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;
export const count = (value: number): string => value.toLocaleString('en-US');
export const times = (value: number | undefined): string =>
  value === undefined
    ? ''
    : !Number.isFinite(value)
      ? 'n/a'
      : `×${value < 0.1 ? value.toPrecision(2) : value < 10 ? value.toFixed(2) : value.toFixed(1)}`;

/** Columns of text, the first left-aligned, the others right-aligned (figures). */
function columns(header: string[], cells: string[][], alignRight: (column: number) => boolean): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => (line[column] ?? '').length)));
  const line = (values: string[]) =>
    values
      .map((value, column) => (alignRight(column) ? value.padStart(widths[column]!) : value.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)];
}

export function formatTable(table: ReportTable): string {
  const lines = [`== ${table.title}`];
  if (table.command) lines.push(`   reproduce: ${table.command}`);
  if (table.grid) lines.push(...columns(table.grid.columns, table.grid.rows, (column) => column > 0));
  if (table.rows.length > 0) {
    if (table.grid) lines.push('');
    const cells = table.rows.map((row) => [row.metric, row.value, row.baseline ?? '', times(row.ratio), row.note ?? '']);
    lines.push(...columns(['metric', 'value', 'baseline', 'ratio', 'note'], cells, (column) => column === 1 || column === 3));
  }
  lines.push(...(table.notes ?? []).map((note) => `   ${note}`));
  return lines.join('\n');
}

/** The rows marked `key`, one line each, for the end of the run. */
export function formatSummary(tables: readonly ReportTable[]): string[] {
  return tables.flatMap((table) =>
    table.rows
      .filter((row) => row.key)
      .map((row) => {
        const against = row.baseline ? ` vs ${row.baseline}` : '';
        const factor = row.ratio === undefined ? '' : ` = ${times(row.ratio)}`;
        return `${row.metric.trim()}: ${row.value}${against}${factor}`;
      }),
  );
}

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t, uiLanguage } from '@/locales/i18n';
import { csvOf, formatCell, type ChartTable } from '@/models/analytics-tables';
import { toCsv } from '@/models/csv';

export interface ChartFrameProps {
  id: string;
  title: string;
  /** One sentence with the chart's point, shown under the title and read by screen readers. */
  summary?: string | undefined;
  table: ChartTable;
  /** The CSV's file name without extension. */
  file: string;
  /** The chart; without one the frame shows only the table. */
  children?: ComponentChildren;
}

/** A chart with its numbers: switch to a table view, or download them as CSV (UTF-8 with BOM, for Excel). */
export function ChartFrame({ id, title, summary, table, file, children }: ChartFrameProps) {
  const [asTable, setAsTable] = useState(!children);
  const language = uiLanguage.value;
  const download = () => {
    const { header, rows } = csvOf(table, language);
    const url = URL.createObjectURL(new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: `${file}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <section class="yb-chart" aria-labelledby={`${id}-title`} data-chart={id}>
      <div class="yb-chart__head">
        <h3 id={`${id}-title`}>{title}</h3>
        <div class="yb-actions">
          {children && (
            <button type="button" class="yb-button" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
              {t(asTable ? 'chart.showChart' : 'chart.showTable')}
            </button>
          )}
          <button type="button" class="yb-button" onClick={download}>{t('chart.csv')}</button>
        </div>
      </div>
      {summary && <p class="yb-chart__summary">{summary}</p>}
      {asTable || !children ? (
        <div class="yb-table-wrap">
          <table class="yb-table">
            <thead>
              <tr>
                {table.columns.map((column, index) => (
                  <th scope="col" key={index} class={column.kind === 'text' ? undefined : 'yb-num'}>{column.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, index) => (
                <tr key={index}>
                  {row.map((value, column) => {
                    const kind = table.columns[column]?.kind ?? 'text';
                    return <td key={column} class={kind === 'text' ? undefined : 'yb-num'}>{formatCell(value, kind, language)}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        children
      )}
    </section>
  );
}

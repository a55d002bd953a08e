import type { CountryCode } from 'libphonenumber-js';
import type { Analytics, Figures, FunnelMenu } from '../../contract/analytics';
import { translate, type MessageKey, type UiLanguage } from '@/locales/i18n';
import { formatNumber, formatPercent, formatSeconds, weekdayName } from './analytics-format';
import type { CsvCell } from './csv';
import { formatForDisplay } from './phone-number-format';

/**
 * Every chart's numbers as a table: what the table view shows (formatted for the reader) and what
 * the CSV holds (plain numbers a spreadsheet can sum: seconds, percentages) from one definition.
 */

export type ColumnKind = 'text' | 'count' | 'seconds' | 'percent';
export interface Column {
  label: string;
  kind: ColumnKind;
}
export interface ChartTable {
  columns: Column[];
  rows: CsvCell[][];
}

export function formatCell(value: CsvCell, kind: ColumnKind, language: UiLanguage): string {
  if (value === null) return translate(language, 'analytics.none');
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'count':
      return formatNumber(value, language);
    case 'seconds':
      return formatSeconds(value, language);
    case 'percent':
      return formatPercent(value, language);
    case 'text':
      return String(value);
  }
}

/** The CSV form: units in the header, seconds to a tenth, ratios as percentages. */
export function csvOf(table: ChartTable, language: UiLanguage): { header: string[]; rows: CsvCell[][] } {
  const header = table.columns.map((column) =>
    column.kind === 'seconds' ? translate(language, 'col.seconds', { name: column.label })
    : column.kind === 'percent' ? translate(language, 'col.percent', { name: column.label })
    : column.label,
  );
  const rows = table.rows.map((row) =>
    row.map((value, index) => {
      const kind = table.columns[index]?.kind;
      if (typeof value !== 'number') return value;
      if (kind === 'percent') return Math.round(value * 1000) / 10;
      if (kind === 'seconds') return Math.round(value * 10) / 10;
      return value;
    }),
  );
  return { header, rows };
}

const col = (language: UiLanguage, key: MessageKey, kind: ColumnKind): Column => ({ label: translate(language, key), kind });

/** Weekdays down, hours 0–23 across: the heatmap as a grid of counts. */
export function heatmapTable(report: Analytics, language: UiLanguage): ChartTable {
  const cells = new Map(report.heatmap.map((cell) => [`${cell.weekday}:${cell.hour}`, cell.calls]));
  return {
    columns: [col(language, 'col.weekday', 'text'), ...Array.from({ length: 24 }, (_, hour) => ({ label: String(hour), kind: 'count' as const }))],
    rows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => [weekdayName(weekday, language), ...Array.from({ length: 24 }, (_, hour) => cells.get(`${weekday}:${hour}`) ?? 0)]),
  };
}

export function dailyTable(report: Analytics, language: UiLanguage): ChartTable {
  return {
    columns: [col(language, 'col.date', 'text'), col(language, 'col.calls', 'count'), col(language, 'col.answered', 'count'), col(language, 'col.missed', 'count'), col(language, 'col.voicemail', 'count')],
    rows: report.daily.map((day) => [`${day.date} (${weekdayName(isoWeekdayOf(day.date), language)})`, day.calls, day.answered, day.missed, day.voicemail]),
  };
}

/** 1 (Monday) … 7 (Sunday) of a calendar date. */
export function isoWeekdayOf(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

export function missedByHourTable(report: Analytics, language: UiLanguage): ChartTable {
  return {
    columns: [col(language, 'col.hour', 'text'), col(language, 'col.missed', 'count')],
    rows: report.missedByHour.map((missed, hour) => [`${hour}:00`, missed]),
  };
}

const figureColumns = (language: UiLanguage): Column[] => [
  col(language, 'col.calls', 'count'),
  col(language, 'col.answered', 'count'),
  col(language, 'col.missed', 'count'),
  col(language, 'col.voicemail', 'count'),
  col(language, 'col.answerRate', 'percent'),
  col(language, 'col.avgWait', 'seconds'),
  col(language, 'col.p90Wait', 'seconds'),
  col(language, 'col.avgTalk', 'seconds'),
];
const figureCells = (row: Figures): CsvCell[] => [row.calls, row.answered, row.missed, row.voicemail, row.answerRate, row.avgWaitSeconds, row.p90WaitSeconds, row.avgTalkSeconds];

/** `country`: the org's; its numbers in national format, others internationally. */
export function numbersTable(report: Analytics, language: UiLanguage, country: CountryCode): ChartTable {
  return {
    columns: [col(language, 'col.number', 'text'), ...figureColumns(language)],
    rows: report.byNumber.map((row) => [[row.label, formatForDisplay(row.number, country)].filter(Boolean).join(' '), ...figureCells(row)]),
  };
}

export function repsTable(report: Analytics, language: UiLanguage): ChartTable {
  return {
    columns: [
      col(language, 'col.rep', 'text'),
      col(language, 'col.answered', 'count'),
      col(language, 'col.transfersTaken', 'count'),
      col(language, 'col.missed', 'count'),
      col(language, 'col.avgWait', 'seconds'),
      col(language, 'col.avgTalk', 'seconds'),
      col(language, 'col.outbound', 'count'),
      col(language, 'col.talk', 'seconds'),
    ],
    rows: report.byRep.map((row) => [row.name, row.answered, row.transfersTaken, row.missed, row.avgWaitSeconds, row.avgTalkSeconds, row.outbound, row.talkSeconds]),
  };
}

/** `トップメニュー › サポート` for a menu of the funnel. */
export function menuName(menu: Pick<FunnelMenu, 'keys' | 'labels'>, language: UiLanguage): string {
  return [translate(language, 'funnel.top'), ...menu.labels.map((label, index) => label ?? translate(language, 'funnel.key', { key: menu.keys[index] ?? '' }))].join(' › ');
}

export function choiceName(choice: FunnelMenu['choices'][number], language: UiLanguage): string {
  return choice.label ? translate(language, 'funnel.choice', { key: choice.key, label: choice.label }) : translate(language, 'funnel.key', { key: choice.key });
}

/** Per menu: each key's callers, then those who gave up in it, and those still listening. `country`: as numbersTable's. */
export function funnelTable(report: Analytics, language: UiLanguage, country: CountryCode): ChartTable {
  const rows: CsvCell[][] = [];
  for (const number of report.funnel) {
    const line = [number.label, formatForDisplay(number.number, country)].filter(Boolean).join(' ');
    for (const menu of number.menus) {
      const name = menuName(menu, language);
      rows.push([line, name, translate(language, 'funnel.reachedRow'), menu.reached]);
      for (const choice of menu.choices) rows.push([line, name, choiceName(choice, language), choice.reached]);
      rows.push([line, name, translate(language, 'funnel.hungUp'), menu.hungUp]);
      rows.push([line, name, translate(language, 'funnel.invalid'), menu.invalid]);
      if (menu.inMenu > 0) rows.push([line, name, translate(language, 'funnel.inMenu'), menu.inMenu]);
    }
  }
  return { columns: [col(language, 'col.number', 'text'), col(language, 'col.menu', 'text'), col(language, 'col.choice', 'text'), col(language, 'col.callers', 'count')], rows };
}

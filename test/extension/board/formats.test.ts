import { describe, expect, it } from 'vitest';
import { formatCalls, formatPercent, formatSeconds, weekdayName } from '@/models/analytics-format';
import { timerText } from '@/models/timer-text';
import { csvOf, funnelTable, heatmapTable, repsTable } from '@/models/analytics-tables';
import { toCsv } from '@/models/csv';
import { REPORT } from './fixtures';

describe('numbers as people read them', () => {
  it.each([
    ['ja', 1234, '1,234件'],
    ['en', 1234, '1,234 calls'],
    ['en', 1, '1 call'],
  ] as const)('%s: %d calls → %s', (language, count, text) => {
    expect(formatCalls(count, language)).toBe(text);
  });

  it.each([
    ['ja', 80, '1分20秒'],
    ['en', 80, '1 min 20 s'],
    ['ja', 45.4, '45秒'],
    ['en', 7_500, '2 h 5 min'],
    ['ja', 7_500, '2時間5分'],
    ['ja', null, '—'],
  ] as const)('%s: %s seconds → %s', (language, seconds, text) => {
    expect(formatSeconds(seconds, language)).toBe(text);
  });

  it('shows rates, weekdays and running timers', () => {
    expect(formatPercent(3 / 7, 'ja')).toBe('42.9%');
    expect([1, 7].map((day) => weekdayName(day, 'ja'))).toEqual(['月', '日']);
    expect([1, 7].map((day) => weekdayName(day, 'en'))).toEqual(['Mon', 'Sun']);
    expect([42, 725, 3723].map(timerText)).toEqual(['0:42', '12:05', '1:02:03']);
  });
});

describe('CSV for Excel', () => {
  it('starts with a BOM, ends lines with CRLF, quotes what needs it, and never lets a cell run as a formula', () => {
    const csv = toCsv(['番号', '名前', '件数'], [['+81312345678', '山田, "商事"', 3], ['03-1234-5678', '=HYPERLINK("x")', null]]);
    expect(csv).toBe('\uFEFF番号,名前,件数\r\n\'+81312345678,"山田, ""商事""",3\r\n03-1234-5678,"\'=HYPERLINK(""x"")",\r\n');
  });

  it('keeps plain numbers with units in the header: seconds and percentages', () => {
    const { header, rows } = csvOf(
      { columns: [{ label: '番号', kind: 'text' }, { label: '応答率', kind: 'percent' }, { label: '平均応答時間', kind: 'seconds' }], rows: [['代表', 3 / 7, 29.96]] },
      'ja',
    );
    expect(header).toEqual(['番号', '応答率（%）', '平均応答時間（秒）']);
    expect(rows).toEqual([['代表', 42.9, 30]]);
  });

  it('lays the heatmap out as weekdays × hours and the funnel menu by menu', () => {
    const heatmap = heatmapTable(REPORT, 'en');
    expect(heatmap.columns).toHaveLength(25);
    expect(heatmap.rows[0]?.slice(0, 11)).toEqual(['Mon', 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(funnelTable(REPORT, 'ja', 'JP').rows.slice(0, 5)).toEqual([
      ['代表 03-1234-5678', 'トップメニュー', 'このメニューに到達', 6],
      ['代表 03-1234-5678', 'トップメニュー', '1番 営業', 1],
      ['代表 03-1234-5678', 'トップメニュー', '2番 サポート', 4],
      ['代表 03-1234-5678', 'トップメニュー', 'メニューで切断', 0],
      ['代表 03-1234-5678', 'トップメニュー', '入力エラーで終了', 1],
    ]);
  });

  it('shows a rep’s transfers taken beside the calls they answered first', () => {
    const reps = repsTable({ ...REPORT, byRep: [{ ...REPORT.byRep[0]!, answered: 3, transfersTaken: 2 }] }, 'ja');
    expect(reps.columns.slice(0, 3).map((column) => column.label)).toEqual(['担当者', '応答', '転送着信']);
    expect(reps.rows[0]?.slice(0, 3)).toEqual(['佐藤 花子', 3, 2]);
  });
});

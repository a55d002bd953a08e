import { scaleBand, scaleLinear } from 'd3-scale';
import type { Analytics } from '../../../contract/analytics';
import type { UiLanguage } from '@/locales/i18n';
import { formatCalls, weekdayName } from '@/models/analytics-format';

const WIDTH = 760;
const LEFT = 36;
const TOP = 18;
const ROW = 22;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** Calls by weekday (rows, Monday first) × hour of day (columns), darker = more calls. */
export function HeatmapChart({ report, language, label }: { report: Analytics; language: UiLanguage; label: string }) {
  const cells = new Map(report.heatmap.map((cell) => [`${cell.weekday}:${cell.hour}`, cell.calls]));
  const max = Math.max(1, ...report.heatmap.map((cell) => cell.calls));
  const x = scaleBand<number>().domain(HOURS).range([LEFT, WIDTH]).paddingInner(0.08);
  const y = scaleBand<number>().domain(WEEKDAYS).range([TOP, TOP + ROW * 7]).paddingInner(0.08);
  const color = scaleLinear<string>().domain([0, max]).range(['#eef3f8', '#0b4f96']);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${TOP + ROW * 7 + 4}`} role="img" aria-label={label}>
      {HOURS.filter((hour) => hour % 3 === 0).map((hour) => (
        <text key={hour} x={x(hour)! + x.bandwidth() / 2} y={TOP - 6} text-anchor="middle">{hour}</text>
      ))}
      {WEEKDAYS.map((weekday) => (
        <g key={weekday}>
          <text x={LEFT - 6} y={y(weekday)! + y.bandwidth() / 2 + 4} text-anchor="end">{weekdayName(weekday, language)}</text>
          {HOURS.map((hour) => {
            const calls = cells.get(`${weekday}:${hour}`) ?? 0;
            return (
              <rect key={hour} x={x(hour)} y={y(weekday)} width={x.bandwidth()} height={y.bandwidth()} rx={2} fill={calls === 0 ? '#f6f8fa' : color(calls)}>
                <title>{`${weekdayName(weekday, language)} ${hour}:00 — ${formatCalls(calls, language)}`}</title>
              </rect>
            );
          })}
        </g>
      ))}
    </svg>
  );
}

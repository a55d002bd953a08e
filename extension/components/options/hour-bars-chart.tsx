import { scaleBand, scaleLinear } from 'd3-scale';
import type { UiLanguage } from '@/locales/i18n';
import { formatCalls } from '@/models/analytics-format';
import { CountAxis } from './bar-axis';

const WIDTH = 760;
const HEIGHT = 180;
const LEFT = 40;
const BOTTOM = 22;

/** One bar per local hour 0–23 (missed calls by hour). */
export function HourBarsChart({ values, language, label }: { values: readonly number[]; language: UiLanguage; label: string }) {
  const hours = values.map((_, hour) => hour);
  const x = scaleBand<number>().domain(hours).range([LEFT, WIDTH]).paddingInner(0.2);
  const y = scaleLinear().domain([0, Math.max(1, ...values)]).nice().range([HEIGHT - BOTTOM, 6]);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      <CountAxis y={y} left={LEFT} right={WIDTH} language={language} />
      {values.map((value, hour) => (
        <g key={hour}>
          {value > 0 && (
            <rect x={x(hour)} width={x.bandwidth()} y={y(value)} height={y(0) - y(value)} style={{ fill: 'var(--yb-chart-missed)' }}>
              <title>{`${hour}:00 — ${formatCalls(value, language)}`}</title>
            </rect>
          )}
          {hour % 3 === 0 && <text x={x(hour)! + x.bandwidth() / 2} y={HEIGHT - 6} text-anchor="middle">{hour}</text>}
        </g>
      ))}
    </svg>
  );
}

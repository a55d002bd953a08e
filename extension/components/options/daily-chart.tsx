import { scaleBand, scaleLinear } from 'd3-scale';
import type { Analytics } from '../../../contract/analytics';
import { t, type UiLanguage } from '@/locales/i18n';
import { formatCalls } from '@/models/analytics-format';
import { CountAxis } from './bar-axis';

const WIDTH = 760;
const HEIGHT = 220;
const LEFT = 40;
const BOTTOM = 22;
const SERIES = [
  ['answered', 'col.answered', 'var(--yb-chart-answered)'],
  ['missed', 'col.missed', 'var(--yb-chart-missed)'],
  ['voicemail', 'col.voicemail', 'var(--yb-chart-voicemail)'],
] as const;

/** Calls per day, stacked by outcome: answered at the bottom, then missed, then voicemail. */
export function DailyChart({ report, language, label }: { report: Analytics; language: UiLanguage; label: string }) {
  const days = report.daily;
  const x = scaleBand<string>().domain(days.map((day) => day.date)).range([LEFT, WIDTH]).paddingInner(0.2).paddingOuter(0.1);
  const y = scaleLinear().domain([0, Math.max(1, ...days.map((day) => day.answered + day.missed + day.voicemail))]).nice().range([HEIGHT - BOTTOM, 6]);
  const every = Math.ceil(days.length / 12);
  return (
    <>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
        <CountAxis y={y} left={LEFT} right={WIDTH} language={language} />
        {days.map((day, index) => {
          let base = 0;
          return (
            <g key={day.date}>
              {SERIES.map(([field, name, color]) => {
                const value = day[field];
                const top = base + value;
                const rect = value > 0 && (
                  <rect key={field} x={x(day.date)} width={x.bandwidth()} y={y(top)} height={y(base) - y(top)} style={{ fill: color }}>
                    <title>{`${day.date} ${t('common.label', { label: t(name) })}${formatCalls(value, language)}`}</title>
                  </rect>
                );
                base = top;
                return rect;
              })}
              {index % every === 0 && (
                <text x={x(day.date)! + x.bandwidth() / 2} y={HEIGHT - 6} text-anchor="middle">{`${Number(day.date.slice(5, 7))}/${Number(day.date.slice(8))}`}</text>
              )}
            </g>
          );
        })}
      </svg>
      <ul class="yb-legend">
        {SERIES.map(([field, name, color]) => <li key={field} style={{ '--yb-swatch': color }}>{t(name)}</li>)}
      </ul>
    </>
  );
}

import type { ScaleLinear } from 'd3-scale';
import type { UiLanguage } from '@/locales/i18n';
import { formatNumber } from '@/models/analytics-format';

/** Horizontal grid lines with their counts on the left, at the scale's round ticks. */
export function CountAxis({ y, left, right, language }: { y: ScaleLinear<number, number>; left: number; right: number; language: UiLanguage }) {
  return (
    <g>
      {y.ticks(4).filter(Number.isInteger).map((tick) => (
        <g key={tick}>
          <line x1={left} x2={right} y1={y(tick)} y2={y(tick)} stroke="#e3e8ee" />
          <text x={left - 6} y={y(tick) + 4} text-anchor="end">{formatNumber(tick, language)}</text>
        </g>
      ))}
    </g>
  );
}

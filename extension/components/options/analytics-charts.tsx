import type { CountryCode } from 'libphonenumber-js';
import type { Analytics } from '../../../contract/analytics';
import { t, type UiLanguage } from '@/locales/i18n';
import { formatCalls, formatNumber, weekdayName } from '@/models/analytics-format';
import { dailyTable, funnelTable, heatmapTable, missedByHourTable, numbersTable, repsTable } from '@/models/analytics-tables';
import { ChartFrame } from './chart-frame';
import { DailyChart } from './daily-chart';
import { FunnelChart } from './funnel-chart';
import { HeatmapChart } from './heatmap-chart';
import { HourBarsChart } from './hour-bars-chart';

/**
 * The analytics page's charts. Loaded on demand (a dynamic import from analytics-section.tsx): the
 * chart code and its scale library stay out of the options page's first load, the popup and the
 * CRM pages. `country`: the org's, whose numbers show in national format.
 */
export function AnalyticsCharts({ report, language, country }: { report: Analytics; language: UiLanguage; country: CountryCode }) {
  const file = (name: string) => `yobidashi-${name}-${report.range.from}_${report.range.to}`;
  const busiest = [...report.heatmap].sort((a, b) => b.calls - a.calls)[0];
  const mostMissed = report.missedByHour.reduce((best, value, hour) => (value > (report.missedByHour[best] ?? 0) ? hour : best), 0);
  const heatmapSummary = busiest
    ? t('chart.summary.heatmap', { weekday: weekdayName(busiest.weekday, language), hour: busiest.hour, count: formatCalls(busiest.calls, language) })
    : t('chart.empty');
  const dailySummary = t(report.daily.length === 1 ? 'chart.summary.daily.one' : 'chart.summary.daily', { days: formatNumber(report.daily.length, language), count: formatCalls(report.totals.calls, language) });
  const missedSummary = (report.missedByHour[mostMissed] ?? 0) > 0
    ? t('chart.summary.missedByHour', { hour: mostMissed, count: formatCalls(report.missedByHour[mostMissed]!, language) })
    : undefined;
  return (
    <div class="yb-analytics__charts">
      <ChartFrame id="chart-heatmap" title={t('chart.heatmap')} summary={heatmapSummary} table={heatmapTable(report, language)} file={file('heatmap')}>
        <HeatmapChart report={report} language={language} label={`${t('common.label', { label: t('chart.heatmap') })}${heatmapSummary}`} />
      </ChartFrame>
      <ChartFrame id="chart-daily" title={t('chart.daily')} summary={dailySummary} table={dailyTable(report, language)} file={file('daily')}>
        <DailyChart report={report} language={language} label={`${t('common.label', { label: t('chart.daily') })}${dailySummary}`} />
      </ChartFrame>
      <ChartFrame id="chart-missed" title={t('chart.missedByHour')} summary={missedSummary} table={missedByHourTable(report, language)} file={file('missed-by-hour')}>
        <HourBarsChart values={report.missedByHour} language={language} label={missedSummary ? `${t('common.label', { label: t('chart.missedByHour') })}${missedSummary}` : t('chart.missedByHour')} />
      </ChartFrame>
      {report.funnel.length > 0 && (
        <ChartFrame id="chart-funnel" title={t('chart.funnel')} table={funnelTable(report, language, country)} file={file('ivr-funnel')}>
          <FunnelChart report={report} language={language} country={country} />
        </ChartFrame>
      )}
      <ChartFrame id="chart-reps" title={t('chart.reps')} table={repsTable(report, language)} file={file('reps')} />
      <ChartFrame id="chart-numbers" title={t('chart.numbers')} table={numbersTable(report, language, country)} file={file('numbers')} />
    </div>
  );
}

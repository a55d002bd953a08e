import '@/assets/board.css';
import { useEffect, useState } from 'preact/hooks';
import type { Analytics, RangePreset } from '../../../contract/analytics';
import { t, uiLanguage } from '@/locales/i18n';
import { formatCalls, formatPercent, formatSeconds } from '@/models/analytics-format';
import type { AnalyticsQuery, BoardApi } from '@/models/board-api';
import { boardErrorText } from '@/models/board-errors';
import { displayNumber } from '../call-party';
import { FormField } from './form-field';
import { useOrgCountry } from './org-settings';
import { TimeZoneField } from './time-zone-field';
import { useAsync } from './use-async';

type Charts = typeof import('./analytics-charts');
const PRESETS: readonly RangePreset[] = ['today', 'week', 'month'];

/**
 * Call analytics for a range (today, this week, this month, or two dates) and filters (number, IVR
 * branch, rep): the key figures here, the charts from a module loaded only when this tab opens.
 */
export function AnalyticsSection({ api, isAdmin }: { api: BoardApi; isAdmin: boolean }) {
  const [query, setQuery] = useState<AnalyticsQuery>({ preset: 'week' });
  const [custom, setCustom] = useState<{ from: string; to: string } | null>(null);
  const [charts, setCharts] = useState<Charts | null>(null);
  const report = useAsync(() => api.analytics(query), [api, JSON.stringify(query)]);
  const country = useOrgCountry();
  useEffect(() => {
    void import('./analytics-charts').then(setCharts);
  }, []);
  const data = report.data;
  const language = uiLanguage.value;
  const set = (patch: AnalyticsQuery) => setQuery({ ...query, ...patch });
  const numberChoice = data?.choices.numbers.find((number) => number.number === query.number);

  return (
    <section aria-labelledby="analytics-title" aria-busy={report.loading}>
      <h2 id="analytics-title" class="yb-heading">{t('tab.analytics')}</h2>
      <div class="yb-analytics__filters">
        <div class="yb-row">
          <div role="group" aria-label={t('analytics.range')} class="yb-segmented">
            {PRESETS.map((preset) => (
              <button type="button" key={preset} aria-pressed={!custom && query.preset === preset} onClick={() => (setCustom(null), setQuery({ ...query, preset, from: undefined, to: undefined }))}>
                {t(`analytics.preset.${preset}`)}
              </button>
            ))}
            <button type="button" aria-pressed={custom !== null} onClick={() => setCustom(custom ?? { from: data?.range.from ?? '', to: data?.range.to ?? '' })}>
              {t('analytics.preset.custom')}
            </button>
          </div>
        </div>
        {custom && (
          <form class="yb-row" onSubmit={(event) => (event.preventDefault(), set({ preset: undefined, from: custom.from, to: custom.to }))}>
            <FormField id="analytics-from" label={t('analytics.from')}>
              {(props) => <input {...props} type="date" required value={custom.from} onInput={(e) => setCustom({ ...custom, from: e.currentTarget.value })} />}
            </FormField>
            <FormField id="analytics-to" label={t('analytics.to')}>
              {(props) => <input {...props} type="date" required value={custom.to} onInput={(e) => setCustom({ ...custom, to: e.currentTarget.value })} />}
            </FormField>
            <button type="submit" class="yb-button yb-button--primary">{t('analytics.show')}</button>
          </form>
        )}
        <div class="yb-row">
          <FormField id="analytics-number" label={t('analytics.number')}>
            {(props) => (
              <select {...props} value={query.number ?? ''} onChange={(e) => set({ number: e.currentTarget.value || undefined, branch: undefined })}>
                <option value="">{t('common.any')}</option>
                {data?.choices.numbers.map((number) => (
                  <option key={number.number} value={number.number}>{[number.label, displayNumber(number.number, country)].filter(Boolean).join(' ')}</option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id="analytics-branch" label={t('analytics.branch')}>
            {(props) => (
              <select {...props} disabled={!numberChoice?.branches.length} value={query.branch ?? ''} onChange={(e) => set({ branch: e.currentTarget.value || undefined })}>
                <option value="">{t('common.any')}</option>
                {numberChoice?.branches.map((branch) => <option key={branch.keys} value={branch.keys}>{`${branch.keys.split('').join('-')} ${branch.labels.join(' › ')}`}</option>)}
              </select>
            )}
          </FormField>
          <FormField id="analytics-rep" label={t('analytics.rep')}>
            {(props) => (
              <select {...props} value={query.rep ?? ''} onChange={(e) => set({ rep: e.currentTarget.value || undefined })}>
                <option value="">{t('common.any')}</option>
                {data?.choices.reps.map((rep) => <option key={rep.id} value={rep.id}>{rep.name}</option>)}
              </select>
            )}
          </FormField>
        </div>
      </div>
      {report.failure !== null && <p class="yb-alert yb-alert--error" role="alert">{boardErrorText(report.failure, language)}</p>}
      {data && (
        <>
          <p class="yb-muted" data-testid="analytics-range">{t('analytics.rangeShown', { from: data.range.from, to: data.range.to, zone: data.range.timeZone })}</p>
          {isAdmin && <TimeZoneField key={data.range.timeZone} api={api} current={data.range.timeZone} onSaved={() => void report.reload()} />}
          <Kpis report={data} />
          {charts ? <charts.AnalyticsCharts report={data} language={language} country={country} /> : <p class="yb-muted">{t('analytics.loadingCharts')}</p>}
        </>
      )}
    </section>
  );
}

function Kpis({ report }: { report: Analytics }) {
  const language = uiLanguage.value;
  const { totals } = report;
  const items: [string, string][] = [
    [t('analytics.kpi.calls'), formatCalls(totals.calls, language)],
    [t('col.answered'), formatCalls(totals.answered, language)],
    [t('col.missed'), formatCalls(totals.missed, language)],
    [t('col.voicemail'), formatCalls(totals.voicemail, language)],
    [t('analytics.kpi.answerRate'), formatPercent(totals.answerRate, language)],
    [t('analytics.kpi.avgWait'), formatSeconds(totals.avgWaitSeconds, language)],
    [t('analytics.kpi.p90Wait'), formatSeconds(totals.p90WaitSeconds, language)],
    [t('analytics.kpi.avgTalk'), formatSeconds(totals.avgTalkSeconds, language)],
  ];
  return (
    <dl class="yb-kpis">
      {items.map(([name, value]) => (
        <div class="yb-kpi" key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

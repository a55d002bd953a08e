import { t, uiLanguage } from '@/locales/i18n';
import type { AdminApi } from '@/models/admin-api';
import { formatNumber } from '@/models/analytics-format';
import { displayNumber } from '../call-party';
import { waitText } from '../waiting-line-indicator';
import { useOrgCountry } from './org-settings';
import { useAsync } from './use-async';

/** Who is waiting in line now, per number, with the longest wait. */
export function WaitingLineOverview({ api }: { api: AdminApi }) {
  const line = useAsync(() => api.getWaitingLine(), [api]);
  const country = useOrgCountry();
  return (
    <section aria-labelledby="waiting-line-title" aria-busy={line.loading}>
      <div class="yb-row">
        <h3 id="waiting-line-title" class="yb-heading">
          {t('waitingLine.title')}
        </h3>
        <button type="button" class="yb-button" onClick={() => void line.reload()}>
          {t('common.refresh')}
        </button>
      </div>
      {line.error && <p class="yb-alert yb-alert--error" role="alert">{line.error}</p>}
      {line.data && line.data.count === 0 && <p class="yb-muted">{t('waitingLine.none')}</p>}
      <ul class="yb-list">
        {(line.data?.lines ?? []).map((row) => (
          <li key={row.number}>{t('waitingLine.row', { label: row.label || displayNumber(row.number, country), count: formatNumber(row.count, uiLanguage.value), wait: waitText(row.longestWaitSeconds) })}</li>
        ))}
      </ul>
    </section>
  );
}

import { t } from '@/locales/i18n';
import type { AdminApi } from '@/models/admin-api';
import { waitText } from '../waiting-line-indicator';
import { useAsync } from './use-async';

/** Who is waiting in line now, per number, with the longest wait. */
export function WaitingLineOverview({ api }: { api: AdminApi }) {
  const line = useAsync(() => api.getWaitingLine(), [api]);
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
          <li key={row.number}>{t('waitingLine.row', { label: row.label || row.number, count: row.count, wait: waitText(row.longestWaitSeconds) })}</li>
        ))}
      </ul>
    </section>
  );
}

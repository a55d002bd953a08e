import { t, uiLanguage } from '@/locales/i18n';
import type { AdminApi } from '@/models/admin-api';
import { formatTime } from '@/models/date-format';
import { useAsync } from './use-async';
import { WaitingLineOverview } from './waiting-line-overview';

/** Who is online or on a call now, and the order sequential ringing will use. */
export function PresenceSection({ api }: { api: AdminApi }) {
  const presence = useAsync(() => api.getPresence(), [api]);
  const names = new Map((presence.data?.reps ?? []).map((rep) => [rep.id, rep.name]));
  const time = (iso: string | null) => (iso ? formatTime(iso, uiLanguage.value) : '');
  return (
    <section aria-labelledby="presence-title" aria-busy={presence.loading}>
      <div class="yb-row">
        <h2 id="presence-title" class="yb-heading">{t('tab.presence')}</h2>
        <button type="button" class="yb-button" onClick={() => void presence.reload()}>{t('common.refresh')}</button>
      </div>
      {presence.error && <p class="yb-alert yb-alert--error" role="alert">{presence.error}</p>}
      {presence.data?.reps.length === 0 && <p class="yb-muted">{t('presence.empty')}</p>}
      <ul class="yb-list">
        {(presence.data?.reps ?? []).map((rep) => (
          <li key={rep.id}>
            {rep.name} <span class="yb-tag">{t(`presence.${rep.status}`)}</span>{' '}
            {rep.since && <span class="yb-muted">{t('presence.since', { time: time(rep.since) })}</span>}
          </li>
        ))}
      </ul>
      <h3 class="yb-heading">{t('presence.ringOrder')}</h3>
      <ol>
        {(presence.data?.ringOrder ?? []).map((id) => <li key={id}>{names.get(id) ?? id}</li>)}
      </ol>
      <WaitingLineOverview api={api} />
    </section>
  );
}

import { useState } from 'preact/hooks';
import { t, uiLanguage } from '@/locales/i18n';
import type { AdminApi, CrmDelivery } from '@/models/admin-api';
import { formatDateTime } from '@/models/date-format';
import { DataTable } from './data-table';
import { messageOf, useAsync } from './use-async';

/** Deliveries the outbox gave up on (or Zoho refused), with the reason; retry one or all. */
export function CrmParkedDeliveries({ api, onRetried }: { api: AdminApi; onRetried?: () => void }) {
  const parked = useAsync(() => api.listParkedDeliveries(), [api]);
  const [failure, setFailure] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const entries = parked.data ?? [];

  const act = async (change: () => Promise<string | null>) => {
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      setNotice(await change());
      await parked.reload();
      onRetried?.();
    } catch (caught) {
      setFailure(caught);
    } finally {
      setBusy(false);
    }
  };
  const retryOne = (entry: CrmDelivery) =>
    act(async () => {
      await api.retryDelivery(entry.id);
      // Gone from the list at once; the reload confirms it.
      parked.setData(entries.filter((candidate) => candidate.id !== entry.id));
      return t('crm.parked.requeued', { count: 1 });
    });
  const retryAll = () => act(async () => t('crm.parked.requeued', { count: await api.retryParkedDeliveries() }));

  return (
    <section aria-labelledby="crm-parked-title" aria-busy={parked.loading || busy}>
      <div class="yb-row">
        <h3 id="crm-parked-title" class="yb-heading">{t('crm.parked.title')}</h3>
        <button type="button" class="yb-button" onClick={() => void parked.reload()}>{t('common.refresh')}</button>
        {entries.length > 0 && (
          <button type="button" class="yb-button yb-button--primary" disabled={busy} onClick={() => void retryAll()}>{t('crm.parked.retryAll')}</button>
        )}
      </div>
      <p class="yb-field__help">{t('crm.parked.help')}</p>
      {parked.error && <p class="yb-alert yb-alert--error" role="alert">{parked.error}</p>}
      {failure !== null && <p class="yb-alert yb-alert--error" role="alert">{messageOf(failure)}</p>}
      {notice && <p role="status">{notice}</p>}
      {parked.data && entries.length === 0 && <p class="yb-muted">{t('crm.parked.empty')}</p>}
      {entries.length > 0 && (
        <DataTable
          testId="crm-parked"
          columns={[t('crm.parked.call'), t('crm.parked.kind'), t('crm.parked.attempts'), t('crm.parked.reason'), t('crm.parked.when')]}
          actions={t('crm.parked.retry')}
        >
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td><code>{entry.callSid}</code></td>
              <td>{t(`crm.kind.${entry.kind}`)}</td>
              <td>{entry.attempts}</td>
              <td>{entry.lastError ?? '—'}</td>
              <td>{formatDateTime(entry.updatedAt, uiLanguage.value)}</td>
              <td>
                <button
                  type="button"
                  class="yb-button"
                  disabled={busy}
                  aria-label={t('crm.parked.retryOne', { kind: t(`crm.kind.${entry.kind}`), call: entry.callSid })}
                  onClick={() => void retryOne(entry)}
                >
                  {t('crm.parked.retry')}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

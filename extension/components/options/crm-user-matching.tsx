import { useState } from 'preact/hooks';
import { t } from '@/locales/i18n';
import type { AdminApi, CrmUserSync } from '@/models/admin-api';
import { messageOf } from './use-async';

/** "Match users": the org's active Zoho users against the reps, by email; shows who matched and who did not. */
export function CrmUserMatching({ api }: { api: AdminApi }) {
  const [result, setResult] = useState<CrmUserSync | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const sync = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setResult(await api.syncCrmUsers());
    } catch (caught) {
      setFailure(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="crm-users-title" aria-busy={busy}>
      <h3 id="crm-users-title" class="yb-heading">{t('crm.users.title')}</h3>
      <p class="yb-field__help">{t('crm.users.help')}</p>
      <button type="button" class="yb-button" disabled={busy} onClick={() => void sync()}>
        {busy ? t('crm.users.syncing') : t('crm.users.sync')}
      </button>
      {failure !== null && <p class="yb-alert yb-alert--error" role="alert">{messageOf(failure)}</p>}
      {result && (
        <div data-testid="crm-user-matching" role="status">
          <h4 class="yb-heading">{t('crm.users.matched', { count: result.matched.length })}</h4>
          {result.matched.length === 0 ? (
            <p class="yb-muted">{t('crm.users.none')}</p>
          ) : (
            <ul class="yb-list" aria-label={t('crm.users.matched', { count: result.matched.length })}>
              {result.matched.map((rep) => (
                <li key={rep.userId}>{t('crm.users.matchedRow', { name: rep.name, email: rep.email, crmName: rep.crmUserName || rep.crmUserId })}</li>
              ))}
            </ul>
          )}
          <h4 class="yb-heading">{t('crm.users.unmatched', { count: result.unmatched.length })}</h4>
          {result.unmatched.length === 0 ? (
            <p class="yb-muted">{t('crm.users.none')}</p>
          ) : (
            <ul class="yb-list" aria-label={t('crm.users.unmatched', { count: result.unmatched.length })}>
              {result.unmatched.map((rep) => (
                <li key={rep.userId}>{t('crm.users.unmatchedRow', { name: rep.name, email: rep.email })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

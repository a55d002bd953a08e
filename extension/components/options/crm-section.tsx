import { useState } from 'preact/hooks';
import { apiErrorText } from '@/locales/api-error-text';
import { t, uiLanguage } from '@/locales/i18n';
import type { AdminApi, CrmStatus } from '@/models/admin-api';
import { formatNumber } from '@/models/analytics-format';
import { formatDateTime } from '@/models/date-format';
import { CrmConnectForm } from './crm-connect-form';
import { CrmParkedDeliveries } from './crm-parked-deliveries';
import { CrmUserMatching } from './crm-user-matching';
import { messageOf, useAsync } from './use-async';

/**
 * The CRM tab (admin): the Zoho CRM connection (data centre, org and Zoho user, never a token),
 * connecting and disconnecting, rep ↔ Zoho user matching, parked deliveries and the recordings choice.
 */
export function CrmSection({ api, openUrl }: { api: AdminApi; openUrl?: (url: string) => void }) {
  const status = useAsync(() => api.getCrm(), [api]);
  const [reconnecting, setReconnecting] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const crm = status.data;
  const connection = crm?.connected ? crm : null;

  const disconnect = async () => {
    if (!globalThis.confirm(t('crm.disconnect.confirm'))) return;
    setFailure(null);
    try {
      await api.disconnectCrm();
      setReconnecting(false);
      await status.reload();
    } catch (caught) {
      setFailure(caught);
    }
  };
  const connected = () => {
    setReconnecting(false);
    void status.reload();
  };

  return (
    <section aria-labelledby="crm-title" aria-busy={status.loading}>
      <div class="yb-row">
        <h2 id="crm-title" class="yb-heading">{t('tab.crm')}</h2>
        <button type="button" class="yb-button" onClick={() => void status.reload()}>{t('common.refresh')}</button>
      </div>
      {status.error && <p class="yb-alert yb-alert--error" role="alert">{status.error}</p>}
      {failure !== null && <p class="yb-alert yb-alert--error" role="alert">{messageOf(failure)}</p>}
      {connection?.problemCode ? (
        <p class="yb-alert yb-alert--error" role="alert">{apiErrorText(uiLanguage.value, { code: connection.problemCode })}</p>
      ) : (
        connection?.problem && <p class="yb-alert yb-alert--error" role="alert">{t('crm.problem', { reason: connection.problem })}</p>
      )}
      {crm && !connection && <p class="yb-muted">{t('crm.notConnected')}</p>}
      {connection && (
        <>
          <dl class="yb-summary" data-testid="crm-connection">
            <dt>{t('crm.dataCentre')}</dt>
            <dd>{t(`crm.dc.${connection.dataCentre}`)}</dd>
            <dt>{t('crm.org')}</dt>
            <dd>{connection.org?.name ?? connection.org?.id ?? '—'}</dd>
            <dt>{t('crm.connectedUser')}</dt>
            <dd>{connection.user ? t('crm.connectedUser.value', { name: connection.user.name, email: connection.user.email }) : '—'}</dd>
            <dt>{t('crm.connectedAt')}</dt>
            <dd>{formatDateTime(connection.connectedAt, uiLanguage.value)}</dd>
            <dt>{t('crm.client')}</dt>
            <dd>{connection.selfClient ? t('crm.client.self') : t('crm.client.server')}</dd>
          </dl>
          {crm && <p class="yb-muted">{t('crm.outbox', { pending: formatNumber(crm.outbox.pending, uiLanguage.value), parked: formatNumber(crm.outbox.parked, uiLanguage.value) })}</p>}
          <div class="yb-actions">
            {!reconnecting && <button type="button" class="yb-button" onClick={() => setReconnecting(true)}>{t('crm.reconnect')}</button>}
            <button type="button" class="yb-button" onClick={() => void disconnect()}>{t('crm.disconnect')}</button>
          </div>
        </>
      )}
      {crm && (!connection || reconnecting) && (
        <CrmConnectForm
          api={api}
          serverClient={crm.serverClient}
          initialDataCentre={connection?.dataCentre ?? 'JP'}
          onConnected={connected}
          onCheck={() => void status.reload()}
          {...(reconnecting ? { onCancel: () => setReconnecting(false) } : {})}
          {...(openUrl ? { openUrl } : {})}
        />
      )}
      {connection && <CrmUserMatching api={api} />}
      {crm && <CrmParkedDeliveries api={api} onRetried={() => void status.reload()} />}
      {crm && <RecordingsSetting api={api} status={crm} onSaved={(settings) => status.setData({ ...crm, settings })} />}
    </section>
  );
}

/** The admin's choice to delete recordings from Twilio once they are in the CRM; saved when toggled. */
function RecordingsSetting({ api, status, onSaved }: { api: AdminApi; status: CrmStatus; onSaved: (settings: CrmStatus['settings']) => void }) {
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const checked = status.settings.deleteRecordingsAfterUpload;

  const toggle = async (next: boolean) => {
    setSaving(true);
    setFailure(null);
    setSaved(false);
    try {
      onSaved(await api.saveCrmSettings({ ...status.settings, deleteRecordingsAfterUpload: next }));
      setSaved(true);
    } catch (caught) {
      setFailure(caught);
    } finally {
      setSaving(false);
    }
  };

  const describedBy = ['crm-delete-recordings-help', failure !== null ? 'crm-delete-recordings-error' : ''].filter(Boolean).join(' ');
  return (
    <section aria-labelledby="crm-recordings-title">
      <h3 id="crm-recordings-title" class="yb-heading">{t('crm.recordings.title')}</h3>
      <div class={`yb-field${failure !== null ? ' yb-field--invalid' : ''}`}>
        <label class="yb-check-option" for="crm-delete-recordings">
          <input
            id="crm-delete-recordings"
            type="checkbox"
            checked={checked}
            disabled={saving}
            aria-invalid={failure !== null}
            aria-describedby={describedBy}
            onChange={(event) => void toggle(event.currentTarget.checked)}
          />
          {t('crm.recordings.delete')}
        </label>
        <p class="yb-field__help" id="crm-delete-recordings-help">{t('crm.recordings.delete.help')}</p>
        {failure !== null && (
          <p class="yb-field__error" id="crm-delete-recordings-error" role="alert">{messageOf(failure)}</p>
        )}
        {saved && <p role="status">{t('common.saved')}</p>}
      </div>
    </section>
  );
}

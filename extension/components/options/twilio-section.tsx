import { useState } from 'preact/hooks';
import { t, uiLanguage } from '@/locales/i18n';
import type { AdminApi, TwilioAccount } from '@/models/admin-api';
import type { PreviousAccount } from '@/models/admin-schemas';
import { apiErrorText } from '@/locales/api-error-text';
import { ApiError, fieldIssueText } from '@/models/api-error';
import { FormField } from './form-field';
import { PreviousAccountNotice } from './previous-account-notice';
import { messageOf, useAsync } from './use-async';

/** Step 1: Account SID + Auth Token, checked by the server against Twilio; the token is never shown again. */
export function TwilioSection({ api, onChanged }: { api: AdminApi; onChanged?: () => void }) {
  const status = useAsync(() => api.getTwilio(), [api]);
  const [editing, setEditing] = useState(false);
  const [accountSid, setAccountSid] = useState('');
  const [authToken, setAuthToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  /** After switching accounts: what became of the previous one (only the PUT that switched says). */
  const [previous, setPrevious] = useState<PreviousAccount | null>(null);

  const connect = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const next: TwilioAccount = await api.connectTwilio({ accountSid: accountSid.trim(), authToken: authToken.trim() });
      status.setData(next);
      setPrevious(next.previousAccount ?? null);
      setAuthToken('');
      setEditing(false);
      onChanged?.();
    } catch (caught) {
      setFailure(caught);
    } finally {
      setBusy(false);
    }
  };

  const issues = failure instanceof ApiError ? failure.issues : [];
  const fieldIssue = (name: string) => issues.find((issue) => issue.path === name || issue.path.endsWith(`.${name}`));
  const fieldError = (name: string) => {
    const found = fieldIssue(name);
    return found ? fieldIssueText(found) : undefined;
  };
  const account = status.data?.configured ? status.data : null;
  const showForm = editing || (!status.loading && !account);
  return (
    <section aria-labelledby="twilio-title" aria-busy={status.loading}>
      <h2 id="twilio-title" class="yb-heading">
        {t('tab.twilio')}
      </h2>
      {status.error && <p class="yb-alert yb-alert--error" role="alert">{status.error}</p>}
      {account?.problem && <p class="yb-alert yb-alert--error" role="alert">{apiErrorText(uiLanguage.value, account.problem)}</p>}
      {previous && <PreviousAccountNotice previous={previous} />}
      {account ? (
        <dl class="yb-summary" data-testid="twilio-account">
          <dt>{t('twilio.friendlyName')}</dt>
          <dd>{account.friendlyName ?? '—'}</dd>
          <dt>{t('twilio.accountSid')}</dt>
          <dd><code>{account.accountSid}</code></dd>
          <dt>{t('twilio.status')}</dt>
          <dd>{account.status ? t(`twilio.status.${account.status}`) : '—'}</dd>
          <dt>{t('twilio.type')}</dt>
          <dd>{account.type ? t(`twilio.type.${account.type}`) : '—'}</dd>
          <dt>{t('twilio.authToken')}</dt>
          <dd>{t('twilio.storedToken', { masked: account.authToken ?? '••••' })}</dd>
        </dl>
      ) : (
        !status.loading && <p class="yb-muted">{t('twilio.notConnected')}</p>
      )}
      {account && !editing && (
        <button type="button" class="yb-button" onClick={() => setEditing(true)}>
          {t('twilio.replace')}
        </button>
      )}
      {showForm && (
        <form class="yb-form" onSubmit={connect} noValidate>
          {failure !== null && <p class="yb-alert yb-alert--error" role="alert">{issues.length > 0 ? t('error.validation') : messageOf(failure)}</p>}
          <FormField id="twilio-sid" label={t('twilio.accountSid')} error={fieldError('accountSid')}>
            {(props) => (
              <input {...props} type="text" autoComplete="off" spellcheck={false} placeholder="AC…" value={accountSid} onInput={(e) => setAccountSid(e.currentTarget.value)} />
            )}
          </FormField>
          <FormField id="twilio-token" label={t('twilio.authToken')} help={t('twilio.authToken.help')} error={fieldError('authToken')}>
            {(props) => (
              <input {...props} type="password" autoComplete="off" spellcheck={false} value={authToken} onInput={(e) => setAuthToken(e.currentTarget.value)} />
            )}
          </FormField>
          <div class="yb-actions">
            <button type="submit" class="yb-button yb-button--primary" disabled={busy || !accountSid || !authToken}>
              {busy ? t('twilio.connecting') : t('twilio.connect')}
            </button>
            {editing && (
              <button type="button" class="yb-button" onClick={() => setEditing(false)}>
                {t('common.cancel')}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}

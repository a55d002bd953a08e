import { useState } from 'preact/hooks';
import { t } from '@/locales/i18n';
import { ZOHO_DATA_CENTRES, type CrmConnection, type ZohoDataCentre } from '@/models/admin-crm';
import type { AdminApi } from '@/models/admin-api';
import { ApiError, fieldIssueText } from '@/models/api-error';
import { FieldGroup, FormField } from './form-field';
import { messageOf } from './use-async';

/** What the Self Client needs to be granted (server/crm/zoho/connect.ts ZOHO_SCOPES). */
const SELF_CLIENT_SCOPES =
  'ZohoCRM.modules.calls.ALL,ZohoCRM.modules.notes.ALL,ZohoCRM.modules.attachments.ALL,ZohoCRM.modules.tasks.ALL,ZohoCRM.modules.leads.READ,' +
  'ZohoCRM.modules.contacts.READ,ZohoCRM.modules.accounts.READ,ZohoCRM.modules.deals.READ,ZohoSearch.securesearch.READ,' +
  'ZohoCRM.users.READ,ZohoCRM.org.READ,ZohoCRM.settings.fields.READ';

type Field = 'dataCentre' | 'clientId' | 'clientSecret' | 'code' | 'signIn' | '';

/** Zoho's refusals the page places next to the field they concern, worded from their code like any other error. */
const ZOHO_ERRORS: Record<string, Field> = {
  zoho_invalid_code: 'code',
  zoho_invalid_client: 'clientId',
  zoho_client_missing: 'clientId',
  zoho_unavailable: '',
  zoho_untrusted_api_domain: 'dataCentre',
  zoho_server_client_missing: 'signIn',
};
const FIELDS: readonly Field[] = ['dataCentre', 'clientId', 'clientSecret', 'code'];

export function connectErrors(failure: unknown): Map<Field, string> {
  const errors = new Map<Field, string>();
  if (failure instanceof ApiError) {
    const field = ZOHO_ERRORS[failure.code];
    if (field !== undefined) return errors.set(field, failure.code === 'zoho_server_client_missing' ? t('crm.signIn.unavailable') : messageOf(failure));
    for (const issue of failure.issues) {
      const field = FIELDS.find((candidate) => candidate === issue.path);
      if (field && !errors.has(field)) errors.set(field, fieldIssueText(issue));
    }
    if (errors.size > 0) return errors;
  }
  return errors.set('', messageOf(failure));
}

export interface CrmConnectFormProps {
  api: AdminApi;
  /** The server has its own OAuth client: "Sign in with Zoho" works. */
  serverClient: boolean;
  initialDataCentre?: ZohoDataCentre;
  onConnected: (connection: CrmConnection) => void;
  /** The admin came back from Zoho's tab: read the status again. */
  onCheck: () => void;
  onCancel?: () => void;
  openUrl?: (url: string) => void;
}

const openInNewTab = (url: string) => void globalThis.open(url, '_blank', 'noopener');

/** Connect Zoho CRM: the data centre, then Zoho's consent page (server client) or a Self Client's grant code. */
export function CrmConnectForm({ api, serverClient, initialDataCentre = 'JP', onConnected, onCheck, onCancel, openUrl = openInNewTab }: CrmConnectFormProps) {
  const [dataCentre, setDataCentre] = useState<ZohoDataCentre>(initialDataCentre);
  const [draft, setDraft] = useState({ clientId: '', clientSecret: '', code: '' });
  const [errors, setErrors] = useState<Map<Field, string>>(new Map());
  const [busy, setBusy] = useState(false);
  const [opened, setOpened] = useState(false);

  const signIn = async () => {
    setErrors(new Map());
    try {
      openUrl(await api.zohoAuthorizeUrl(dataCentre));
      setOpened(true);
    } catch (failure) {
      const found = connectErrors(failure);
      setErrors(new Map([['signIn', found.get('signIn') ?? found.get('') ?? [...found.values()].join(' ')]]));
    }
  };

  const connect = async (event: Event) => {
    event.preventDefault();
    const missing = new Map<Field, string>();
    for (const field of ['clientId', 'clientSecret', 'code'] as const) if (!draft[field].trim()) missing.set(field, t('crm.error.required'));
    if (missing.size > 0) return setErrors(missing);
    setBusy(true);
    setErrors(new Map());
    try {
      const connection = await api.connectZoho({ dataCentre, code: draft.code.trim(), clientId: draft.clientId.trim(), clientSecret: draft.clientSecret.trim() });
      setDraft({ clientId: '', clientSecret: '', code: '' });
      onConnected(connection);
    } catch (failure) {
      // The form keeps what was typed: only the field Zoho refused needs changing.
      setErrors(connectErrors(failure));
    } finally {
      setBusy(false);
    }
  };

  const input = (field: 'clientId' | 'clientSecret' | 'code', type: 'text' | 'password') => (
    <FormField id={`crm-${field}`} label={t(`crm.${field}`)} error={errors.get(field)}>
      {(props) => (
        <input
          {...props}
          type={type}
          autoComplete="off"
          spellcheck={false}
          value={draft[field]}
          onInput={(event) => setDraft({ ...draft, [field]: event.currentTarget.value })}
        />
      )}
    </FormField>
  );

  return (
    <div class="yb-form" data-testid="crm-connect">
      <h3 class="yb-heading">{t('crm.connect.title')}</h3>
      {errors.get('') && <p class="yb-alert yb-alert--error" role="alert">{errors.get('')}</p>}
      <FormField id="crm-dataCentre" label={t('crm.dataCentre')} error={errors.get('dataCentre')}>
        {(props) => (
          <select {...props} value={dataCentre} onChange={(event) => setDataCentre(event.currentTarget.value as ZohoDataCentre)}>
            {ZOHO_DATA_CENTRES.map((code) => (
              <option key={code} value={code}>{t(`crm.dc.${code}`)}</option>
            ))}
          </select>
        )}
      </FormField>

      <FieldGroup id="crm-signIn" legend={t('crm.signIn')} error={errors.get('signIn')}>
        {serverClient ? (
          <>
            <p class="yb-field__help">{t('crm.signIn.help')}</p>
            <div class="yb-actions">
              <button type="button" class="yb-button yb-button--primary" onClick={() => void signIn()}>{t('crm.signIn')}</button>
              {opened && <button type="button" class="yb-button" onClick={onCheck}>{t('crm.signIn.check')}</button>}
            </div>
            {opened && <p role="status">{t('crm.signIn.opened')}</p>}
          </>
        ) : (
          <p class="yb-muted">{t('crm.signIn.unavailable')}</p>
        )}
      </FieldGroup>

      <form onSubmit={connect} noValidate aria-labelledby="crm-self-client-title">
        <h4 id="crm-self-client-title" class="yb-heading">{t('crm.selfClient.title')}</h4>
        <p class="yb-field__help">{t('crm.selfClient.help')}</p>
        <p><code class="yb-code">{SELF_CLIENT_SCOPES}</code></p>
        {input('clientId', 'text')}
        {input('clientSecret', 'password')}
        {input('code', 'text')}
        <div class="yb-actions">
          <button type="submit" class="yb-button yb-button--primary" disabled={busy}>{busy ? t('crm.connecting') : t('crm.connect')}</button>
          {onCancel && <button type="button" class="yb-button" onClick={onCancel}>{t('common.cancel')}</button>}
        </div>
      </form>
    </div>
  );
}

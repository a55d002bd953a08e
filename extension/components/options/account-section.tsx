import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ParamValues } from '../../../contract/api-errors.ts';
import { normaliseServerUrl } from '@/api/server-url';
import { BUNDLED_COUNTRIES } from '@/calling/phone-metadata-subset';
import { apiErrorText } from '@/locales/api-error-text';
import { t, uiLanguage, type UiLanguage } from '@/locales/i18n';
import { serverIsLocked, type ManagedSettings } from '@/storage/managed';
import { byCountryName, countryName } from '@/models/display-names';
import { AudioSettings, type AudioChoice, type AudioDevice } from './audio-settings';
import { FormField } from './form-field';
import { isRetryWaitCode, retryWaitText } from './retry-wait-text';
import { InviteAcceptForm, type InviteActions } from './invite-accept-form';

export interface AccountView {
  signedIn: boolean;
  user: { name: string; email: string; role: string } | null;
  serverUrl: string | null;
}

export interface AccountActions extends Partial<InviteActions> {
  /** Rejects with an error whose `code` says why (unauthorized, rate_limited, server_unreachable…). */
  signIn(serverUrl: string, email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  openMicrophoneStep(): void;
  setLanguage(language: UiLanguage | null): Promise<void>;
  setDefaultCountry(country: string): Promise<void>;
  /** Asks the browser for the site's permission; resolves false when refused. */
  addSite(origin: string): Promise<boolean>;
  removeSite(origin: string): Promise<void>;
  setAudio(choice: AudioChoice): Promise<void>;
  /** Brings back the CRM pages' dialer button where the rep hid it. */
  showLaunchersAgain?(): Promise<void>;
}

/** The countries whose numbering plans the CRM pages' content script carries: only they parse national numbers. */
const COUNTRIES: readonly string[] = BUNDLED_COUNTRIES;

/** Why a sign-in failed, in the page language: from the code the background passed on, never its English. */
export function signInErrorText(failure: unknown): string {
  const { code, params } = (failure ?? {}) as { code?: unknown; params?: ParamValues };
  const known = typeof code === 'string' ? code : '';
  if (known === 'unauthorized' || known === 'bad_credentials' || known === 'invalid_credentials') return t('account.badCredentials');
  if (isRetryWaitCode(known)) return retryWaitText(known, params);
  if (known === 'server_unreachable' || known === 'unreachable') return t('error.network');
  if (known === 'server_locked') return t('error.server_locked');
  return apiErrorText(uiLanguage.value, { code: known });
}

export function siteOrigin(input: string): string | null {
  try {
    const url = new URL(input.includes('://') ? input : `https://${input}`);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

export interface AccountSectionProps {
  account: AccountView;
  language: UiLanguage | null;
  defaultCountry: string;
  sites: readonly string[];
  actions: AccountActions;
  audio?: { devices: readonly AudioDevice[]; choice: AudioChoice };
  /** What the organisation's policy set (storage.managed): shown as such, and not editable where locked. */
  managed?: ManagedSettings;
  /** Shown right under "signed in as" (the options page puts the password change there). */
  children?: ComponentChildren;
}

/** The rep's part of the options page: server, sign-in, microphone, language, country, sites. */
export function AccountSection({ account, language, defaultCountry, sites, actions, audio, managed = {}, children }: AccountSectionProps) {
  const lockedServer = serverIsLocked(managed) ? managed.serverUrl : null;
  const [serverUrl, setServerUrl] = useState(lockedServer ?? account.serverUrl ?? managed.serverUrl ?? '');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ serverUrl?: string; form?: string }>({});
  const [urlNotice, setUrlNotice] = useState<string | undefined>();
  const [site, setSite] = useState('');
  const [siteError, setSiteError] = useState<string | undefined>();

  const signIn = async (event: Event) => {
    event.preventDefault();
    const server = normaliseServerUrl(serverUrl);
    if (!server) return setErrors({ serverUrl: t('account.serverUrl.invalid') });
    // The API's own address pasted in (…/api): the paths already start with /api, so it is dropped.
    if (server.droppedApiSuffix) setServerUrl(server.url);
    setUrlNotice(server.droppedApiSuffix ? t('account.serverUrl.apiDropped', { url: server.url }) : undefined);
    setBusy(true);
    setErrors({});
    try {
      await actions.signIn(server.url, email.trim(), password);
      setPassword('');
    } catch (failure) {
      setErrors({ form: signInErrorText(failure) });
    } finally {
      setBusy(false);
    }
  };

  const addSite = async (event: Event) => {
    event.preventDefault();
    const origin = siteOrigin(site.trim());
    if (!origin) return setSiteError(t('account.sites.invalid'));
    setSiteError(undefined);
    if (await actions.addSite(origin)) setSite('');
  };

  return (
    <section aria-labelledby="account-title">
      <h2 id="account-title" class="yb-heading">
        {t('tab.account')}
      </h2>
      {account.signedIn && account.user ? (
        <div class="yb-row">
          <p>{t('account.signedInAs', { name: account.user.name, email: account.user.email })}</p>
          <button type="button" class="yb-button" onClick={() => void actions.signOut()}>
            {t('account.signOut')}
          </button>
        </div>
      ) : (
        <form class="yb-form" onSubmit={signIn} noValidate>
          {errors.form && (
            <p class="yb-alert yb-alert--error" role="alert">
              {errors.form}
            </p>
          )}
          <FormField
            id="account-server"
            label={t('account.serverUrl')}
            help={lockedServer ? t('managed.serverLocked') : (urlNotice ?? t('account.serverUrl.help'))}
            error={errors.serverUrl}
          >
            {(props) => (
              <input {...props} type="url" autoComplete="url" readOnly={lockedServer !== null} value={serverUrl} onInput={(e) => setServerUrl(e.currentTarget.value)} />
            )}
          </FormField>
          <FormField id="account-email" label={t('account.email')}>
            {(props) => <input {...props} type="email" autoComplete="username" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
          </FormField>
          <FormField id="account-password" label={t('account.password')}>
            {(props) => (
              <input {...props} type="password" autoComplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
            )}
          </FormField>
          <button type="submit" class="yb-button yb-button--primary" disabled={busy}>
            {busy ? t('account.signingIn') : t('account.signIn')}
          </button>
        </form>
      )}
      {!account.signedIn && actions.lookupInvite && actions.acceptInvite && (
        <InviteAcceptForm actions={{ lookupInvite: actions.lookupInvite, acceptInvite: actions.acceptInvite }} lockedServer={lockedServer} />
      )}

      {account.signedIn && children}

      <h3 class="yb-heading">{t('account.microphone')}</h3>
      <p class="yb-field__help">{t('account.microphone.help')}</p>
      <button type="button" class="yb-button" onClick={actions.openMicrophoneStep}>
        {t('account.microphone.open')}
      </button>
      {audio && <AudioSettings devices={audio.devices} choice={audio.choice} onChange={(next) => void actions.setAudio(next)} />}

      <div class="yb-row">
        <FormField
          id="account-language"
          label={t('account.language')}
          help={managed.defaultLanguage ? t('managed.defaultLanguage', { language: t(`account.language.${managed.defaultLanguage}`) }) : undefined}
        >
          {(props) => (
            <select
              {...props}
              value={language ?? ''}
              onChange={(e) => void actions.setLanguage((e.currentTarget.value || null) as UiLanguage | null)}
            >
              <option value="">{t('account.language.auto')}</option>
              <option value="ja">{t('account.language.ja')}</option>
              <option value="en">{t('account.language.en')}</option>
            </select>
          )}
        </FormField>
        <FormField id="account-country" label={t('account.defaultCountry')} help={t('account.defaultCountry.help')}>
          {(props) => (
            <select {...props} value={defaultCountry} onChange={(e) => void actions.setDefaultCountry(e.currentTarget.value)}>
              {byCountryName(COUNTRIES, uiLanguage.value).map((country) => (
                <option value={country} key={country}>
                  {countryName(country, uiLanguage.value)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>

      <h3 class="yb-heading">{t('account.sites')}</h3>
      <p class="yb-field__help">{t('account.sites.help')}</p>
      <ul>
        {sites.map((origin) => (
          <li key={origin}>
            {origin}{' '}
            {managed.enabledSites?.includes(origin) ? (
              <span class="yb-tag">{t('managed.setBy')}</span>
            ) : (
              <button type="button" class="yb-link-button" onClick={() => void actions.removeSite(origin)}>
                {t('account.sites.remove', { site: origin })}
              </button>
            )}
          </li>
        ))}
      </ul>
      {actions.showLaunchersAgain && (
        <button type="button" class="yb-link-button" onClick={() => void actions.showLaunchersAgain?.()}>
          {t('launcher.showAgain')}
        </button>
      )}
      <form class="yb-row" onSubmit={addSite} noValidate>
        <FormField id="account-site" label={t('account.sites.add')} error={siteError}>
          {(props) => <input {...props} type="url" placeholder="https://crm.example.com" value={site} onInput={(e) => setSite(e.currentTarget.value)} />}
        </FormField>
        <button type="submit" class="yb-button">
          {t('common.add')}
        </button>
      </form>
    </section>
  );
}

import { useState } from 'preact/hooks';
import { apiBase } from '@/api/server-url';
import type { InviteLookup } from '@/api/schemas';
import type { ParamValues } from '../../../contract/api-errors.ts';
import { apiErrorText } from '@/locales/api-error-text';
import { t, uiLanguage } from '@/locales/i18n';
import { MIN_PASSWORD_LENGTH } from '@/models/own-password';
import { parseInviteLink, type InviteLink } from '@/models/invite-link';
import { FormField } from './form-field';
import { isRetryWaitCode, retryWaitText } from './retry-wait-text';

export interface InviteActions {
  /** Who the link is for; rejects with an error whose `code` says why it no longer works. */
  lookupInvite(link: InviteLink): Promise<InviteLookup>;
  /** Accepts with the rep's new password (or their existing one) and signs in. */
  acceptInvite(link: InviteLink, password: string, name?: string): Promise<void>;
}

/**
 * The sentence for a failed lookup or acceptance, in the page language (never the server's English):
 * the server's refusals (invite_expired, account_inactive…) from the API's error dictionary, the
 * background's own (server_locked, unreachable) from ours.
 */
export function inviteErrorText(failure: unknown): string {
  const { code, kind, params } = failure as { code?: string | null; kind?: string; params?: ParamValues };
  const named = code ?? kind ?? '';
  if (named === 'server_locked') return t('error.server_locked');
  if (named === 'invalid_credentials' || named === 'unauthorized') return t('account.badCredentials');
  if (isRetryWaitCode(named)) return retryWaitText(named, params);
  if (named === 'unreachable' || named === 'server_unreachable') return t('error.network');
  // The password's minimum is the extension's too, for a refusal that came without it.
  return apiErrorText(uiLanguage.value, { code: named, params: { min: MIN_PASSWORD_LENGTH, ...params } });
}

/**
 * "Have an invitation link?": the rep pastes the link from the admin's e-mail; the server comes from
 * it, the invitation says for whom, and one password (new, or the one they already have) signs them in.
 * `lockedServer`: the organisation's server; a link for another server is refused before any request.
 */
export function InviteAcceptForm({ actions, lockedServer }: { actions: InviteActions; lockedServer: string | null }) {
  const [text, setText] = useState('');
  const [invite, setInvite] = useState<{ link: InviteLink; lookup: InviteLookup } | null>(null);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = (failure: unknown) => setError(inviteErrorText(failure));

  const check = async (event: Event) => {
    event.preventDefault();
    const link = parseInviteLink(text);
    if (!link) return setError(t('invite.link.invalid'));
    // Compared as sign-in sends them (normalised), so the locked server written differently still matches.
    if (lockedServer && apiBase(link.serverUrl) !== apiBase(lockedServer)) return setError(t('invite.otherServer', { server: lockedServer }));
    setBusy(true);
    setError(null);
    try {
      const lookup = await actions.lookupInvite(link);
      setInvite({ link, lookup });
      setName(lookup.name ?? '');
    } catch (failure) {
      fail(failure);
    } finally {
      setBusy(false);
    }
  };

  const accept = async (event: Event) => {
    event.preventDefault();
    if (!invite) return;
    setBusy(true);
    setError(null);
    try {
      await actions.acceptInvite(invite.link, password, invite.lookup.existingUser ? undefined : name.trim() || undefined);
      setPassword('');
    } catch (failure) {
      fail(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="yb-form">
      <h3 class="yb-heading">{t('invite.have')}</h3>
      {error && (
        <p class="yb-alert yb-alert--error" role="alert">
          {error}
        </p>
      )}
      {!invite ? (
        <form class="yb-form" onSubmit={check} noValidate>
          <FormField id="invite-link" label={t('invite.link')} help={t('invite.link.help')}>
            {(props) => <input {...props} type="url" value={text} onInput={(e) => setText(e.currentTarget.value)} />}
          </FormField>
          <button type="submit" class="yb-button" disabled={busy || !text.trim()}>
            {t('invite.continue')}
          </button>
        </form>
      ) : (
        <form class="yb-form" onSubmit={accept} noValidate>
          <p>{t('invite.for', { email: invite.lookup.email, server: invite.link.serverUrl })}</p>
          {!invite.lookup.existingUser && (
            <FormField id="invite-name" label={t('invite.name')}>
              {(props) => <input {...props} type="text" autoComplete="name" value={name} onInput={(e) => setName(e.currentTarget.value)} />}
            </FormField>
          )}
          <FormField id="invite-password" label={t(invite.lookup.existingUser ? 'invite.existingPassword' : 'invite.newPassword')}>
            {(props) => (
              <input
                {...props}
                type="password"
                autoComplete={invite.lookup.existingUser ? 'current-password' : 'new-password'}
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            )}
          </FormField>
          <button type="submit" class="yb-button yb-button--primary" disabled={busy || !password}>
            {busy ? t('account.signingIn') : t('invite.accept')}
          </button>
        </form>
      )}
    </div>
  );
}

import { useState } from 'preact/hooks';
import { t, uiLanguage } from '@/locales/i18n';
import type { HoursAdminApi } from '@/models/admin-hours';
import { INVITE_DAY_CHOICES, invitationMailto, type InvitesAdminApi, type IssuedInvite } from '@/models/admin-invites';
import { formatDateTime } from '@/models/date-format';
import { inviteLink } from '@/models/invite-link';
import { parseInviteList } from '@/models/invite-list';
import { DataTable } from './data-table';
import { FormField } from './form-field';
import { messageOf, useAsync } from './use-async';

interface Issued {
  email: string;
  link: string;
  expiresAt: string;
  /** `sameLink`: a resend that got the link issued moments ago, still working (not a new one). */
  note: 'reissued' | 'sameLink' | 'existingUser' | null;
}

const NOTE_TEXT = { reissued: 'invites.reissued', sameLink: 'invites.sameLink', existingUser: 'invites.existingUser' } as const;

/** What a send says of each link: a new one replacing the old, or one for someone who has an account. */
const sendNote = ({ reissued, existingUser }: Pick<IssuedInvite, 'reissued' | 'existingUser'>): Issued['note'] =>
  reissued ? 'reissued' : existingUser ? 'existingUser' : null;

const dayLabel = (days: number) => (days === 1 ? t('invites.days.one') : t('invites.days', { days }));

/**
 * The admin invites reps: paste addresses (or read a CSV), get one link per rep to copy or send from
 * their own mail, and follow, resend or withdraw invitations. `serverUrl` is the server the admin is
 * signed in to: the links point there, as reps reach it.
 */
export function InvitesSection({ api, serverUrl }: { api: InvitesAdminApi & Pick<HoursAdminApi, 'getHoursSettings'>; serverUrl: string }) {
  const invites = useAsync(() => api.listInvites(), [api]);
  // The org's zone, read here rather than from the options page's settings: an admin may just have changed it.
  const orgZone = useAsync(async () => (await api.getHoursSettings()).timeZone, [api]);
  const [text, setText] = useState('');
  const [days, setDays] = useState<number>(7);
  const [issued, setIssued] = useState<Issued[]>([]);
  const [copied, setCopied] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const parsed = parseInviteList(text);

  const show = (list: readonly (Pick<IssuedInvite, 'invite' | 'token'> & { note: Issued['note'] })[]) =>
    setIssued(
      list.map(({ invite, token, note }) => ({ email: invite.email, link: inviteLink(serverUrl, token), expiresAt: invite.expiresAt, note })),
    );
  const resend = async (id: string) => {
    const resent = await api.resendInvite(id, days);
    show([{ ...resent, note: resent.reissued ? 'reissued' : 'sameLink' }]);
  };
  const act = async (work: () => Promise<void>) => {
    setAlert(null);
    try {
      await work();
      await invites.reload();
    } catch (failure) {
      setAlert(messageOf(failure));
    }
  };
  const create = (event: Event) => {
    event.preventDefault();
    void act(async () => {
      show((await api.createInvites(parsed.entries, days)).map((issued) => ({ ...issued, note: sendNote(issued) })));
      setText('');
    });
  };
  const readCsv = async (file: File | undefined) => {
    if (file) setText(await file.text());
  };
  const copy = async (link: string) => {
    await navigator.clipboard.writeText(link);
    setCopied(link);
  };

  return (
    <section aria-labelledby="invites-title">
      <h2 id="invites-title" class="yb-heading">{t('invites.title')}</h2>
      <p class="yb-field__help">{t('invites.help')}</p>
      {alert && <p class="yb-alert yb-alert--error" role="alert">{alert}</p>}
      <form class="yb-form" onSubmit={create} noValidate>
        <FormField id="invite-addresses" label={t('invites.addresses')}>
          {(props) => <textarea {...props} rows={5} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
        </FormField>
        <FormField id="invite-csv" label={t('invites.csv')}>
          {(props) => <input {...props} type="file" accept=".csv,.tsv,.txt,text/csv" onChange={(e) => void readCsv(e.currentTarget.files?.[0])} />}
        </FormField>
        <FormField id="invite-days" label={t('invites.expiry')}>
          {(props) => (
            <select {...props} value={String(days)} onChange={(e) => setDays(Number(e.currentTarget.value))}>
              {INVITE_DAY_CHOICES.map((choice) => (
                <option key={choice} value={String(choice)}>{dayLabel(choice)}</option>
              ))}
            </select>
          )}
        </FormField>
        {text.trim() && <p role="status">{t('invites.found', { count: parsed.entries.length })}</p>}
        {parsed.rejected.length > 0 && <p class="yb-alert yb-alert--warning">{t('invites.rejected', { items: parsed.rejected.join(', ') })}</p>}
        <button type="submit" class="yb-button yb-button--primary" disabled={parsed.entries.length === 0}>{t('invites.send')}</button>
      </form>

      {issued.length > 0 && (
        <div class="yb-form" aria-live="polite">
          <p>{t('invites.issued')}</p>
          <ul>
            {issued.map((entry) => (
              <li key={entry.link}>
                <strong>{entry.email}</strong> <code>{entry.link}</code>{' '}
                <button type="button" class="yb-button" onClick={() => void copy(entry.link)}>
                  {copied === entry.link ? t('invites.copied') : t('invites.copy', { email: entry.email })}
                </button>{' '}
                <a class="yb-link-button" href={invitationMailto(entry.email, entry.link, new Date(entry.expiresAt), orgZone.data ?? undefined)}>
                  {t('invites.mail', { email: entry.email })}
                </a>
                {entry.note && <p class="yb-field__help">{t(NOTE_TEXT[entry.note])}</p>}
              </li>
            ))}
          </ul>
        </div>
      )}

      <h3 class="yb-heading">{t('invites.list')}</h3>
      {invites.error && <p class="yb-alert yb-alert--error" role="alert">{invites.error}</p>}
      {invites.data?.length === 0 && <p>{t('invites.none')}</p>}
      {(invites.data?.length ?? 0) > 0 && (
        <DataTable columns={[t('users.email'), t('invites.status'), t('invites.expires')]} actions={t('common.edit')}>
          {invites.data?.map((invite) => (
            <tr key={invite.id}>
              <td>{invite.name ? `${invite.name} <${invite.email}>` : invite.email}</td>
              <td>{t(`invites.status.${invite.status}`)}</td>
              <td>{invite.status === 'pending' || invite.status === 'expired' ? formatDateTime(invite.expiresAt, uiLanguage.value) : ''}</td>
              <td>
                {(invite.status === 'pending' || invite.status === 'expired') && (
                  <div class="yb-actions">
                    <button type="button" class="yb-button" onClick={() => void act(() => resend(invite.id))}>
                      {t('invites.resend', { email: invite.email })}
                    </button>
                    <button type="button" class="yb-button" onClick={() => void act(async () => void (await api.revokeInvite(invite.id)))}>
                      {t('invites.revoke', { email: invite.email })}
                    </button>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { t } from '@/locales/i18n';
import type { AdminApi, CallerId, PublicUser } from '@/models/admin-api';
import { ApiError, fieldErrorsUnder } from '@/models/api-error';
import type { OutgoingAssignment } from '@/models/phone-config-types';
import { formatForDisplay } from '@/models/phone-number-format';
import type { UnsavedChanges } from '@/models/unsaved-changes';
import { DataTable } from './data-table';
import { useOrgCountry } from './org-settings';
import { OutgoingHoldMusic } from './outgoing-hold-music';
import { RecordingNoticeField } from './recording-notice-field';
import { messageOf, useAsync } from './use-async';

type Row = OutgoingAssignment & { saved: boolean; error?: string | undefined };

/** Twilio names a number after itself unless someone renamed it ("(415) 867-5309", "050-1234-5678"): no need to say it twice. */
function isJustTheNumber({ friendlyName, phoneNumber }: CallerId): boolean {
  const digits = friendlyName.replace(/\D/g, '');
  if (friendlyName.trim() === '') return true;
  if (/[^\d\s()+\-.]/.test(friendlyName) || digits.length < 6) return false;
  return phoneNumber.endsWith(digits) || phoneNumber.endsWith(digits.replace(/^0/, ''));
}

function saveError(failure: unknown): string {
  if (failure instanceof ApiError) {
    // Before Twilio is set up, the admin is sent to step 1 (numbers are checked with the account).
    if (failure.code === 'twilio_not_configured') return t('outgoing.error.twilio_not_configured');
    const fields = fieldErrorsUnder(failure.issues.map((issue) => ({ ...issue, path: issue.path.replace(/^outgoing\[\d+\]\.?/, '') })));
    const first = fields.get('number') ?? fields.get('user') ?? [...fields.values()][0];
    if (first) return first;
  }
  return messageOf(failure);
}

/**
 * Step 4: which number each user calls from (one per user; numbers may be shared), and recording.
 * Numbers are picked from the account's Twilio numbers and verified caller IDs, never typed; the
 * server checks each with Twilio again on save. A saved row says so.
 */
export function OutgoingSection({
  api,
  users,
  unsaved,
  onChanged,
}: {
  api: AdminApi;
  users: readonly PublicUser[];
  unsaved: UnsavedChanges;
  onChanged?: () => void;
}) {
  const list = useAsync(() => api.listOutgoing(), [api]);
  const callerIds = useAsync(() => api.listCallerIds(), [api]);
  const country = useOrgCountry();
  const [rows, setRows] = useState<Row[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setRows((list.data ?? []).map((row) => ({ ...row, saved: true }))), [list.data]);
  const dirty = rows.some((row) => !row.saved);
  useEffect(() => unsaved.set('outgoing', dirty), [dirty, unsaved]);

  const nameOf = (id: string) => users.find((user) => user.id === id)?.name ?? id;
  const usable = callerIds.data ?? [];
  const isUsable = (number: string) => usable.some((callerId) => callerId.phoneNumber === number);
  const change = (index: number, patch: Partial<Row>) => {
    setNotice(null);
    setRows(rows.map((row, at) => (at === index ? { ...row, ...patch, saved: false, error: undefined } : row)));
  };
  const save = async (index: number) => {
    const row = rows[index];
    if (!row) return;
    setNotice(null);
    try {
      const saved = await api.saveOutgoing({ user: row.user, number: row.number, record: row.record });
      setRows((current) => current.map((r, at) => (at === index ? { ...saved, saved: true } : r)));
      setNotice(t('outgoing.saved', { name: nameOf(saved.user), number: formatForDisplay(saved.number, country) }));
      onChanged?.();
    } catch (failure) {
      setRows((current) => current.map((r, at) => (at === index ? { ...r, error: saveError(failure) } : r)));
    }
  };
  const remove = async (index: number) => {
    const row = rows[index];
    if (!row) return;
    setNotice(null);
    setError(null);
    try {
      const stored = list.data?.some((existing) => existing.user === row.user) ?? false;
      if (stored) await api.deleteOutgoing(row.user);
      setRows(rows.filter((_, at) => at !== index));
      if (stored) {
        setNotice(t('outgoing.removed', { name: nameOf(row.user) }));
        onChanged?.();
      }
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const option = (callerId: CallerId) => (
    <option value={callerId.phoneNumber} key={callerId.sid}>
      {formatForDisplay(callerId.phoneNumber, country)}
      {isJustTheNumber(callerId) ? '' : ` ${callerId.friendlyName}`}
    </option>
  );
  const own = usable.filter((callerId) => callerId.source === 'twilio-number');
  const verified = usable.filter((callerId) => callerId.source === 'verified');

  return (
    <section aria-labelledby="outgoing-title">
      <h2 id="outgoing-title" class="yb-heading">{t('tab.outgoing')}</h2>
      <p class="yb-field__help">{t('outgoing.help')}</p>
      {(list.error || error) && <p class="yb-alert yb-alert--error" role="alert">{list.error ?? error}</p>}
      {callerIds.error && <p class="yb-alert yb-alert--error" role="alert">{t('outgoing.listFailed', { reason: callerIds.error })}</p>}
      {callerIds.data?.length === 0 && <p class="yb-alert">{t('outgoing.noCallerIds')}</p>}
      {notice && <p class="yb-alert yb-alert--ok" role="status">{notice}</p>}
      {rows.length === 0 && !list.loading && <p class="yb-muted">{t('outgoing.empty')}</p>}
      <DataTable columns={[t('outgoing.user'), t('outgoing.number'), t('outgoing.record')]} actions={t('common.edit')}>
        {rows.map((row, index) => {
          const unusable = row.number !== '' && callerIds.data !== null && !isUsable(row.number);
          const problem = row.error ?? (unusable ? t('outgoing.unusable.help') : undefined);
          const errorId = `outgoing-${index}-error`;
          return (
            <tr key={index} data-user={row.user}>
              <td>
                <select aria-label={`${t('outgoing.user')} ${index + 1}`} value={row.user} onChange={(e) => change(index, { user: e.currentTarget.value })}>
                  <option value="">{t('outgoing.chooseUser')}</option>
                  {users.filter((user) => user.active).map((user) => <option value={user.id} key={user.id}>{user.name}</option>)}
                </select>
              </td>
              <td>
                <select
                  aria-label={`${t('outgoing.number')} ${index + 1}`}
                  aria-invalid={Boolean(problem)}
                  aria-describedby={problem ? errorId : undefined}
                  value={row.number}
                  onChange={(e) => change(index, { number: e.currentTarget.value })}
                >
                  <option value="">{t('outgoing.chooseNumber')}</option>
                  {own.length > 0 && <optgroup label={t('outgoing.group.twilio')}>{own.map(option)}</optgroup>}
                  {verified.length > 0 && <optgroup label={t('outgoing.group.verified')}>{verified.map(option)}</optgroup>}
                  {row.number !== '' && !isUsable(row.number) && (
                    <option value={row.number}>{t('outgoing.unusable', { number: formatForDisplay(row.number, country) })}</option>
                  )}
                </select>
                {problem && <p class="yb-field__error" id={errorId} role="alert">{problem}</p>}
              </td>
              <td>
                <input type="checkbox" aria-label={`${t('outgoing.record')} ${index + 1}`} checked={row.record} onChange={(e) => change(index, { record: e.currentTarget.checked })} />
              </td>
              <td class="yb-actions">
                <button type="button" class="yb-button yb-button--primary" disabled={row.saved || !row.user || !row.number} onClick={() => void save(index)}>
                  {t('common.save')}
                </button>
                <button type="button" class="yb-button" onClick={() => void remove(index)}>
                  {t('outgoing.removeRow', { row: index + 1 })}
                </button>
              </td>
            </tr>
          );
        })}
      </DataTable>
      <button type="button" class="yb-button" onClick={() => setRows([...rows, { user: '', number: '', record: false, saved: false }])}>
        + {t('outgoing.addRow')}
      </button>
      <OutgoingHoldMusic api={api} />
      <RecordingNoticeField api={api} />
    </section>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { t } from '@/locales/i18n';
import type { AdminApi, OwnedNumber, PublicUser } from '@/models/admin-api';
import { ApiError, fieldErrorsUnder } from '@/models/api-error';
import type { OutgoingAssignment } from '@/models/phone-config-types';
import { formatForDisplay } from '@/models/phone-number-format';
import type { UnsavedChanges } from '@/models/unsaved-changes';
import { OutgoingHoldMusic } from './outgoing-hold-music';
import { messageOf, useAsync } from './use-async';

type Row = OutgoingAssignment & { saved: boolean; errors?: Map<string, string> };

/** Step 3: which number each user calls from (one per user, shared numbers allowed), recording. */
export function OutgoingSection({ api, users, unsaved }: { api: AdminApi; users: readonly PublicUser[]; unsaved: UnsavedChanges }) {
  const list = useAsync(() => api.listOutgoing(), [api]);
  const owned = useAsync(() => api.listOwnedNumbers().catch((): OwnedNumber[] => []), [api]);
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setRows((list.data ?? []).map((row) => ({ ...row, saved: true }))), [list.data]);
  const dirty = rows.some((row) => !row.saved);
  useEffect(() => unsaved.set('outgoing', dirty), [dirty, unsaved]);

  const change = (index: number, patch: Partial<Row>) =>
    setRows(rows.map((row, at) => (at === index ? { ...row, ...patch, saved: false, errors: undefined } : row)));
  const save = async (index: number) => {
    const row = rows[index];
    if (!row) return;
    try {
      const saved = await api.saveOutgoing({ user: row.user, number: row.number, record: row.record });
      setRows((current) => current.map((r, at) => (at === index ? { ...saved, saved: true } : r)));
    } catch (failure) {
      const errors = failure instanceof ApiError ? fieldErrorsUnder(failure.issues.map((i) => ({ ...i, path: i.path.replace(/^outgoing\[\d+\]\.?/, '') }))) : new Map<string, string>();
      if (errors.size === 0) errors.set('number', messageOf(failure));
      setRows((current) => current.map((r, at) => (at === index ? { ...r, errors } : r)));
    }
  };
  const remove = async (index: number) => {
    const row = rows[index];
    if (!row) return;
    try {
      if (list.data?.some((existing) => existing.user === row.user)) await api.deleteOutgoing(row.user);
      setRows(rows.filter((_, at) => at !== index));
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  const numbers = owned.data ?? [];
  return (
    <section aria-labelledby="outgoing-title">
      <h2 id="outgoing-title" class="yb-heading">{t('tab.outgoing')}</h2>
      {(list.error || error) && <p class="yb-alert yb-alert--error" role="alert">{list.error ?? error}</p>}
      {rows.length === 0 && !list.loading && <p class="yb-muted">{t('outgoing.empty')}</p>}
      <div class="yb-table-wrap">
        <table class="yb-table">
          <thead>
            <tr>
              <th scope="col">{t('outgoing.user')}</th>
              <th scope="col">{t('outgoing.number')}</th>
              <th scope="col">{t('outgoing.record')}</th>
              <th scope="col"><span class="yb-visually-hidden">{t('common.edit')}</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                <td>
                  <select aria-label={`${t('outgoing.user')} ${index + 1}`} value={row.user} aria-invalid={Boolean(row.errors?.get('user'))} onChange={(e) => change(index, { user: e.currentTarget.value })}>
                    <option value="" />
                    {users.filter((user) => user.active).map((user) => <option value={user.id} key={user.id}>{user.name}</option>)}
                  </select>
                  {row.errors?.get('user') && <p class="yb-field__error" role="alert">{row.errors.get('user')}</p>}
                </td>
                <td>
                  <input
                    type="tel"
                    list="outgoing-numbers"
                    aria-label={`${t('outgoing.number')} ${index + 1}`}
                    aria-invalid={Boolean(row.errors?.get('number'))}
                    value={row.number}
                    onInput={(e) => change(index, { number: e.currentTarget.value })}
                  />
                  {row.errors?.get('number') && <p class="yb-field__error" role="alert">{row.errors.get('number')}</p>}
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
            ))}
          </tbody>
        </table>
      </div>
      <datalist id="outgoing-numbers">
        {numbers.map((number) => <option value={number.phoneNumber} key={number.sid}>{formatForDisplay(number.phoneNumber)} {number.friendlyName}</option>)}
      </datalist>
      <button type="button" class="yb-button" onClick={() => setRows([...rows, { user: '', number: '', record: false, saved: false }])}>
        + {t('outgoing.addRow')}
      </button>
      <OutgoingHoldMusic api={api} />
    </section>
  );
}

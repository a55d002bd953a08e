import { useState } from 'preact/hooks';
import { t, uiLanguage } from '@/locales/i18n';
import type { AdminApi, PublicUser } from '@/models/admin-api';
import { CALL_STATUSES, type CallLogEntry, type CallLogQuery } from '@/models/call-log';
import { formatDateTime } from '@/models/date-format';
import { timerText } from '@/models/timer-text';
import { displayNumber, RecordLink } from '../call-party';
import { DataTable } from './data-table';
import { FormField } from './form-field';
import { useOrgCountry } from './org-settings';
import { messageOf } from './use-async';

/** A call's outcome in the words of the rep's recent calls (recent-calls.tsx), not the server's code. */
function statusText(call: CallLogEntry): string {
  // Twilio's no-answer on a call a rep placed is stored as 'missed' (server/routes/twilio/outgoing.ts): 不在着信 would say the rep missed it.
  if (call.direction === 'outbound' && call.status === 'missed') return t('callStatus.noAnswer');
  if (call.status === 'in-progress') return t('callStatus.in-progress');
  const status = CALL_STATUSES.find((candidate) => candidate === call.status);
  return status ? t(`callStatus.${status}`) : call.status;
}

/** The whole call log for admins, with filters and "load more" (cursor pages). */
export function CallLogSection({ api, users }: { api: AdminApi; users: readonly PublicUser[] }) {
  const country = useOrgCountry();
  const [filters, setFilters] = useState<CallLogQuery>({});
  const [calls, setCalls] = useState<CallLogEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);

  const load = async (append: boolean) => {
    setError(null);
    try {
      const page = await api.listCalls({ ...filters, limit: 50, ...(append && cursor ? { cursor } : {}) });
      setCalls(append ? [...calls, ...page.calls] : page.calls);
      setCursor(page.nextCursor);
      setLoaded(true);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  const set = (patch: CallLogQuery) => setFilters({ ...filters, ...patch });
  const names = new Map(users.map((user) => [user.id, user.name]));

  return (
    <section aria-labelledby="calllog-title">
      <h2 id="calllog-title" class="yb-heading">{t('tab.callLog')}</h2>
      <form class="yb-row" onSubmit={(event) => { event.preventDefault(); void load(false); }}>
        <FormField id="log-direction" label={t('callLog.direction')}>
          {(props) => (
            <select {...props} value={filters.direction ?? ''} onChange={(e) => set({ direction: (e.currentTarget.value || undefined) as CallLogQuery['direction'] })}>
              <option value="">{t('common.any')}</option>
              <option value="inbound">{t('call.inbound')}</option>
              <option value="outbound">{t('call.outbound')}</option>
            </select>
          )}
        </FormField>
        <FormField id="log-status" label={t('callLog.status')}>
          {(props) => (
            <select {...props} value={filters.status ?? ''} onChange={(e) => set({ status: (e.currentTarget.value || undefined) as CallLogQuery['status'] })}>
              <option value="">{t('common.any')}</option>
              {CALL_STATUSES.map((status) => <option value={status} key={status}>{t(`callStatus.${status}`)}</option>)}
            </select>
          )}
        </FormField>
        <FormField id="log-rep" label={t('callLog.rep')}>
          {(props) => (
            <select {...props} value={filters.rep ?? ''} onChange={(e) => set({ rep: e.currentTarget.value || undefined })}>
              <option value="">{t('common.any')}</option>
              {users.map((user) => <option value={user.id} key={user.id}>{user.name}</option>)}
            </select>
          )}
        </FormField>
        <FormField id="log-number" label={t('callLog.number')}>
          {(props) => <input {...props} type="tel" value={filters.number ?? ''} onInput={(e) => set({ number: e.currentTarget.value || undefined })} />}
        </FormField>
        <FormField id="log-from" label={t('callLog.from')}>
          {(props) => <input {...props} type="date" value={filters.from ?? ''} onInput={(e) => set({ from: e.currentTarget.value || undefined })} />}
        </FormField>
        <FormField id="log-to" label={t('callLog.to')}>
          {(props) => <input {...props} type="date" value={filters.to ?? ''} onInput={(e) => set({ to: e.currentTarget.value || undefined })} />}
        </FormField>
        <button type="submit" class="yb-button yb-button--primary">{t('callLog.apply')}</button>
      </form>
      {error && <p class="yb-alert yb-alert--error" role="alert">{error}</p>}
      {loaded && calls.length === 0 && <p class="yb-muted">{t('callLog.empty')}</p>}
      {calls.length > 0 && (
        <DataTable
          columns={[t('callLog.time'), t('callLog.direction'), t('callLog.caller'), t('callLog.callee'), t('callLog.rep'), t('callLog.status'), t('callLog.duration'), t('call.record')]}
        >
          {calls.map((call) => (
            <tr key={call.sid}>
              <td>{formatDateTime(call.startedAt, uiLanguage.value)}</td>
              <td>{t(call.direction === 'inbound' ? 'call.inbound' : 'call.outbound')}</td>
              <td>{call.from?.startsWith('client:') ? names.get(call.from.slice(7)) ?? call.from : displayNumber(call.from, country)}</td>
              <td>{displayNumber(call.to, country)}</td>
              <td>{call.rep ? names.get(call.rep) ?? call.rep : ''}</td>
              <td>{statusText(call)}</td>
              <td>{call.duration != null ? timerText(call.duration) : ''}</td>
              <td>{call.record && <RecordLink record={call.record} />}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {cursor && <button type="button" class="yb-button" onClick={() => void load(true)}>{t('callLog.more')}</button>}
    </section>
  );
}

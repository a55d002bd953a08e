import type { CountryCode } from 'libphonenumber-js';
import { t, uiLanguage } from '@/locales/i18n';
import { isMissed, otherParty, type CallLogEntry } from '@/models/call-log-entry';
import { isWithheldNumber } from '@/models/phone-number-format';
import { displayNumber, RecordLink } from './call-party';

function statusLabel(entry: CallLogEntry): string {
  // Rang here, answered by someone else: for this rep, a call they did not take.
  if (entry.involvement === 'rung' && entry.status === 'completed') return t('callStatus.takenByColleague');
  // Twilio's no-answer on a call the rep placed is stored as 'missed' (server/routes/twilio/outgoing.ts).
  if (entry.direction === 'outbound' && entry.status === 'missed') return t('callStatus.noAnswer');
  const known = ['completed', 'missed', 'voicemail', 'busy', 'failed', 'canceled', 'in-progress'] as const;
  const status = known.find((candidate) => candidate === entry.status);
  return status ? t(`callStatus.${status}`) : entry.status;
}

function timeLabel(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(uiLanguage.value === 'ja' ? 'ja-JP' : 'en-US', {
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Recent calls (already sorted missed first), each with redial and its CRM record. */
export function RecentCalls({
  calls,
  loading = false,
  failed = false,
  country = 'JP',
  canDial,
  onRedial,
  onRetry,
}: {
  calls: readonly CallLogEntry[];
  loading?: boolean;
  failed?: boolean;
  country?: CountryCode;
  canDial: boolean;
  onRedial: (number: string) => void;
  onRetry?: () => void;
}) {
  return (
    <section class="yb-recent" aria-labelledby="yb-recent-title" aria-busy={loading}>
      <h2 id="yb-recent-title" class="yb-heading">
        {t('recent.title')}
      </h2>
      {failed && (
        <p class="yb-alert yb-alert--error" role="alert">
          {t('recent.loadFailed')}{' '}
          {onRetry && (
            <button type="button" class="yb-link-button" onClick={onRetry}>
              {t('common.retry')}
            </button>
          )}
        </p>
      )}
      {!failed && !loading && calls.length === 0 && <p class="yb-muted">{t('recent.empty')}</p>}
      <ul class="yb-recent__list">
        {calls.map((entry) => {
          const number = otherParty(entry);
          const shown = displayNumber(number, country);
          const missed = isMissed(entry);
          return (
            <li key={entry.sid} class={`yb-recent__item${missed ? ' yb-recent__item--missed' : ''}`} data-sid={entry.sid}>
              <span class="yb-recent__direction" aria-label={t(entry.direction === 'inbound' ? 'call.inbound' : 'call.outbound')}>
                {entry.direction === 'inbound' ? '↙' : '↗'}
              </span>
              <span class="yb-recent__who">
                <span class="yb-recent__number">{shown}</span>
                {entry.record && <RecordLink record={entry.record} />}
              </span>
              <span class="yb-recent__meta">
                <span class={missed ? 'yb-tag yb-tag--alert' : 'yb-tag'}>{statusLabel(entry)}</span>
                <time dateTime={entry.startedAt}>{timeLabel(entry.startedAt)}</time>
              </span>
              {!isWithheldNumber(number) && (
                <button
                  type="button"
                  class="yb-icon-button"
                  aria-label={t('recent.redial', { number: shown })}
                  title={t('recent.redial', { number: shown })}
                  disabled={!canDial}
                  onClick={() => onRedial(number)}
                >
                  ☎
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

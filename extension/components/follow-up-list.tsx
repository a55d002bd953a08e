import type { CountryCode } from 'libphonenumber-js';
import type { FollowUp } from '@/api/follow-up-schemas';
import { t, uiLanguage } from '@/locales/i18n';
import { displayNumber } from './call-party';

function timeLabel(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(uiLanguage.value === 'ja' ? 'ja-JP' : 'en-US', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/**
 * The rep's "to call back" list: missed calls, voicemails and callback requests of their numbers,
 * soonest due first. Call back, play the voicemail, tick off (which closes the CRM task).
 */
export function FollowUpList({
  followUps,
  country = 'JP',
  canDial,
  failed = false,
  problem = null,
  playing = null,
  now = Date.now(),
  onCall,
  onPlay,
  onDone,
  onRetry,
}: {
  followUps: readonly FollowUp[];
  country?: CountryCode;
  canDial: boolean;
  failed?: boolean;
  problem?: 'doneFailed' | 'playFailed' | null;
  playing?: { id: string; url: string } | null;
  now?: number;
  onCall: (number: string) => void;
  onPlay: (id: string) => void;
  onDone: (id: string) => void;
  onRetry?: () => void;
}) {
  return (
    <section class="yb-follow-ups" aria-labelledby="yb-follow-ups-title">
      <h2 id="yb-follow-ups-title" class="yb-heading">
        {t('followUps.title')}
        {followUps.length > 0 && <span class="yb-tag yb-tag--alert"> {followUps.length}</span>}
      </h2>
      {failed && (
        <p class="yb-alert yb-alert--error" role="alert">
          {t('followUps.loadFailed')}{' '}
          {onRetry && (
            <button type="button" class="yb-link-button" onClick={onRetry}>
              {t('common.retry')}
            </button>
          )}
        </p>
      )}
      {problem && (
        <p class="yb-alert yb-alert--error" role="alert">
          {t(`followUps.${problem}`)}
        </p>
      )}
      {!failed && followUps.length === 0 && <p class="yb-muted">{t('followUps.empty')}</p>}
      <ul class="yb-follow-ups__list">
        {followUps.map((followUp) => {
          const number = displayNumber(followUp.callerNumber, country);
          const name = followUp.crmRecord?.['name'] || number;
          const overdue = new Date(followUp.dueAt).getTime() < now;
          return (
            <li key={followUp.id} class="yb-follow-ups__item" data-id={followUp.id}>
              <span class="yb-follow-ups__who">
                <span class="yb-follow-ups__name">{name}</span>
                {name !== number && <span class="yb-muted"> {number}</span>}
              </span>
              <span class="yb-follow-ups__meta">
                <span class="yb-tag">{t(`followUps.kind.${followUp.kind}`)}</span>
                {followUp.calls > 1 && <span class="yb-tag">{t('followUps.calls', { count: followUp.calls })}</span>}
                {followUp.numberLabel && <span class="yb-muted">{t('followUps.via', { label: followUp.numberLabel })}</span>}
                <time dateTime={followUp.lastCallAt}>{timeLabel(followUp.lastCallAt)}</time>
                <span class={overdue ? 'yb-tag yb-tag--alert' : 'yb-muted'}>
                  {overdue ? t('followUps.overdue') : t('followUps.due', { time: timeLabel(followUp.dueAt) })}
                </span>
              </span>
              <span class="yb-follow-ups__actions">
                <button type="button" class="yb-icon-button" aria-label={t('followUps.call', { name })} title={t('followUps.call', { name })} disabled={!canDial} onClick={() => onCall(followUp.callerNumber)}>
                  ☎
                </button>
                {followUp.hasRecording && (
                  <button type="button" class="yb-icon-button" aria-label={t('followUps.play', { name })} title={t('followUps.play', { name })} onClick={() => onPlay(followUp.id)}>
                    ▶
                  </button>
                )}
                <button type="button" class="yb-icon-button" aria-label={t('followUps.done', { name })} title={t('followUps.done', { name })} onClick={() => onDone(followUp.id)}>
                  ✓
                </button>
              </span>
              {playing?.id === followUp.id && <audio class="yb-follow-ups__audio" controls autoPlay src={playing.url} aria-label={t('followUps.play', { name })} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

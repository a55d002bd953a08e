import type { CountryCode } from 'libphonenumber-js';
import type { ComponentChild } from 'preact';
import type { RepCard as Card } from '../../../contract/live-board';
import { t, uiLanguage } from '@/locales/i18n';
import { formatNumber, formatSeconds } from '@/models/analytics-format';
import { timerText } from '@/models/timer-text';
import { displayNumber } from '../call-party';

export interface RepCardProps {
  card: Card;
  /** This computer's time, corrected to the server's clock (ms). */
  now: number;
  /** The org's country: its numbers in national format. */
  country: CountryCode;
  /** Offered when the server has call control and the rep is on a call. */
  onListenIn: ((card: Card) => void) | null;
}

/** The locale's sentence around the customer, who is shown as `node` (each language places the label and its colon). */
function withCustomer(key: 'board.call.inbound' | 'board.call.outbound', node: ComponentChild) {
  const [before = '', after = ''] = t(key, { customer: '\u0000' }).split('\u0000');
  return (
    <>
      {before}
      {node}
      {after}
    </>
  );
}

/** One rep on the board: state and how long, the call it is about, today's counts. */
export function RepCard({ card, now, country, onListenIn }: RepCardProps) {
  const since = card.since ? Date.parse(card.since) : null;
  const call = card.call;
  const customer = call ? call.customer.name || displayNumber(call.customer.number, country) : null;
  const listen = onListenIn && (card.state === 'on-call' || card.state === 'on-hold') && call;
  // The server sends it only for the rep on the call (or holding it).
  const pausedAt = call?.recordingPausedAt ?? null;
  return (
    <li class="yb-rep-card" data-state={card.state} data-rep={card.id} aria-label={`${t('common.label', { label: card.name })}${t(`board.state.${card.state}`)}`}>
      <div class="yb-rep-card__head">
        <span class="yb-rep-card__name">{card.name}</span>
        <span class="yb-rep-card__state">{t(`board.state.${card.state}`)}</span>
      </div>
      {since !== null && (
        <div class="yb-rep-card__timer" role="timer" aria-live="off">
          {t('board.timer', { time: timerText((now - since) / 1000) })}
        </div>
      )}
      {call && card.state !== 'online' && (
        <div class="yb-rep-card__call">
          <div>
            {withCustomer(call.direction === 'inbound' ? 'board.call.inbound' : 'board.call.outbound', <strong>{customer}</strong>)}
            {call.customer.name && call.customer.number && <span class="yb-muted"> {displayNumber(call.customer.number, country)}</span>}
          </div>
          {call.line.label && <div class="yb-muted">{t('board.line', { line: call.line.label })}</div>}
          {call.ivrPath.length > 0 && <p class="yb-ivr-path">{call.ivrPath.join(' › ')}</p>}
          {pausedAt && (
            <p class="yb-rep-card__recording" data-recording="paused">
              <time dateTime={pausedAt}>{t('board.recordingPaused', { time: timerText((now - Date.parse(pausedAt)) / 1000) })}</time>
            </p>
          )}
        </div>
      )}
      <p class="yb-rep-card__today">
        {t('board.today', { answered: formatNumber(card.today.answered, uiLanguage.value), missed: formatNumber(card.today.missed, uiLanguage.value), talk: formatSeconds(card.today.talkSeconds, uiLanguage.value) })}
      </p>
      {listen && (
        <button type="button" class="yb-button" aria-label={t('board.listenIn.label', { name: card.name })} onClick={() => onListenIn(card)}>
          {t('board.listenIn')}
        </button>
      )}
    </li>
  );
}

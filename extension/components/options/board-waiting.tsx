import type { CountryCode } from 'libphonenumber-js';
import type { RepCard, Waiting, WaitingCall } from '../../../contract/live-board';
import { t, uiLanguage } from '@/locales/i18n';
import { formatNumber } from '@/models/analytics-format';
import { timerText } from '@/models/timer-text';
import { displayNumber } from '../call-party';

/** Callers not yet with a rep: in the menu, ringing, and (once the server has one) waiting in line. `country`: the org's. */
export function BoardWaiting({ waiting, reps, now, country }: { waiting: Waiting; reps: readonly RepCard[]; now: number; country: CountryCode }) {
  const names = new Map(reps.map((rep) => [rep.id, rep.name]));
  const groups: [string, WaitingCall[] | null][] = [
    ['board.waiting.inMenu', waiting.inMenu],
    ['board.waiting.ringing', waiting.ringing],
    ['board.waiting.inLine', waiting.inLine],
  ];
  return (
    <section class="yb-waiting" aria-labelledby="board-waiting-title">
      <h2 id="board-waiting-title" class="yb-visually-hidden">{t('board.waiting')}</h2>
      {groups
        .filter((group): group is [string, WaitingCall[]] => group[1] !== null)
        .map(([key, calls]) => (
          <div class="yb-waiting__group" key={key} data-group={key.slice('board.waiting.'.length)}>
            <h3>
              <span>{t(key as 'board.waiting.inMenu')}</span>
              <span class="yb-waiting__count">{formatNumber(calls.length, uiLanguage.value)}</span>
            </h3>
            {calls.length === 0 ? (
              <p class="yb-muted">{t('board.waiting.none')}</p>
            ) : (
              <ul>
                {calls.map((call) => (
                  <li key={call.callSid}>
                    <span>
                      {call.customer.name || displayNumber(call.customer.number, country)}
                      {call.line.label && <span class="yb-muted"> → {call.line.label}</span>}
                      {call.ivrPath.length > 0 && <span class="yb-muted"> ({call.ivrPath.join(' › ')})</span>}
                      {call.reps.length > 0 && <span class="yb-muted"> · {t('board.waiting.rings', { names: new Intl.ListFormat(uiLanguage.value === 'ja' ? 'ja-JP' : 'en-US').format(call.reps.map((id) => names.get(id) ?? id)) })}</span>}
                    </span>
                    <span class="yb-rep-card__timer">{timerText((now - Date.parse(call.since)) / 1000)}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
    </section>
  );
}

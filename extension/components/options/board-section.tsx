import '@/assets/board.css';
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import type { RepCard as Card } from '../../../contract/live-board';
import { t, uiLanguage } from '@/locales/i18n';
import { formatNumber } from '@/models/analytics-format';
import type { BoardApi } from '@/models/board-api';
import { boardErrorText } from '@/models/board-errors';
import { createBoardModel } from '@/models/board-model';
import { RepCard } from './board-rep-card';
import { BoardWaiting } from './board-waiting';
import { useOrgCountry } from './org-settings';

/**
 * The live board: every rep's state with a running timer, the callers waiting, today's counts. Fed
 * by the server's event stream while the tab is open; timers tick here, on the server's clock.
 * Numbers in the org's national format, others internationally.
 */
export function BoardSection({ api }: { api: BoardApi }) {
  const model = useMemo(() => createBoardModel(api), [api]);
  const country = useOrgCountry();
  const now = useSignal(Date.now());
  const notice = useSignal<{ text: string; error: boolean } | null>(null);
  useEffect(() => {
    model.start();
    const tick = setInterval(() => (now.value = Date.now()), 1_000);
    return () => {
      clearInterval(tick);
      model.stop();
    };
  }, [model]);

  const board = model.board.value;
  const serverNow = now.value + model.clockOffsetMs.value;
  const status = model.status.value;
  const counts = (board?.reps ?? []).reduce<Record<string, number>>((all, card) => ({ ...all, [card.state]: (all[card.state] ?? 0) + 1 }), {});
  const people = (count: number) => formatNumber(count, uiLanguage.value);
  const listenIn = board?.meta.monitor
    ? async (card: Card) => {
        notice.value = null;
        try {
          await model.listenIn(card.call!.callSid);
          notice.value = { text: t('board.listenIn.started'), error: false };
        } catch (failure) {
          notice.value = { text: boardErrorText(failure, uiLanguage.value), error: true };
        }
      }
    : null;

  return (
    <section aria-labelledby="board-title" aria-busy={!board}>
      <div class="yb-board__bar">
        <h2 id="board-title" class="yb-heading">{t('tab.board')}</h2>
        <span class="yb-board__live" data-status={status} role="status">{t(`board.status.${status}`)}</span>
      </div>
      {notice.value && <p class={`yb-alert ${notice.value.error ? 'yb-alert--error' : 'yb-alert--ok'}`} role="alert">{notice.value.text}</p>}
      {board && (
        <>
          <BoardWaiting waiting={board.waiting} reps={board.reps} now={serverNow} country={country} />
          <h3 class="yb-heading">{t('board.reps')}</h3>
          <p class="yb-board__counts">
            {t('board.counts', { onCall: people((counts['on-call'] ?? 0) + (counts['on-hold'] ?? 0)), ringing: people(counts.ringing ?? 0), online: people(counts.online ?? 0), wrapUp: people(counts['wrap-up'] ?? 0) })}
          </p>
          {board.reps.length === 0 ? (
            <p class="yb-muted">{t('board.empty')}</p>
          ) : (
            <ul class="yb-board__grid">
              {board.reps.map((card) => <RepCard key={card.id} card={card} now={serverNow} country={country} onListenIn={listenIn} />)}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

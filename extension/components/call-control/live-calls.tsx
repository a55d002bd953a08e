import type { CountryCode } from 'libphonenumber-js';
import { useEffect } from 'preact/hooks';
import { yourParty, type LiveCallView } from '@/call-control/live-call-view';
import { t } from '@/locales/i18n';
import type { LiveCallsModel } from '@/models/live-calls-model';
import { timerText } from '@/models/timer-text';
import { displayNumber } from '../call-party';
import { MonitorModeSwitch } from './monitor-mode-switch';

function lineOf(call: LiveCallView): string {
  if (call.direction === 'outbound') return t('liveCalls.outgoing');
  return [call.calledLabel, ...call.ivrPath].filter(Boolean).join(' › ') || displayNumber(call.calledNumber);
}

/** `others`: other live calls are listed (a click on one of them moves the supervisor there). */
function LiveCallRow({ call, model, now, country, others }: { call: LiveCallView; model: LiveCallsModel; now: number; country: CountryCode; others: boolean }) {
  const rep = call.owner?.name ?? t('liveCalls.noRep');
  const busy = model.busy.value !== null;
  // The supervisor's phone has just left it: nothing to do on it until the list says how it stands now.
  const settling = model.settling.value.has(call.callSid);
  const mode = call.monitoring;
  // A call they are on as its rep (they barged in and the rep left): nothing to monitor, the call card has it.
  const yours = yourParty(call) !== null;
  return (
    <li class="yb-live-call">
      <div class="yb-live-call__who">
        <strong>{rep}</strong>
        <span>{displayNumber(call.customerNumber, country)}</span>
        {call.hold && <span class="yb-tag yb-tag--hold">{t('liveCalls.onHold')}</span>}
        {call.recording?.paused && <span class="yb-tag yb-tag--recording-paused">{t('recording.paused')}</span>}
        {yours && <span class="yb-tag">{t('liveCalls.yours')}</span>}
      </div>
      <dl class="yb-live-call__facts">
        <dt>{t('liveCalls.line')}</dt>
        <dd>{lineOf(call)}</dd>
        <dt>{t('liveCalls.duration')}</dt>
        <dd>{call.answeredAt ? timerText((now - call.answeredAt) / 1000) : '—'}</dd>
        {call.record?.name && (
          <>
            <dt>{t('call.record')}</dt>
            <dd>{call.record.name}</dd>
          </>
        )}
      </dl>
      {!yours && (
        <div class="yb-actions">
          <MonitorModeSwitch
            mode={mode}
            label={t('liveCalls.actions', { rep })}
            disabled={busy || settling || call.state !== 'live'}
            onChoose={(option) => void model.monitor(call.callSid, option)}
          />
          {mode && (
            <button type="button" class="yb-button" disabled={busy} onClick={() => void model.stop(call.callSid)}>
              {t('monitoring.stop')}
            </button>
          )}
        </div>
      )}
      {!yours && mode && others && <p class="yb-muted">{t('liveCalls.moveHint')}</p>}
    </li>
  );
}

/**
 * The supervisor's view of every live call (supervisors and admins only): the rep, the customer, the
 * line and menu branch, how long, on hold; Listen / Whisper / Barge / Stop on each. They monitor one
 * call at a time: a mode on another call moves them there.
 */
export function LiveCalls({ model, country = 'JP' }: { model: LiveCallsModel; country?: CountryCode }) {
  useEffect(() => model.follow(), [model]);
  const calls = model.calls.value;
  const now = model.now.value;
  return (
    <section class="yb-live-calls" aria-labelledby="yb-live-calls-title">
      <h2 class="yb-heading" id="yb-live-calls-title">
        {t('liveCalls.title')}
      </h2>
      {model.error.value && (
        <p class="yb-alert yb-alert--error" role="alert">
          {model.error.value}
        </p>
      )}
      {model.failed.value && <p class="yb-alert yb-alert--error">{t('liveCalls.loadFailed')}</p>}
      {calls.length === 0 && !model.failed.value && <p class="yb-muted">{model.loading.value ? t('common.loading') : t('liveCalls.empty')}</p>}
      <ul class="yb-live-calls__list">
        {calls.map((call) => (
          <LiveCallRow key={call.callSid} call={call} model={model} now={now} country={country} others={calls.length > 1} />
        ))}
      </ul>
    </section>
  );
}

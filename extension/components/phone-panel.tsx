import type { CountryCode } from 'libphonenumber-js';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t, uiLanguage } from '@/locales/i18n';
import { formatNumber } from '@/models/analytics-format';
import type { CallControlModel } from '@/models/call-control-model';
import type { ChecklistModel } from '@/models/checklist-model';
import type { DialerModel } from '@/models/dialer-model';
import type { FollowUpsModel } from '@/models/follow-ups-model';
import { goingOfflineEndsCall, type PhoneModel } from '@/models/phone-model';
import type { RecentCallsModel } from '@/models/recent-calls-model';
import type { LiveCallsModel } from '@/models/live-calls-model';
import type { WrapUpModel } from '@/models/wrap-up-model';
import { LiveCalls } from './call-control/live-calls';
import { AvailabilityToggle } from './availability-toggle';
import { displayNumber } from './call-party';
import { CallProblemCard } from './call-problem-card';
import { Checklist } from './checklist';
import { Dialer } from './dialer';
import { FollowUpList } from './follow-up-list';
import { InCallPanel } from './in-call-panel';
import { IncomingCallCard } from './incoming-call-card';
import { PhoneStatusView } from './phone-status';
import { RecentCalls } from './recent-calls';
import { WaitingLineIndicator } from './waiting-line-indicator';
import { WrapUpForm } from './wrap-up-form';
import { CallNetworkNotice } from './call-network-notice';
import { networkNotice } from '@/phone/network-notice';

export interface PhonePanelModels {
  phone: PhoneModel;
  dialer: DialerModel;
  wrapUp: WrapUpModel;
  recent?: RecentCallsModel;
  checklist?: ChecklistModel;
  /** Hold, transfer, add, leave, monitoring on the call being talked on. */
  control?: CallControlModel;
  /** Supervisors and admins: every live call, to listen, whisper or barge in. */
  liveCalls?: LiveCallsModel | null;
  /** The popup's "to call back" list and waiting line (not on CRM pages). */
  followUps?: FollowUpsModel;
}

/**
 * The rep's phone: status and toggle, then what the call phase calls for (dialer, incoming card,
 * in-call controls, wrap-up form), recent calls and the "Why can't I call?" check.
 * Used by the popup and, compact, by the floating launcher on CRM pages.
 */
export function PhonePanel({ models, compact = false }: { models: PhonePanelModels; compact?: boolean }) {
  const { phone, dialer, wrapUp, recent, checklist, control, liveCalls, followUps } = models;
  const snapshot = phone.snapshot.value;
  const country: CountryCode = snapshot.defaultCountry ?? 'JP';
  const call = snapshot.call;
  const dial = (to: string) => void phone.dial({ to });
  // The wrap-up form is one call's: another call's wrap-up (say B, answered while A's note was being
  // written) starts empty. A layout effect, so A's note never shows on B's form, even for a frame.
  const wrapUpCallId = snapshot.phase === 'wrap-up' ? (call?.callId ?? null) : null;
  useLayoutEffect(() => {
    if (wrapUpCallId) wrapUp.forCall(wrapUpCallId);
  }, [wrapUp, wrapUpCallId]);
  const [askingOffline, setAskingOffline] = useState(false);
  // The question is moot once the call is over: the switch then just goes offline.
  const confirmingOffline = askingOffline && goingOfflineEndsCall(snapshot.phase);
  useEffect(() => {
    if (!goingOfflineEndsCall(snapshot.phase)) setAskingOffline(false);
  }, [snapshot.phase]);
  // The question takes the focus (an alert dialog), on the answer that changes nothing.
  const stayButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirmingOffline) stayButton.current?.focus();
  }, [confirmingOffline]);
  const setAvailable = (online: boolean) => {
    if (!online && goingOfflineEndsCall(snapshot.phase)) setAskingOffline(true);
    else void phone.setAvailable(online);
  };
  const goOffline = () => {
    setAskingOffline(false);
    void phone.setAvailable(false);
  };

  return (
    <div class={`yb-phone${compact ? ' yb-phone--compact' : ''}`}>
      <div class="yb-phone__bar">
        <PhoneStatusView status={snapshot.status} compact={compact} />
        <AvailabilityToggle
          available={snapshot.available}
          disabled={phone.switchingAvailability.value || confirmingOffline}
          onChange={setAvailable}
        />
      </div>
      {confirmingOffline && (
        <div class="yb-alert yb-alert--error" role="alertdialog" aria-labelledby="yb-offline-ends-call">
          <p id="yb-offline-ends-call">{t('availability.offlineEndsCall')}</p>
          <div class="yb-actions">
            <button type="button" class="yb-button yb-button--decline" onClick={goOffline}>
              {t('availability.goOffline')}
            </button>
            <button type="button" class="yb-button" ref={stayButton} onClick={() => setAskingOffline(false)}>
              {t('availability.stayOnline')}
            </button>
          </div>
        </div>
      )}
      {followUps && <WaitingLineIndicator line={followUps.waitingLine.value} />}

      {phone.lastError.value && (
        <p class="yb-alert yb-alert--error" role="alert">
          {phone.lastError.value}
        </p>
      )}

      {snapshot.problem && (
        <CallProblemCard
          problem={snapshot.problem}
          country={country}
          online={snapshot.available}
          onGoOnline={() => void phone.setAvailable(true)}
          onClose={() => void phone.dismissProblem()}
        />
      )}

      {snapshot.phase === 'incoming' && call && (
        <IncomingCallCard call={call} country={country} onAccept={phone.accept} onDecline={phone.decline} />
      )}
      {snapshot.waiting && (
        <IncomingCallCard call={snapshot.waiting} country={country} waiting onAccept={phone.accept} onDecline={phone.decline} />
      )}

      {(snapshot.phase === 'dialing' || snapshot.phase === 'ringing-out' || snapshot.phase === 'in-call') && call && (
        <InCallPanel
          call={call}
          phase={snapshot.phase}
          elapsed={phone.elapsed.value}
          country={country}
          compact={compact}
          onToggleMute={phone.toggleMute}
          onDigits={phone.sendDigits}
          onHangUp={phone.hangUp}
          control={control}
          network={networkNotice(snapshot.network, phone.now.value, { muted: call.muted })}
        />
      )}

      {snapshot.phase === 'wrap-up' && <CallNetworkNotice notice={networkNotice(snapshot.network, phone.now.value, { ended: true })} />}
      {snapshot.phase === 'wrap-up' && (
        <WrapUpForm
          model={wrapUp}
          callSid={call?.sid ?? null}
          takenOver={snapshot.takenOver ?? null}
          inherited={snapshot.inherited && call ? { caller: call.record?.name || displayNumber(call.number, country) } : null}
          onDone={() => {
            wrapUp.reset();
            void phone.finishWrapUp();
            void recent?.load();
          }}
        />
      )}

      {/* Calls the user took over meanwhile: their wrap-ups open once what is on the screen is over. */}
      {(!!snapshot.owedWrapUps || !!snapshot.owedDropped) && (
        <p class="yb-muted" role="status">
          {[
            snapshot.owedWrapUps ? (snapshot.owedWrapUps === 1 ? t('wrapUp.owed.one') : t('wrapUp.owed', { count: formatNumber(snapshot.owedWrapUps, uiLanguage.value) })) : null,
            snapshot.owedDropped ? (snapshot.owedDropped === 1 ? t('wrapUp.owedDropped.one') : t('wrapUp.owedDropped', { count: formatNumber(snapshot.owedDropped, uiLanguage.value) })) : null,
          ]
            .filter(Boolean)
            .join(uiLanguage.value === 'ja' ? '' : ' ')}
        </p>
      )}

      {snapshot.phase === 'idle' && (
        <>
          <Dialer dialer={dialer} canDial={phone.canDial.value} onCall={dial} />
          {/* Why Call is disabled otherwise is the status line's help, right above. */}
          {snapshot.canCallOut === false && <p class="yb-alert">{t('check.outgoing-number.fix')}</p>}
        </>
      )}

      {liveCalls && <LiveCalls model={liveCalls} country={country} />}
      {followUps && (
        <FollowUpList
          followUps={followUps.followUps.value}
          country={country}
          canDial={phone.canDial.value}
          failed={followUps.failed.value}
          problem={followUps.problem.value}
          playing={followUps.playing.value}
          onCall={dial}
          onPlay={(id) => void followUps.play(id)}
          onDone={(id) => void followUps.complete(id)}
          onRetry={() => void followUps.load()}
        />
      )}

      {recent && (
        <RecentCalls
          calls={recent.calls.value}
          loading={recent.loading.value}
          failed={recent.failed.value}
          country={country}
          canDial={phone.canDial.value}
          onRedial={dial}
          onRetry={() => void recent.load()}
        />
      )}

      {checklist && (
        <details class="yb-disclosure" onToggle={(event) => event.currentTarget.open && !checklist.ran.value && void checklist.run()}>
          <summary id="yb-checklist-title">{t('checklist.title')}</summary>
          <Checklist model={checklist} onGoOnline={() => void phone.setAvailable(true).then(() => checklist.run())} />
        </details>
      )}
    </div>
  );
}

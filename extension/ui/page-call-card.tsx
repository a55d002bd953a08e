import type { CountryCode } from 'libphonenumber-js';
import { useCallback, useRef, useState } from 'preact/hooks';
import { CallProblemCard } from '@/components/call-problem-card';
import { InCallPanel } from '@/components/in-call-panel';
import { IncomingCallCard } from '@/components/incoming-call-card';
import { t } from '@/locales/i18n';
import { networkNotice } from '@/phone/network-notice';
import type { CallControlModel } from '@/models/call-control-model';
import type { PhoneModel } from '@/models/phone-model';
import { watchSight, type SightCheck } from './sight-check';

/**
 * What a call puts over the CRM page: the incoming-call card (Accept / Decline), the compact in-call
 * card (number, record, timer, mute, keypad, hang up; hold, transfer, add, who is on the call), or why a call did not start (with "Go online"
 * when that is the fix). Nothing when there is no call.
 * With `guardSight`, Accept answers only while the rep can really see the card: a click on a card
 * the page has covered, faded or moved answers nothing and says how to answer instead (the
 * keyboard shortcut, which no page can fake or redirect).
 */
export function PageCallCard({ phone, control, country = 'JP', guardSight = true }: { phone: PhoneModel; control?: CallControlModel; country?: CountryCode; guardSight?: boolean }) {
  const snapshot = phone.snapshot.value;
  const call = snapshot.call;
  const waiting = snapshot.waiting;
  const problem = snapshot.problem;
  const ringing = (snapshot.phase === 'incoming' && call != null) || waiting != null;
  const sight = useRef<SightCheck | null>(null);
  const [hidden, setHidden] = useState(false);
  // Watched from the moment the card is on the page until it leaves it.
  const watchCard = useCallback(
    (card: HTMLDivElement | null) => {
      sight.current?.dispose();
      sight.current = card && guardSight ? watchSight(card) : null;
      if (!card) setHidden(false);
    },
    [guardSight],
  );

  const active = snapshot.phase !== 'idle' && snapshot.phase !== 'wrap-up' && call;
  if (!active && !waiting && !problem) return null;
  const accept = (callId: string) => {
    if (guardSight && !sight.current?.seen()) {
      setHidden(true);
      return;
    }
    setHidden(false);
    void phone.accept(callId);
  };
  return (
    <div class="yb-page-card" ref={watchCard}>
      {problem && (
        <CallProblemCard
          problem={problem}
          country={country}
          online={snapshot.available}
          onGoOnline={() => void phone.setAvailable(true)}
          onClose={() => void phone.dismissProblem()}
        />
      )}
      {snapshot.phase === 'incoming' && call && <IncomingCallCard call={call} country={country} onAccept={accept} onDecline={phone.decline} />}
      {waiting && <IncomingCallCard call={waiting} country={country} waiting onAccept={accept} onDecline={phone.decline} />}
      {ringing && hidden && (
        <p class="yb-alert yb-alert--error" role="alert">
          {t('call.acceptHidden')}
        </p>
      )}
      {(snapshot.phase === 'dialing' || snapshot.phase === 'ringing-out' || snapshot.phase === 'in-call') && call && (
        <div class="yb-card">
          <InCallPanel
            call={call}
            phase={snapshot.phase}
            elapsed={phone.elapsed.value}
            country={country}
            compact
            onToggleMute={phone.toggleMute}
            onDigits={phone.sendDigits}
            onHangUp={phone.hangUp}
            control={control}
            network={networkNotice(snapshot.network, phone.now.value, { muted: call.muted })}
          />
        </div>
      )}
    </div>
  );
}

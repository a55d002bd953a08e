import type { CountryCode } from 'libphonenumber-js';
import { CallProblemCard } from '@/components/call-problem-card';
import { InCallPanel } from '@/components/in-call-panel';
import { IncomingCallCard } from '@/components/incoming-call-card';
import type { CallControlModel } from '@/models/call-control-model';
import type { PhoneModel } from '@/models/phone-model';

/**
 * What a call puts over the CRM page: the incoming-call card (Accept / Decline), the compact in-call
 * card (number, record, timer, mute, keypad, hang up; hold, transfer, add, who is on the call), or why a call did not start (with "Go online"
 * when that is the fix). Nothing when there is no call.
 */
export function PageCallCard({ phone, control, country = 'JP' }: { phone: PhoneModel; control?: CallControlModel; country?: CountryCode }) {
  const snapshot = phone.snapshot.value;
  const call = snapshot.call;
  const waiting = snapshot.waiting;
  const problem = snapshot.problem;
  const active = snapshot.phase !== 'idle' && snapshot.phase !== 'wrap-up' && call;
  if (!active && !waiting && !problem) return null;
  return (
    <div class="yb-page-card">
      {problem && (
        <CallProblemCard
          problem={problem}
          country={country}
          online={snapshot.available}
          onGoOnline={() => void phone.setAvailable(true)}
          onClose={() => void phone.dismissProblem()}
        />
      )}
      {snapshot.phase === 'incoming' && call && (
        <IncomingCallCard call={call} country={country} onAccept={phone.accept} onDecline={phone.decline} />
      )}
      {waiting && <IncomingCallCard call={waiting} country={country} waiting onAccept={phone.accept} onDecline={phone.decline} />}
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
          />
        </div>
      )}
    </div>
  );
}

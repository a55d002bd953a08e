import type { CountryCode } from 'libphonenumber-js';
import { InCallPanel } from '@/components/in-call-panel';
import { IncomingCallCard } from '@/components/incoming-call-card';
import type { PhoneModel } from '@/models/phone-model';

/**
 * What a call puts over the CRM page: the incoming-call card (Accept / Decline), or the compact
 * in-call card (number, record, timer, mute, keypad, hang up). Nothing when there is no call.
 */
export function PageCallCard({ phone, country = 'JP' }: { phone: PhoneModel; country?: CountryCode }) {
  const snapshot = phone.snapshot.value;
  const call = snapshot.call;
  const waiting = snapshot.waiting;
  if (!call && !waiting) return null;
  return (
    <div class="yb-page-card">
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
          />
        </div>
      )}
    </div>
  );
}

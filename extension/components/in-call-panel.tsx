import { useState } from 'preact/hooks';
import type { CountryCode } from 'libphonenumber-js';
import { t } from '@/locales/i18n';
import type { CallPhase, CallView } from '@/models/phone-state';
import { displayNumber, RecordLink } from './call-party';
import { Keypad } from './keypad';

function phaseLabel(phase: CallPhase): 'dialing' | 'ringing-out' | 'in-call' | 'wrap-up' {
  return phase === 'dialing' || phase === 'ringing-out' || phase === 'wrap-up' ? phase : 'in-call';
}

/**
 * During a call (and while dialling): who, the timer, mute, keypad (DTMF), hang up.
 * `compact` is the page card's variant.
 */
export function InCallPanel({
  call,
  phase,
  elapsed,
  country = 'JP',
  compact = false,
  onToggleMute,
  onDigits,
  onHangUp,
}: {
  call: CallView;
  phase: CallPhase;
  elapsed: string;
  country?: CountryCode;
  compact?: boolean;
  onToggleMute: () => void;
  onDigits: (digits: string) => void;
  onHangUp: () => void;
}) {
  const [keypadOpen, setKeypadOpen] = useState(false);
  const connected = phase === 'in-call';
  return (
    <section class={`yb-in-call${compact ? ' yb-in-call--compact' : ''}`} aria-label={t('call.in-call')}>
      <header class="yb-in-call__who">
        <span class="yb-in-call__phase">{t(`call.${phaseLabel(phase)}`)}</span>
        <strong class="yb-in-call__number">{displayNumber(call.number, country)}</strong>
        {call.record && <RecordLink record={call.record} />}
        <span class="yb-in-call__timer" role="timer" aria-label={t('call.timer')}>
          {elapsed}
        </span>
      </header>
      <div class="yb-in-call__controls">
        <button type="button" class="yb-button" aria-pressed={call.muted} disabled={!connected} onClick={onToggleMute}>
          {call.muted ? t('call.unmute') : t('call.mute')}
        </button>
        <button
          type="button"
          class="yb-button"
          aria-expanded={keypadOpen}
          disabled={!connected}
          onClick={() => setKeypadOpen(!keypadOpen)}
        >
          {keypadOpen ? t('call.hideKeypad') : t('call.keypad')}
        </button>
        <button type="button" class="yb-button yb-button--hang-up" onClick={onHangUp}>
          {t('call.hangUp')}
        </button>
      </div>
      {keypadOpen && connected && <Keypad onPress={onDigits} label={t('call.keypad')} />}
    </section>
  );
}

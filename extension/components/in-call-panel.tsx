import { useId, useState } from 'preact/hooks';
import type { CountryCode } from 'libphonenumber-js';
import { t } from '@/locales/i18n';
import type { CallControlModel } from '@/models/call-control-model';
import type { CallPhase, CallView } from '@/models/phone-state';
import { CallControlButtons, CallControlDetails } from './call-control/call-controls';
import { InviteBanner } from './call-control/invite-banner';
import { MonitoringControls } from './call-control/monitoring-controls';
import { displayNumber, RecordLink } from './call-party';
import { Keypad } from './keypad';

function phaseLabel(phase: CallPhase): 'dialing' | 'ringing-out' | 'in-call' | 'wrap-up' {
  return phase === 'dialing' || phase === 'ringing-out' || phase === 'wrap-up' ? phase : 'in-call';
}

/**
 * During a call (and while dialling): who, the timer, mute, keypad (DTMF), hang up; with `control`,
 * the conference room's call control too (hold, transfer, add, leave, who is on the call), or for a
 * supervisor's monitoring leg its mode. `compact` is the page card's variant.
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
  control,
}: {
  call: CallView;
  phase: CallPhase;
  elapsed: string;
  country?: CountryCode;
  compact?: boolean;
  onToggleMute: () => void;
  onDigits: (digits: string) => void;
  onHangUp: () => void;
  control?: CallControlModel | undefined;
}) {
  const [keypadOpen, setKeypadOpen] = useState(false);
  const panelId = useId();
  const connected = phase === 'in-call';
  const monitoring = call.invite?.purpose === 'monitor';
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
      {call.invite && !monitoring && <InviteBanner invite={call.invite} />}
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
        {control && connected && !monitoring && <CallControlButtons control={control} panelId={panelId} />}
        <button type="button" class="yb-button yb-button--hang-up" onClick={onHangUp}>
          {t('call.hangUp')}
        </button>
      </div>
      {keypadOpen && connected && <Keypad onPress={onDigits} label={t('call.keypad')} />}
      {control && connected && (monitoring ? <MonitoringControls control={control} interactive={!compact} /> : <CallControlDetails control={control} country={country} panelId={panelId} />)}
    </section>
  );
}

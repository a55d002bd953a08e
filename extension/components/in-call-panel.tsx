import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { CountryCode } from 'libphonenumber-js';
import { t } from '@/locales/i18n';
import type { CallControlModel } from '@/models/call-control-model';
import { keypadKeyFor } from '@/models/keypad-keys';
import type { CallPhase, CallView } from '@/models/phone-state';
import type { NetworkNotice } from '@/phone/network-notice';
import { CallControlButtons, CallControlDetails } from './call-control/call-controls';
import { InviteBanner } from './call-control/invite-banner';
import { MonitoringControls } from './call-control/monitoring-controls';
import { CallNetworkNotice } from './call-network-notice';
import { displayNumber, RecordLink } from './call-party';
import { Keypad } from './keypad';

/** Where typing is text, not tones: a text box, a select's type-ahead, an editable region. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  if (target.closest('textarea, select')) return true;
  return target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'image', 'reset', 'submit'].includes(target.type);
}

/** The keypad key a key press during a call sends, or null when it is not one (or is meant for something else). */
function toneFor(event: KeyboardEvent): string | null {
  if (event.defaultPrevented || event.repeat || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return null;
  return isTextEntry(event.target) ? null : keypadKeyFor(event.key);
}

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
  network = null,
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
  /** The connection dropped (reconnecting) or the call's quality is poor: the card says so, the timer runs on. */
  network?: NetworkNotice | null;
}) {
  const [keypadOpen, setKeypadOpen] = useState(false);
  const panelId = useId();
  const connected = phase === 'in-call';
  // A supervisor who took the call over gets a rep's controls (call-control-model.ts).
  const monitoring = control ? control.monitoring.value : call.invite?.purpose === 'monitor';
  const section = useRef<HTMLElement>(null);
  const sendDigits = useRef(onDigits);
  sendDigits.current = onDigits;
  // 0-9 * # typed on the keyboard go as tones, as the keypad's keys do (an IVR's "press 1"), and open the
  // keypad to show it is in use. The popup is the phone, so a key typed anywhere in it counts, except in a
  // text field (the transfer picker's number or search). On a CRM page (compact) the page's keys are its
  // own: only keys typed inside this panel count.
  useEffect(() => {
    const panel = section.current;
    if (!connected || !panel) return;
    const scope: HTMLElement | Document = compact ? panel : panel.ownerDocument;
    const onKeyDown = (event: Event) => {
      const key = toneFor(event as KeyboardEvent);
      if (key === null) return;
      event.preventDefault();
      setKeypadOpen(true);
      sendDigits.current(key);
    };
    scope.addEventListener('keydown', onKeyDown);
    return () => scope.removeEventListener('keydown', onKeyDown);
  }, [connected, compact]);
  return (
    <section class={`yb-in-call${compact ? ' yb-in-call--compact' : ''}`} aria-label={t('call.in-call')} ref={section}>
      <header class="yb-in-call__who">
        {/* A live region: a screen reader hears the call move on (dialling, ringing, connected) as the rep would see it. */}
        <span class="yb-in-call__phase" role="status">
          {t(`call.${phaseLabel(phase)}`)}
        </span>
        {/* The card's heading, as the incoming card's: the lists and panels under it are its h3s. */}
        <h2 class="yb-in-call__number">{displayNumber(call.number, country)}</h2>
        {call.record && <RecordLink record={call.record} />}
        <span class="yb-in-call__timer" role="timer" aria-label={t('call.timer')}>
          {elapsed}
        </span>
      </header>
      <CallNetworkNotice notice={network} />
      {/* A supervisor who took the call over is told so by the controls: "a call to monitor" would be stale. */}
      {call.invite && !monitoring && !control?.tookOver.value && <InviteBanner invite={call.invite} />}
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

import type { CountryCode } from 'libphonenumber-js';
import type { HandoverView } from '@/call-control/live-call-view';
import { t } from '@/locales/i18n';
import type { CallControlModel } from '@/models/call-control-model';
import { displayNumber } from '../call-party';
import { ParticipantsList } from './participants-list';
import { RecordingPauseButton, RecordingPauseStatus } from './recording-pause';
import { TransferPicker } from './transfer-picker';

const HOLD_LABEL = { talking: 'control.hold', holding: 'control.holding', held: 'control.resume', resuming: 'control.resuming' } as const;

/** The buttons that join Mute and Keypad on the call card: Hold / Resume, Transfer, Add, Leave. */
export function CallControlButtons({ control, panelId }: { control: CallControlModel; panelId: string }) {
  if (!control.view.value) return null;
  // A call that never moved into its room is a plain bridge: no hold, transfer or add there, only its recording's pause.
  if (control.view.value.state === 'not-in-room') return <RecordingPauseButton control={control} />;
  const usable = control.controllable.value && !control.busy.value;
  const hold = control.holdState.value;
  const panel = control.panel.value;
  return (
    <>
      <button type="button" class="yb-button yb-button--hold" disabled={!usable || hold === 'holding' || hold === 'resuming' || control.consult.value !== null} onClick={() => void control.toggleHold()}>
        {t(HOLD_LABEL[hold])}
      </button>
      <RecordingPauseButton control={control} />
      <button
        type="button"
        class="yb-button"
        aria-expanded={panel === 'transfer'}
        aria-controls={panelId}
        disabled={!usable || control.consult.value !== null}
        onClick={() => control.openPanel('transfer')}
      >
        {t('control.transfer')}
      </button>
      <button type="button" class="yb-button" aria-expanded={panel === 'add'} aria-controls={panelId} disabled={!usable} onClick={() => control.openPanel('add')}>
        {t('control.add')}
      </button>
      {control.canLeave.value && (
        <button type="button" class="yb-button" title={t('control.leave.help')} disabled={!usable} onClick={() => void control.leave()}>
          {t('control.leave')}
        </button>
      )}
    </>
  );
}

function handoverName(handover: HandoverView, country: CountryCode): string {
  return handover.name ?? (handover.number ? displayNumber(handover.number, country) : t('handover.someone'));
}

/** A consult under way: whom, ringing or talking, and Complete (once they talk) / Cancel. */
function ConsultBar({ control, country }: { control: CallControlModel; country: CountryCode }) {
  const consult = control.consult.value;
  if (!consult) return null;
  const name = handoverName(consult, country);
  return (
    <div class="yb-consult" role="group" aria-label={t('control.transfer')}>
      <p class="yb-consult__status" role="status">
        {t(consult.state === 'ringing' ? 'consult.ringing' : 'consult.talking', { name })}
      </p>
      <div class="yb-actions">
        <button type="button" class="yb-button yb-button--primary" disabled={consult.state !== 'talking' || control.busy.value !== null} onClick={() => void control.completeTransfer()}>
          {t('consult.complete')}
        </button>
        <button type="button" class="yb-button" disabled={control.busy.value !== null} onClick={() => void control.cancelTransfer()}>
          {t('consult.cancel')}
        </button>
      </div>
    </div>
  );
}

/**
 * What goes under the call card's buttons: the hold time, a consult's bar, a transfer or ring-back on
 * its way, the transfer / add panel, what went wrong, and who is on the call.
 */
export function CallControlDetails({ control, country = 'JP', panelId }: { control: CallControlModel; country?: CountryCode; panelId: string }) {
  const view = control.view.value;
  if (!view) return null;
  const handover = view.handover;
  const panel = control.panel.value;
  return (
    <div class="yb-call-control">
      {view.state === 'joining' && <p class="yb-muted">{t('control.joining')}</p>}
      {/* A plain call: only its recording's pause works until it is in its room (the server keeps trying the move). */}
      {view.state === 'not-in-room' && <p class="yb-muted yb-call-control__not-in-room">{t(view.recording?.paused ? 'control.notInRoom.paused' : 'control.notInRoom')}</p>}
      {control.tookOver.value && (
        <p class="yb-muted" role="status">
          {t('control.tookOver')}
        </p>
      )}
      {/* Always there, so that a screen reader hears the caller go on hold (the tag below appears with it, unannounced). */}
      <p class="yb-visually-hidden" role="status">
        {view.hold ? t('party.state.held') : ''}
      </p>
      {view.hold && (
        <p class="yb-hold">
          <span class="yb-tag yb-tag--hold">{t('party.state.held')}</span>{' '}
          <span role="timer" aria-label={t('control.holdTimer')}>
            {control.holdTime.value}
          </span>
        </p>
      )}
      <RecordingPauseStatus control={control} />
      <ConsultBar control={control} country={country} />
      {handover && handover.purpose !== 'consult' && (
        <p class="yb-muted" role="status">
          {t(handover.purpose === 'recall' ? 'handover.recall' : 'handover.transfer', { name: handoverName(handover, country) })}
        </p>
      )}
      {control.error.value && (
        <p class="yb-alert yb-alert--error" role="alert">
          {control.error.value}
        </p>
      )}
      <div id={panelId}>
        {panel && (
          <TransferPicker
            picker={control.picker}
            purpose={panel}
            busy={control.busy.value !== null}
            onSubmit={() => void control.submit()}
            onClose={control.closePanel}
          />
        )}
      </div>
      <ParticipantsList view={view} country={country} />
    </div>
  );
}

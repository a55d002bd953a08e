import { t } from '@/locales/i18n';
import { RECORDING_PAUSE_WARN_MS, type CallControlModel } from '@/models/call-control-model';

const BUTTON_LABEL = {
  recording: 'recording.pause',
  pausing: 'recording.pausing',
  paused: 'recording.resume',
  resuming: 'recording.resuming',
} as const;

/**
 * "Pause recording" / "Resume recording" on a recorded call, for anyone of ours in the room (a rep,
 * or a supervisor monitoring), or the rep of a call that stayed a plain bridge. Disabled while any request of the card is on its way, so a double
 * click sends one request. No button on a call that is not recorded.
 */
export function RecordingPauseButton({ control }: { control: CallControlModel }) {
  const state = control.recordingState.value;
  if (!state || !control.canPauseRecording.value) return null;
  return (
    <button
      type="button"
      class="yb-button yb-button--recording"
      aria-pressed={state === 'paused' || state === 'resuming'}
      title={state === 'recording' ? t('recording.pause.help') : undefined}
      disabled={control.busy.value !== null}
      onClick={() => void control.toggleRecording()}
    >
      {t(BUTTON_LABEL[state])}
    </button>
  );
}

/**
 * The recording is paused: who paused it and for how long, seen by everyone on the call (the state is
 * the server's). After RECORDING_PAUSE_WARN_MS it reminds them to resume; no timer resumes it (only
 * the server does, once nobody of ours is left on the call to see this).
 */
export function RecordingPauseStatus({ control }: { control: CallControlModel }) {
  const recording = control.view.value?.recording;
  if (!recording?.paused) return null;
  const by = recording.byYou ? t('recording.pausedByYou') : recording.byName ? t('recording.pausedBy', { name: recording.byName }) : null;
  return (
    <>
      <p class="yb-recording-paused" role="status">
        <span class="yb-tag yb-tag--recording-paused">{t('recording.paused')}</span>{' '}
        <span role="timer" aria-label={t('recording.pausedTimer')}>
          {control.pausedTime.value}
        </span>
        {by && <span class="yb-muted"> {by}</span>}
      </p>
      {control.pausedLong.value && (
        <p class="yb-alert yb-alert--warning" role="alert">
          {t('recording.pausedLong', { minutes: RECORDING_PAUSE_WARN_MS / 60_000 })}
        </p>
      )}
    </>
  );
}

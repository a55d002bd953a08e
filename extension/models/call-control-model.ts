import { computed, effect, signal } from '@preact/signals';
import { canPauseRecording as canPauseRecordingOf, canControl, othersStay, tookOver, yourConsult, yourParty, type LiveCallView } from '@/call-control/live-call-view';
import { isApiErrorCode, type ParamValues } from '../../contract/api-errors.ts';
import { apiErrorText } from '@/locales/api-error-text';
import { t, uiLanguage } from '@/locales/i18n';
import type { CallControlClient, MonitorMode, RepAction } from './call-control-client';
import { describePhoneError, type PhoneModel } from './phone-model';
import { timerText } from './timer-text';
import { createTransferPickerModel, type PickerOptions } from './transfer-picker-model';

/** The refusals the call card can meet: the server's (contract codes) and the background's own `not_current_call`. */
export const CALL_CONTROL_ERRORS = [
  'call_not_found', 'not_a_party', 'not_a_supervisor', 'call_not_live', 'call_moving', 'resume_recording_first', 'already_on_the_call', 'cannot_transfer_to_self',
  'transfer_in_progress', 'no_transfer_in_progress', 'consult_not_connected', 'nobody_to_coach', 'caller_would_be_alone', 'colleague_unavailable',
  'unknown_colleague', 'destination_not_allowed', 'call_changed', 'call_ended', 'twilio_unavailable', 'go_online_to_monitor',
  'call_not_recorded', 'recording_not_active', 'finish_monitored_call_first', 'monitored_call_is_yours',
  'still_leaving_call', 'not_current_call',
] as const;

/**
 * A call-control refusal in the rep's language: the server's (server/routes/call-control.ts,
 * requests.ts) from the API's error dictionary, the background's own `not_current_call` from ours;
 * anything else as the phone's errors are worded.
 */
export function describeControlError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'not_current_call') return t('callControlError.not_current_call');
  if (isApiErrorCode(code)) return apiErrorText(uiLanguage.value, { code, params: (error as { params?: ParamValues }).params });
  return describePhoneError(error);
}

/** How long a hold (or resume) the server accepted may take to show in the room before the button gives up waiting. */
export const HOLD_CONFIRM_MS = 5_000;

/**
 * After this long paused, the card reminds whoever is on the call to resume the recording. It never
 * resumes by itself: resuming while the customer is still reading out their card would record it.
 */
export const RECORDING_PAUSE_WARN_MS = 3 * 60_000;

/** The recording button: recording, paused, or waiting for the server to apply a click. */
export type RecordingButtonState = 'recording' | 'pausing' | 'paused' | 'resuming';

export type HoldState = 'talking' | 'holding' | 'held' | 'resuming';

/**
 * The call card's call control: hold and resume (with the hold time), transfer and add (a picker),
 * a consult's complete and cancel, leave, and a supervisor's monitoring mode. The call as its room
 * stands comes with the phone's snapshot; every request goes to the client (the background).
 */
export function createCallControlModel(client: CallControlClient, phone: PhoneModel, picker: PickerOptions) {
  const view = computed<LiveCallView | null>(() => {
    const snapshot = phone.snapshot.value;
    const live = snapshot.live ?? null;
    return snapshot.phase === 'in-call' && live && live.callSid === snapshot.call?.sid ? live : null;
  });
  const panel = signal<'transfer' | 'add' | null>(null);
  const busy = signal<string | null>(null);
  const error = signal<string | null>(null);
  const expecting = signal<'held' | 'resumed' | null>(null);
  let expectingTimer: ReturnType<typeof setTimeout> | null = null;
  const transferPicker = createTransferPickerModel(client, picker);

  const controllable = computed(() => canControl(view.value));
  /** A supervisor's monitoring leg, until they take the call over (then it is a rep's call card). */
  const monitoring = computed(() => phone.snapshot.value.call?.invite?.purpose === 'monitor' && !(view.value && yourParty(view.value)));
  const tookOverCall = computed(() => tookOver(view.value));
  const holdState = computed<HoldState>(() => {
    const held = Boolean(view.value?.hold);
    if (expecting.value === 'held' && !held) return 'holding';
    if (expecting.value === 'resumed' && held) return 'resuming';
    return held ? 'held' : 'talking';
  });
  const holdTime = computed(() => {
    const since = view.value?.hold?.since;
    return since ? timerText((phone.now.value - since) / 1000) : null;
  });
  const consult = computed(() => yourConsult(view.value));
  const canPauseRecording = computed(() => canPauseRecordingOf(view.value));
  const recordingState = computed<RecordingButtonState | null>(() => {
    const recording = view.value?.recording;
    if (!recording) return null;
    if (busy.value === 'pause-recording') return 'pausing';
    if (busy.value === 'resume-recording') return 'resuming';
    return recording.paused ? 'paused' : 'recording';
  });
  const pausedFor = computed(() => {
    const recording = view.value?.recording;
    return recording?.paused ? Math.max(0, phone.now.value - recording.since) : null;
  });
  const canLeave = computed(() => controllable.value && !consult.value && othersStay(view.value as LiveCallView));

  // The room confirmed what was asked: later changes (a consult holds the caller again) are the room's to show.
  const stopConfirming = effect(() => {
    const held = Boolean(view.value?.hold);
    if ((expecting.value === 'held' && held) || (expecting.value === 'resumed' && !held)) expecting.value = null;
  });

  const expect = (next: 'held' | 'resumed') => {
    expecting.value = next;
    if (expectingTimer) clearTimeout(expectingTimer);
    expectingTimer = setTimeout(() => (expecting.value = null), HOLD_CONFIRM_MS);
  };

  async function run(name: string, work: () => Promise<unknown>): Promise<boolean> {
    if (busy.value) return false;
    busy.value = name;
    error.value = null;
    try {
      await work();
      return true;
    } catch (caught) {
      error.value = describeControlError(caught);
      return false;
    } finally {
      busy.value = null;
    }
  }
  const act = (action: RepAction) => {
    const callSid = view.value?.callSid;
    return callSid ? run(action.kind, () => client.act(callSid, action)) : Promise.resolve(false);
  };
  const monitorCall = () => phone.snapshot.value.call?.sid ?? null;

  return {
    view,
    controllable,
    monitoring,
    tookOver: tookOverCall,
    holdState,
    holdTime,
    canPauseRecording,
    recordingState,
    /** How long the recording has been paused (`01:23`), or null while it records. */
    pausedTime: computed(() => (pausedFor.value === null ? null : timerText(pausedFor.value / 1000))),
    /** Paused for longer than RECORDING_PAUSE_WARN_MS: time to remind them to resume. */
    pausedLong: computed(() => pausedFor.value !== null && pausedFor.value >= RECORDING_PAUSE_WARN_MS),
    consult,
    canLeave,
    panel,
    busy,
    error,
    picker: transferPicker,

    async toggleHold() {
      const resume = holdState.value === 'held';
      if (await act({ kind: resume ? 'resume' : 'hold' })) expect(resume ? 'resumed' : 'held');
    },
    leave: () => act({ kind: 'leave' }),
    completeTransfer: () => act({ kind: 'complete-transfer' }),
    /** Pauses the recording (card numbers, personal data) or resumes it; the server's state, seen by everyone on the call. */
    toggleRecording() {
      const paused = view.value?.recording?.paused ?? false;
      return act({ kind: paused ? 'resume-recording' : 'pause-recording' });
    },
    cancelTransfer: () => act({ kind: 'cancel-transfer' }),

    /** Opens the transfer or add panel (the same one closes it). */
    openPanel(kind: 'transfer' | 'add') {
      error.value = null;
      if (panel.value === kind) {
        panel.value = null;
        return;
      }
      transferPicker.reset();
      panel.value = kind;
      void transferPicker.load();
    },
    closePanel() {
      panel.value = null;
      transferPicker.reset();
    },
    /** Sends the transfer (or the added party) the panel describes. */
    async submit(): Promise<boolean> {
      const to = transferPicker.target.value;
      if (!to) {
        error.value = t('picker.choose');
        return false;
      }
      const note = transferPicker.note.value.trim();
      const done =
        panel.value === 'add'
          ? await act({ kind: 'add', to })
          : await act({ kind: 'transfer', to, mode: transferPicker.mode.value, ...(note ? { note } : {}) });
      if (done) {
        panel.value = null;
        transferPicker.reset();
      }
      return done;
    },

    /** A supervisor on their monitoring leg: switch between listen, whisper and barge. */
    setMonitorMode(mode: MonitorMode) {
      const callSid = monitorCall();
      return callSid ? run('monitor', () => client.monitor(callSid, mode)) : Promise.resolve(false);
    },
    stopMonitoring() {
      const callSid = monitorCall();
      return callSid ? run('stop-monitor', () => client.stopMonitor(callSid)) : Promise.resolve(false);
    },
    dispose() {
      stopConfirming();
      if (expectingTimer) clearTimeout(expectingTimer);
    },
  };
}
export type CallControlModel = ReturnType<typeof createCallControlModel>;

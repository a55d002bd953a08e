import { computed, signal } from '@preact/signals';
import { t } from '@/locales/i18n';
import type { MessageKey } from '@/locales/messages';
import { CALL_PROBLEMS, CALL_START_TIMEOUT_MS, type CallProblem } from '@/phone/call-problems';
import { OFFLINE_SNAPSHOT, type DialRequest, type PhoneClient, type PhoneSnapshot } from './phone-state';
import { timerText } from './timer-text';

/**
 * Errors the background reports with a code the rep can act on, shown in the rep's language (the
 * server's own sentence is English and meant for logs and admins).
 */
const ERROR_MESSAGES: Readonly<Record<string, MessageKey>> = {
  twilio_not_configured: 'check.token.twilioNotConfigured.fix',
  not_signed_in: 'error.unauthorized',
  unauthorized: 'error.unauthorized',
  unauthenticated: 'error.unauthorized',
  unreachable: 'error.network',
  server_unreachable: 'error.network',
  forbidden: 'error.forbidden',
  no_call: 'error.noCall',
};

const codeOf = (error: unknown) => (typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : null);

/** The call problem a reply code names (`twilio_unreachable` → `twilio-unreachable`), if it names one. */
export function callProblemOfCode(code: string | null): CallProblem | null {
  const reason = code?.replaceAll('_', '-');
  return (CALL_PROBLEMS as readonly string[]).includes(reason ?? '') ? (reason as CallProblem) : null;
}

/** What a call problem says to the rep: the cause and what fixes it. */
export function describeCallProblem(reason: CallProblem): string {
  return t(`callProblem.${reason}`, { seconds: CALL_START_TIMEOUT_MS / 1000 });
}

/**
 * An error in the rep's language. A code we do not know gets a plain "something went wrong": the raw
 * message (a runtime error, the server's English) goes to the console, never to the rep.
 */
export function describePhoneError(error: unknown): string {
  const code = codeOf(error);
  const key = code ? ERROR_MESSAGES[code] : undefined;
  if (key) return t(key);
  const problem = callProblemOfCode(code);
  if (problem) return describeCallProblem(problem);
  console.warn('[yobidashi]', error);
  return t('error.unexpected');
}

/** Going offline now would end the call the rep is on (dialling, ringing out or talking): ask first. */
export function goingOfflineEndsCall(phase: PhoneSnapshot['phase']): boolean {
  return phase === 'dialing' || phase === 'ringing-out' || phase === 'in-call';
}

export interface Clock {
  now(): number;
  every(ms: number, tick: () => void): () => void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  every(ms, tick) {
    const id = setInterval(tick, ms);
    return () => clearInterval(id);
  },
};

/**
 * The phone as the UI sees it: a snapshot signal fed by the core's state messages, derived values,
 * and actions that forward to the client (errors land in `lastError` instead of throwing into JSX).
 */
export function createPhoneModel(client: PhoneClient, clock: Clock = realClock) {
  const snapshot = signal<PhoneSnapshot>(OFFLINE_SNAPSHOT);
  const now = signal(clock.now());
  const lastError = signal<string | null>(null);
  /** An online/offline change on its way: the switch waits for it (a second press would race it). */
  const switchingAvailability = signal(false);
  let stopTicking: (() => void) | null = null;

  const phase = computed(() => snapshot.value.phase);
  const call = computed(() => snapshot.value.call);
  const canDial = computed(
    () => snapshot.value.status === 'ready' && snapshot.value.phase === 'idle' && snapshot.value.canCallOut !== false,
  );
  const elapsedSeconds = computed(() => {
    const answeredAt = snapshot.value.call?.answeredAt;
    return answeredAt ? Math.max(0, Math.floor((now.value - answeredAt) / 1000)) : 0;
  });
  const elapsed = computed(() => timerText(elapsedSeconds.value));

  function onSnapshot(next: PhoneSnapshot) {
    snapshot.value = next;
    now.value = clock.now();
    const ticking = next.phase === 'in-call' && Boolean(next.call?.answeredAt);
    if (ticking && !stopTicking) stopTicking = clock.every(1000, () => (now.value = clock.now()));
    if (!ticking && stopTicking) {
      stopTicking();
      stopTicking = null;
    }
  }
  const unsubscribe = client.subscribe(onSnapshot);

  async function run(action: () => Promise<void>) {
    lastError.value = null;
    try {
      await action();
    } catch (error) {
      // A call that did not start is shown by its notice (snapshot.problem); the rep's own cancel needs no words.
      const code = codeOf(error);
      if (code === 'canceled' || callProblemOfCode(code)) return;
      lastError.value = describePhoneError(error);
    }
  }

  async function setAvailable(available: boolean) {
    if (switchingAvailability.value) return;
    switchingAvailability.value = true;
    try {
      await run(() => client.setAvailable(available));
    } finally {
      switchingAvailability.value = false;
    }
  }

  return {
    snapshot,
    phase,
    call,
    canDial,
    elapsed,
    /** The clock, ticking every second during a call (hold timers count from it). */
    now,
    lastError,
    switchingAvailability,
    dial: (request: DialRequest) => run(() => client.dial(request)),
    accept: (callId: string) => run(() => client.accept(callId)),
    decline: (callId: string) => run(() => client.decline(callId)),
    hangUp: () => run(() => client.hangUp()),
    toggleMute: () => run(() => client.setMuted(!snapshot.value.call?.muted)),
    sendDigits: (digits: string) => run(() => client.sendDigits(digits)),
    setAvailable,
    finishWrapUp: () => run(() => client.finishWrapUp()),
    dismissProblem: () => run(() => client.dismissProblem()),
    dispose() {
      unsubscribe();
      stopTicking?.();
      stopTicking = null;
    },
  };
}
export type PhoneModel = ReturnType<typeof createPhoneModel>;

import { OFFLINE_SNAPSHOT, type CheckResult, type DialRequest, type PhoneClient, type PhoneSnapshot } from '@/models/phone-state';

/** A PhoneClient that records what the UI asked for; `emit` plays the core's state messages. */
export function createFakePhoneClient(initial: Partial<PhoneSnapshot> = {}, checks: CheckResult[] = []) {
  const listeners = new Set<(snapshot: PhoneSnapshot) => void>();
  let current: PhoneSnapshot = { ...OFFLINE_SNAPSHOT, ...initial };
  const sent = {
    dials: [] as DialRequest[],
    digits: [] as string[],
    muted: [] as boolean[],
    available: [] as boolean[],
    hangUps: 0,
    /** The call each Accept and Decline named. */
    accepts: [] as string[],
    declines: [] as string[],
    wrapUpsFinished: 0,
    problemsDismissed: 0,
  };
  const client: PhoneClient = {
    subscribe(listener) {
      listeners.add(listener);
      listener(current);
      return () => listeners.delete(listener);
    },
    dial: async (request) => void sent.dials.push(request),
    accept: async (callId) => void sent.accepts.push(callId),
    decline: async (callId) => void sent.declines.push(callId),
    hangUp: async () => void sent.hangUps++,
    setMuted: async (muted) => void sent.muted.push(muted),
    sendDigits: async (digits) => void sent.digits.push(digits),
    setAvailable: async (available) => void sent.available.push(available),
    finishWrapUp: async () => void sent.wrapUpsFinished++,
    dismissProblem: async () => void sent.problemsDismissed++,
    runChecks: async () => checks,
  };
  return {
    client,
    sent,
    emit(next: Partial<PhoneSnapshot>) {
      current = { ...current, ...next };
      for (const listener of listeners) listener(current);
    },
  };
}

import type { CountryCode } from 'libphonenumber-js';
import type { ProtocolMap, SetupCheck } from '@/messaging/protocol';
import type { PublicState } from '@/messaging/public-state';
import type { CallInfo } from '@/phone/call-info';
import type { CallProblemView, CallView, CheckId, CheckResult, PhoneClient, PhoneSnapshot } from './phone-state';

/** `sendToBackground` and `onStateChanged` from extension/messaging, passed in so this stays testable. */
export interface BackgroundLink {
  send<K extends keyof ProtocolMap>(message: ProtocolMap[K]['request'] & { type: K }): Promise<ProtocolMap[K]['reply']>;
  onStateChanged(listener: (state: PublicState) => void): () => void;
}

function toCallView(call: CallInfo, extra: { answeredAt?: number | null; muted?: boolean } = {}): CallView {
  return {
    callId: call.callId,
    sid: call.callSid,
    direction: call.direction === 'incoming' ? 'inbound' : 'outbound',
    // The core reports a withheld caller as null; the UI shows 非通知 / Anonymous for ''.
    number: call.number ?? '',
    calledNumber: call.calledNumber,
    calledLabel: call.calledLabel,
    ivrPath: call.ivrPath,
    record: call.record,
    others: call.others ?? [],
    crmLookup: call.crmLookup ?? null,
    answeredAt: extra.answeredAt ?? null,
    muted: extra.muted ?? false,
    invite: call.invite ?? null,
  };
}

export function toSnapshot(state: PublicState, defaultCountry: CountryCode): PhoneSnapshot {
  const current = state.calls.current;
  const call =
    current.kind === 'idle'
      ? null
      : current.kind === 'in-call'
        ? toCallView(current.call, { answeredAt: current.answeredAt, muted: current.muted })
        : current.kind === 'wrap-up'
          ? toCallView(current.call, { answeredAt: current.answeredAt })
          : toCallView(current.call);
  return {
    status: state.status,
    available: state.online,
    phase: current.kind,
    call,
    waiting: state.calls.waiting ? toCallView(state.calls.waiting) : null,
    defaultCountry,
    canCallOut: !state.signedIn || state.outgoingNumber !== null,
    problem: toProblemView(state.callProblem),
    live: state.liveCall ?? null,
    network: state.network ?? null,
    ...(current.kind === 'wrap-up' && current.takenOver ? { takenOver: current.takenOver } : {}),
    ...(current.kind === 'wrap-up' && current.inherited ? { inherited: true } : {}),
    ...(state.calls.owed?.length ? { owedWrapUps: state.calls.owed.length } : {}),
    ...(state.calls.owedDropped ? { owedDropped: state.calls.owedDropped } : {}),
  };
}

function toProblemView(problem: PublicState['callProblem'] | undefined): CallProblemView | null {
  if (!problem) return null;
  return { reason: problem.reason, direction: problem.direction === 'incoming' ? 'inbound' : 'outbound', number: problem.number ?? '' };
}

const STEP_TO_CHECK: Record<SetupCheck['steps'][number]['step'], CheckId> = {
  signedIn: 'signed-in',
  microphone: 'microphone',
  server: 'server',
  token: 'token',
  online: 'online',
  twilio: 'device',
  outgoingNumber: 'outgoing-number',
};

export function toCheckResults(check: SetupCheck): CheckResult[] {
  return check.steps.map((step) => ({
    id: STEP_TO_CHECK[step.step],
    ok: step.ok,
    ...(step.fix ? { fix: step.fix } : {}),
  }));
}

/**
 * The PhoneClient the popup and the CRM page's card and dialer use: every action is a message to the
 * background. Kept free of zod and of the call log, so the content script can use it as it is.
 */
export function createMessagingPhoneClient(link: BackgroundLink, defaultCountry: () => CountryCode): PhoneClient {
  return {
    subscribe(listener) {
      const push = (state: PublicState) => listener(toSnapshot(state, defaultCountry()));
      const stop = link.onStateChanged(push);
      void link.send({ type: 'getState' }).then(push, () => undefined);
      return stop;
    },
    dial: async ({ to }) => void (await link.send({ type: 'dial', to, record: null })),
    accept: async (callId) => void (await link.send({ type: 'accept', callId })),
    decline: async (callId) => void (await link.send({ type: 'reject', callId })),
    hangUp: async () => void (await link.send({ type: 'hangUp' })),
    setMuted: async (muted) => void (await link.send({ type: 'mute', muted })),
    sendDigits: async (digits) => void (await link.send({ type: 'sendDigits', digits })),
    setAvailable: async (online) => void (await link.send({ type: 'setOnline', online })),
    finishWrapUp: async () => void (await link.send({ type: 'finishWrapUp' })),
    dismissProblem: async () => void (await link.send({ type: 'dismissCallProblem' })),
    runChecks: async () => toCheckResults(await link.send({ type: 'checkSetup' })),
  };
}

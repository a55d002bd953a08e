import { z } from 'zod';
import { liveCallViewSchema } from '@/call-control/live-call-view-schema';
import { monitorRequestSchema } from '@/call-control/monitor-request';
import { callNetworkSchema } from '@/phone/call-network';
import { callProblemSchema } from '@/phone/call-start';
import { idleCalls, phoneCallsSchema, showPhoneState, transition, type CallState, type PhoneCalls } from '@/phone/call-state';
import { phoneSnapshotSchema, type LiveCall } from '@/phone/phone-host';
import type { PhoneTransport } from './phone-transport';

/**
 * What the background remembers about the phone across service-worker restarts (storage.session, see
 * `phoneMemory` in storage/items.ts). Public state only: no token of any kind.
 */
export const phoneMemorySchema = z.object({
  calls: phoneCallsSchema,
  registration: z.enum(['unregistered', 'registering', 'registered']),
  problem: z.enum(['microphone', 'server', 'twilio']).nullable(),
  /** The notice about the last call that did not start (absent in what an older version remembered). */
  callProblem: callProblemSchema.nullable().default(null),
  outgoingNumber: z.string().nullable(),
  /** The call being talked on, as its conference room stands (call-control; null outside a room). */
  liveCall: liveCallViewSchema.nullable().default(null),
  /** How the network carries the call being talked on, or dropped it (call-network.ts). */
  network: callNetworkSchema.nullable().default(null),
  /** The call this browser asked to monitor, and when: its monitoring leg is answered by itself. */
  monitorRequest: monitorRequestSchema.nullable().default(null),
  /** Our ids of calls the rep handed over or left (no after-call note for them). */
  handedOver: z.array(z.string().max(64)).max(20).default([]),
  tokenExpiresAt: z.number(),
  refreshWanted: z.boolean(),
  /** Tabs whose content script subscribed to state pushes (the page's call card). */
  tabs: z.array(z.number().int()),
});
export type PhoneMemory = z.infer<typeof phoneMemorySchema>;

/** What a background that remembers nothing starts from. */
export const blankPhoneFacts: Omit<PhoneMemory, 'tabs'> = {
  calls: idleCalls,
  registration: 'unregistered',
  problem: null,
  callProblem: null,
  outgoingNumber: null,
  liveCall: null,
  network: null,
  monitorRequest: null,
  handedOver: [],
  tokenExpiresAt: 0,
  refreshWanted: false,
};
export const blankPhoneMemory: PhoneMemory = { ...blankPhoneFacts, tabs: [] };

export interface RecallDeps {
  memory?: { getValue(): Promise<unknown> };
  transport: PhoneTransport;
  now: () => number;
}

/**
 * Chrome stops an idle service worker and starts a new one on the next event, while the call goes on in
 * the offscreen document: take back what we knew, then let the phone correct it. Null when there is
 * neither a memory nor a phone to take anything back from.
 */
export async function recallPhoneMemory(deps: RecallDeps): Promise<PhoneMemory | null> {
  const remembered = phoneMemorySchema.safeParse(await deps.memory?.getValue());
  const running = await deps.transport.isOpen().catch(() => false);
  const snapshot = running
    ? phoneSnapshotSchema.safeParse(await deps.transport.send({ target: 'offscreen', type: 'getPhoneSnapshot' }).catch(() => null))
    : null;
  if (!remembered.success && !snapshot?.success) return null;
  const known = remembered.success ? remembered.data : blankPhoneMemory;
  if (snapshot?.success) {
    const device = snapshot.data.registration;
    const registration = device === 'registered' || device === 'registering' ? device : 'unregistered';
    return { ...known, registration, calls: resyncCalls(known.calls, snapshot.data.calls, deps.now()) };
  }
  // No phone running (or it does not answer): whatever call we remembered is over.
  return { ...known, registration: 'unregistered', calls: resyncCalls(known.calls, [], deps.now()) };
}

/** The calls still open in the state machine (the current one unless idle or wrapping up, and the waiting one). */
function openCallIds(calls: PhoneCalls): string[] {
  const { current, waiting } = calls;
  const ids = current.kind === 'idle' || current.kind === 'wrap-up' ? [] : [current.call.callId];
  return waiting ? [...ids, waiting.callId] : ids;
}

function stateOf(live: LiveCall): CallState {
  return live.phase === 'in-call'
    ? { kind: 'in-call', call: live.call, answeredAt: live.since, muted: live.muted }
    : { kind: live.phase, call: live.call, since: live.since };
}

/**
 * What a restarted background shows: the calls it remembered, corrected by what the phone (the offscreen
 * document, the source of truth) is doing now. A remembered call the phone no longer has ended while the
 * worker slept: it ends here the usual way (an answered one goes to wrap-up, a ringing one goes away).
 * A call the phone has that was missed, or moved on, is taken as the phone says.
 */
export function resyncCalls(remembered: PhoneCalls, live: readonly LiveCall[], at: number): PhoneCalls {
  const alive = new Set(live.map((entry) => entry.call.callId));
  let calls = remembered;
  for (const callId of openCallIds(remembered)) {
    if (!alive.has(callId)) calls = transition(calls, { type: 'ended', callId, reason: 'completed', at });
  }
  // The call being talked on (or dialled) takes the screen before one that is only ringing.
  const ordered = [...live].sort((a, b) => Number(a.phase === 'incoming') - Number(b.phase === 'incoming'));
  for (const entry of ordered) {
    const { current, waiting } = calls;
    const settled = current.kind === 'idle' || current.kind === 'wrap-up';
    if (!settled && current.call.callId === entry.call.callId) {
      if (current.kind !== entry.phase) calls = { ...calls, current: stateOf(entry) };
      else if (current.kind === 'in-call' && current.muted !== entry.muted) calls = { ...calls, current: { ...current, muted: entry.muted } };
    } else if (waiting?.callId === entry.call.callId) {
      continue;
    } else if (settled) {
      // Owed wrap-ups (call-state.ts `owed`), and an inherited one open now, stay owed beside the call the phone has.
      calls = showPhoneState(calls, stateOf(entry));
    } else if (!waiting && entry.phase === 'incoming') {
      calls = { ...calls, waiting: entry.call };
    }
  }
  return calls;
}

/**
 * The phone went away with its calls (the rep went offline, or its document was closed or crashed): each
 * call ends as if hung up there. One that never started (being dialled, or ringing in, or waiting) goes
 * with no wrap-up, as a start that failed does; one ringing out or talked on ends the usual way (a wrap-up,
 * so the note can still be written).
 */
export function endEveryCall(calls: PhoneCalls, at: number): PhoneCalls {
  let next = calls.waiting ? transition(calls, { type: 'startFailed', callId: calls.waiting.callId, at }) : calls;
  const { current } = next;
  if (current.kind === 'dialing' || current.kind === 'incoming') next = transition(next, { type: 'startFailed', callId: current.call.callId, at });
  else if (current.kind === 'ringing-out' || current.kind === 'in-call') next = transition(next, { type: 'ended', callId: current.call.callId, reason: 'completed', at });
  return next;
}

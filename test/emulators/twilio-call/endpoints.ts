// The other side of outbound legs: reps' browsers (Voice SDK devices, by identity) and PSTN phones (by
// number). A policy decides what happens when a leg rings there, or the test drives it live. What a
// device sees of an invite follows twilio.md §5 and twilio-conference.md §7: the caller, the leg's own
// CallSid, and the custom parameters (`<Parameter>`s, or the query of `To=client:name?k=v`).

import type { Leg } from './leg.ts';
import { PRIORITY } from './scheduler.ts';
import type { World } from './world.ts';

/** Seconds a person takes to decline, when a test does not say. */
export const DEFAULT_DECLINE_SECONDS = 4;

export type RingPolicy =
  | { readonly kind: 'answer'; readonly after: number }
  /** Voice SDK `call.reject()` / a busy phone: the leg ends `busy`. */
  | { readonly kind: 'decline'; readonly after: number }
  /** Cannot be reached at all: the leg ends `failed` at once. */
  | { readonly kind: 'unreachable' }
  /** Rings and nobody picks up (`call.ignore()`): `no-answer` at the ring timeout. */
  | { readonly kind: 'ignore' }
  /** No device registered for the identity: rings out to `no-answer`, and no invite is seen (twilio.md §2.3). */
  | { readonly kind: 'unregistered' }
  /** Rings until the test calls `answer()`, `reject()` or the ring timeout. */
  | { readonly kind: 'live' };

/** After answering, someone hangs up after so many seconds of talking, wherever the call is by then. */
export interface AfterAnswer {
  readonly seconds: number;
  readonly by: 'callee' | 'caller';
}

export interface Invite {
  readonly callSid: string;
  readonly from: string;
  readonly to: string;
  /** What the Voice SDK exposes as `call.customParameters`. */
  readonly customParameters: Readonly<Record<string, string>>;
  readonly at: string;
  state: 'ringing' | 'answered' | 'ended' | 'declined' | 'missed' | 'canceled';
}

interface Ringing {
  readonly leg: Leg;
  readonly invite: Invite | null;
  readonly afterAnswer: AfterAnswer | null;
}

export class Endpoint {
  readonly address: string;
  policy: RingPolicy = { kind: 'ignore' };
  hangUpAfter: number | null = null;
  readonly invites: Invite[] = [];
  private readonly world: World;
  private readonly legs = new Map<string, Ringing>();

  constructor(world: World, address: string) {
    this.world = world;
    this.address = address;
  }

  /** A leg starts ringing here. `override` (a scenario's DialScript) wins over the endpoint's policy. */
  ring(leg: Leg, override?: { readonly policy: RingPolicy; readonly afterAnswer: AfterAnswer | null }): void {
    const policy = override?.policy ?? this.policy;
    const seen = policy.kind !== 'unregistered' && policy.kind !== 'unreachable';
    const invite: Invite | null = seen
      ? { callSid: leg.sid, from: leg.from, to: leg.to, customParameters: leg.customParameters, at: this.world.scheduler.now().toISOString(), state: 'ringing' }
      : null;
    if (invite) this.invites.push(invite);
    const afterAnswer = override ? override.afterAnswer : this.hangUpAfter === null ? null : { seconds: this.hangUpAfter, by: 'callee' as const };
    this.legs.set(leg.sid, { leg, invite, afterAnswer });
    const scheduler = this.world.scheduler;
    switch (policy.kind) {
      case 'answer':
        scheduler.after(policy.after, () => leg.mailbox.post({ type: 'answer' }), PRIORITY.answers);
        break;
      case 'decline':
        scheduler.after(policy.after, () => leg.mailbox.post({ type: 'decline' }), PRIORITY.normal);
        break;
      case 'unreachable':
        scheduler.after(0, () => leg.mailbox.post({ type: 'unreachable' }), PRIORITY.normal);
        break;
      default:
        break;
    }
  }

  /** A call this endpoint places itself (a Voice SDK `device.connect()`). */
  placed(leg: Leg): void {
    this.legs.set(leg.sid, { leg, invite: null, afterAnswer: null });
  }

  connected(leg: Leg): void {
    const ringing = this.legs.get(leg.sid);
    if (!ringing) return;
    if (ringing.invite) ringing.invite.state = 'answered';
    const afterAnswer = ringing.afterAnswer;
    if (!afterAnswer) return;
    const hangsUp = afterAnswer.by === 'caller' ? (leg.parent ?? leg) : leg;
    this.world.scheduler.after(afterAnswer.seconds, () => {
      if (!hangsUp.ended) hangsUp.mailbox.post({ type: 'hangup' });
    }, PRIORITY.ends);
  }

  disconnected(leg: Leg): void {
    const invite = this.legs.get(leg.sid)?.invite;
    if (!invite) return;
    if (invite.state === 'answered') invite.state = 'ended';
    else if (invite.state === 'ringing') invite.state = leg.status === 'busy' ? 'declined' : leg.status === 'no-answer' ? 'missed' : 'canceled';
  }

  /** Legs ringing here now, oldest first. */
  ringingLegs(): Leg[] {
    return [...this.legs.values()].filter(({ leg }) => !leg.ended && !leg.answered).map(({ leg }) => leg);
  }

  /** Legs answered here and still up. */
  connectedLegs(): Leg[] {
    return [...this.legs.values()].filter(({ leg }) => !leg.ended && leg.answered).map(({ leg }) => leg);
  }
}

/** `twilio.device('sato')` / `twilio.phone('+81…')`: set how the endpoint behaves, or act for it. */
export interface EndpointHandle {
  readonly address: string;
  /** Picks up every call after `seconds` of ringing. */
  answerAfter(seconds: number): EndpointHandle;
  /** Declines (`busy`) after `seconds` of ringing. */
  decline(afterSeconds?: number): EndpointHandle;
  /** Lets it ring (`no-answer` at the timeout). The default. */
  ignore(): EndpointHandle;
  /** Nobody is signed in with this identity: rings out, and no invite is seen. */
  unregistered(): EndpointHandle;
  /** The call fails at once (`failed`). */
  unreachable(): EndpointHandle;
  /** Rings until the test calls `answer()` / `reject()`. */
  live(): EndpointHandle;
  /** Once answered, hangs up after `seconds` (`null`: stays on the line). */
  hangUpAfter(seconds: number | null): EndpointHandle;
  /** Picks up the oldest ringing call (or the one given), then lets the consequences run. */
  answer(callSid?: string): Promise<void>;
  reject(callSid?: string): Promise<void>;
  hangUp(callSid?: string): Promise<void>;
  /** Presses keys on the connected call (DTMF, e.g. `*` with `hangupOnStar`). */
  press(keys: string, callSid?: string): Promise<void>;
  /** Every invite this endpoint received, with its custom parameters and what became of it. */
  readonly invites: readonly Invite[];
  /** Call SIDs ringing here now. */
  readonly ringing: readonly string[];
  /** Call SIDs answered here and still up. */
  readonly connected: readonly string[];
}

export function endpointHandle(world: World, endpoint: Endpoint): EndpointHandle {
  const set = (update: () => void) => {
    update();
    return handle;
  };
  const act = async (legs: Leg[], callSid: string | undefined, notice: Parameters<Leg['mailbox']['post']>[0], what: string) => {
    const leg = callSid === undefined ? legs[0] : legs.find((candidate) => candidate.sid === callSid);
    if (!leg) throw new Error(`${endpoint.address} has no call to ${what}${callSid ? ` with CallSid ${callSid}` : ''}`);
    world.soon(() => leg.mailbox.post(notice));
    await world.settle();
  };
  const handle: EndpointHandle = {
    address: endpoint.address,
    answerAfter: (seconds) => set(() => (endpoint.policy = { kind: 'answer', after: seconds })),
    decline: (afterSeconds = DEFAULT_DECLINE_SECONDS) => set(() => (endpoint.policy = { kind: 'decline', after: afterSeconds })),
    ignore: () => set(() => (endpoint.policy = { kind: 'ignore' })),
    unregistered: () => set(() => (endpoint.policy = { kind: 'unregistered' })),
    unreachable: () => set(() => (endpoint.policy = { kind: 'unreachable' })),
    live: () => set(() => (endpoint.policy = { kind: 'live' })),
    hangUpAfter: (seconds) => set(() => (endpoint.hangUpAfter = seconds)),
    answer: (callSid) => act(endpoint.ringingLegs(), callSid, { type: 'answer' }, 'answer'),
    reject: (callSid) => act(endpoint.ringingLegs(), callSid, { type: 'decline' }, 'reject'),
    hangUp: (callSid) => act(endpoint.connectedLegs(), callSid, { type: 'hangup' }, 'hang up'),
    press: (keys, callSid) => act(endpoint.connectedLegs(), callSid, { type: 'keys', keys }, 'press keys on'),
    get invites() {
      return endpoint.invites;
    },
    get ringing() {
      return endpoint.ringingLegs().map((leg) => leg.sid);
    },
    get connected() {
      return endpoint.connectedLegs().map((leg) => leg.sid);
    },
  };
  return handle;
}

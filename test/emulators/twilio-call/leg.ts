// One call leg (a Call resource): its identity, its status and the status callbacks that report it
// (reference twilio.md §2.4), its mailbox, and what it is doing right now.

import { rfc2822 } from './call-parameters.ts';
import type { Params } from './call-parameters.ts';
import type { Participant } from './conference.ts';
import type { CallbackGroup } from './courier.ts';
import type { Endpoint } from './endpoints.ts';
import { recordWholeLeg } from './recordings.ts';
import type { LegRecordingTarget } from './recordings.ts';
import { Mailbox } from './scheduler.ts';
import type { NextDocument } from './twiml-runner.ts';
import type { CallProgressEvent, HttpMethod } from './twiml.ts';
import type {
  CallEvent, CallOutcome, CallScript, ConferenceVisit, PendingCallback, RequestOptions, RestExchange,
} from './types.ts';
import type { World } from './world.ts';

export type CallStatus = 'queued' | 'initiated' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'failed' | 'no-answer' | 'canceled';
export type FinalStatus = 'completed' | 'busy' | 'failed' | 'no-answer' | 'canceled';
export type Direction = 'inbound' | 'outbound-api' | 'outbound-dial';

/** Where a leg's TwiML comes from: a URL to fetch, or TwiML given inline (Calls `Twiml`). */
export type TwimlSource = NextDocument | { readonly twiml: string; readonly url: string };

/** What other processes, timers, REST requests and the test tell a leg's program. */
export type Notice =
  /** The person at the far end hung up. */
  | { readonly type: 'hangup' }
  /** REST `Status=completed|canceled`. */
  | { readonly type: 'api-hangup'; readonly status: 'completed' | 'canceled' }
  /** REST `Url`/`Twiml`: run this instead of what the leg is doing. */
  | { readonly type: 'redirect'; readonly to: TwimlSource }
  /** The leg is over (ended by another party); the program stops. */
  | { readonly type: 'ended' }
  /** The far end's decision while the leg rings. */
  | { readonly type: 'answer' }
  | { readonly type: 'decline' }
  | { readonly type: 'unreachable' }
  /** Keys pressed at the far end. */
  | { readonly type: 'keys'; readonly keys: string }
  /** News from a `<Dial>` child, for its parent. */
  | { readonly type: 'dial'; readonly child: Leg; readonly event: 'answered' | 'ended' | 'left' }
  /** The room removed this participant (kicked, or the room ended). */
  | { readonly type: 'left-room'; readonly reason: string }
  /** Twilio's maximum call length was reached. */
  | { readonly type: 'time-limit' };

export type Activity =
  | { readonly kind: 'idle' }
  | { readonly kind: 'ringing' }
  | { readonly kind: 'ringback' }
  | { readonly kind: 'say'; readonly text: string }
  | { readonly kind: 'play'; readonly url: string }
  | { readonly kind: 'silence' }
  | { readonly kind: 'bridge'; readonly with: Leg }
  | { readonly kind: 'room' }
  | { readonly kind: 'ended' };

export interface StatusCallbackTarget {
  readonly url: string;
  readonly method: HttpMethod;
  readonly events: readonly string[];
}

export interface LegInit {
  readonly sid: string;
  readonly direction: Direction;
  readonly from: string;
  readonly to: string;
  readonly parent: Leg | null;
  /** What Twilio sends on every request of this leg, without `CallStatus`. */
  readonly baseParams: Params;
  readonly statusCallback: StatusCallbackTarget | null;
  readonly group: CallbackGroup;
  readonly requestOptions: RequestOptions;
  /** What the person at the far end does; `scripted` callers hang up when their script runs out. */
  readonly script: CallScript;
  readonly scripted: boolean;
  readonly endpoint: Endpoint | null;
  readonly customParameters: Readonly<Record<string, string>>;
}

export class Leg {
  readonly world: World;
  readonly sid: string;
  readonly direction: Direction;
  readonly from: string;
  readonly to: string;
  readonly parent: Leg | null;
  readonly baseParams: Params;
  readonly statusCallback: StatusCallbackTarget | null;
  readonly group: CallbackGroup;
  readonly requestOptions: RequestOptions;
  readonly script: CallScript;
  readonly scripted: boolean;
  readonly endpoint: Endpoint | null;
  readonly customParameters: Readonly<Record<string, string>>;
  readonly mailbox: Mailbox<Notice>;
  readonly createdAt: number;
  readonly events: CallEvent[] = [];
  readonly rest: RestExchange[] = [];
  readonly visits: ConferenceVisit[] = [];
  /** Recording callbacks Twilio sends once the media is processed: when the leg ends. */
  readonly afterCall: PendingCallback[] = [];
  status: CallStatus = 'queued';
  answeredAt: number | null = null;
  endedAt: number | null = null;
  outcome: CallOutcome | null = null;
  error: { readonly code: number; readonly message: string; readonly path: string } | null = null;
  activity: Activity = { kind: 'idle' };
  participant: Participant | null = null;
  /** `Record=true` on a leg placed by REST. */
  recording: LegRecordingTarget | null = null;
  gatherCount = 0;
  dialCount = 0;
  recordCount = 0;
  private sequence = 0;
  private readonly endListeners: ((leg: Leg) => void)[] = [];

  constructor(world: World, init: LegInit) {
    this.world = world;
    this.sid = init.sid;
    this.direction = init.direction;
    this.from = init.from;
    this.to = init.to;
    this.parent = init.parent;
    this.baseParams = init.baseParams;
    this.statusCallback = init.statusCallback;
    this.group = init.group;
    this.requestOptions = init.requestOptions;
    this.script = init.script;
    this.scripted = init.scripted;
    this.endpoint = init.endpoint;
    this.customParameters = init.customParameters;
    this.mailbox = new Mailbox(world.scheduler);
    this.createdAt = world.scheduler.nowMillis;
  }

  get ended(): boolean {
    return this.endedAt !== null;
  }

  get answered(): boolean {
    return this.answeredAt !== null;
  }

  get accountSid(): string {
    return this.baseParams.AccountSid ?? this.world.accountSid;
  }

  /** Who is at the far end: the caller of an inbound leg, the callee of an outbound one. */
  get party(): string {
    return this.direction === 'inbound' ? this.from : this.to;
  }

  /** Seconds since the leg was created. */
  get elapsedSeconds(): number {
    return Math.round(((this.endedAt ?? this.world.scheduler.nowMillis) - this.createdAt) / 1000);
  }

  /** The parameters of a request about this leg, with its status as it stands (or as given). */
  params(callStatus: string = this.status): Params {
    const account: Params = this.requestOptions.accountSid ? { AccountSid: this.requestOptions.accountSid } : {};
    return { ...this.baseParams, ...account, CallStatus: callStatus };
  }

  record(event: CallEvent): void {
    this.events.push(event);
  }

  onEnd(listener: (leg: Leg) => void): void {
    this.endListeners.push(listener);
  }

  /** Moves the leg through queued → initiated → ringing, with the callbacks asked for. */
  progress(event: 'initiated' | 'ringing'): void {
    this.status = event;
    this.statusEvent(event, event);
  }

  answer(): void {
    if (this.answeredAt !== null || this.ended) return;
    this.answeredAt = this.world.scheduler.nowMillis;
    this.status = 'in-progress';
    this.statusEvent('answered', 'in-progress');
    this.endpoint?.connected(this);
  }

  /** Ends the leg: recording callbacks first (their media is ready), then the `completed` status callback. */
  end(status: FinalStatus, outcome: CallOutcome): void {
    if (this.ended) return;
    this.participant?.room.leave(this.participant, 'participant_hung_up', { notify: false, callStatus: status });
    this.status = status;
    this.endedAt = this.world.scheduler.nowMillis;
    this.outcome ??= outcome;
    this.activity = { kind: 'ended' };
    if (this.direction !== 'inbound') this.record({ type: 'ended', status, by: this.outcome });
    if (this.recording) recordWholeLeg(this, this.recording);
    for (const callback of this.afterCall) this.group.emit(callback);
    const duration = this.answeredAt === null ? 0 : Math.round((this.endedAt - this.answeredAt) / 1000);
    this.statusEvent('completed', status, { CallDuration: String(duration), Duration: String(Math.ceil(duration / 60)) });
    this.mailbox.post({ type: 'ended' });
    this.endpoint?.disconnected(this);
    for (const listener of this.endListeners) listener(this);
    if (this.group.owner === this.sid) this.group.close();
  }

  private statusEvent(event: CallProgressEvent, status: string, extra: Params = {}): void {
    const callback = this.statusCallback;
    if (!callback || !callback.events.includes(event)) return;
    this.group.emit({
      kind: 'call-status',
      url: callback.url,
      method: callback.method,
      params: {
        ...this.params(status),
        CallbackSource: 'call-progress-events',
        SequenceNumber: String(this.sequence++),
        Timestamp: rfc2822(this.world.scheduler.now()),
        ...extra,
      },
    });
  }
}

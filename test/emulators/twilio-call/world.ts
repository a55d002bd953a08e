// The Twilio "world" of one test: the virtual clock, every leg, room, endpoint and recording of the
// account, and the courier that carries requests to our server.

import { createSidGenerator } from './call-parameters.ts';
import type { Params } from './call-parameters.ts';
import { Room } from './conference.ts';
import { CallbackGroup, Courier } from './courier.ts';
import { Endpoint } from './endpoints.ts';
import { Leg } from './leg.ts';
import type { Direction, StatusCallbackTarget } from './leg.ts';
import type { StoredRecording } from './recordings.ts';
import type { RestFault } from './rest/errors.ts';
import { PRIORITY, Scheduler } from './scheduler.ts';
import type { Fetch } from './transport.ts';
import type { CallbackDelivery, CallScript, PendingCallback, RequestOptions, RestExchange } from './types.ts';

/** Twilio's longest call (Calls `TimeLimit`, `<Dial timeLimit>` default): 4 hours. */
export const MAX_CALL_SECONDS = 14_400;

export interface WorldOptions {
  readonly fetch: Fetch;
  readonly publicUrl: string;
  readonly authToken: string;
  readonly accountSid: string;
  readonly applicationSid?: string;
  readonly callbacks?: CallbackDelivery;
  readonly seed?: number;
  readonly startTime?: Date;
  /** Called whenever virtual time moves, so a test clock can follow. */
  readonly onTimeAdvance?: (now: Date) => void;
  /** API keys accepted by the REST API besides AccountSid:AuthToken (`SK…` → secret). */
  readonly apiKeys?: Readonly<Record<string, string>>;
}

export interface LegSpec {
  readonly direction: Direction;
  readonly from: string;
  readonly to: string;
  readonly parent?: Leg | null;
  readonly statusCallback: StatusCallbackTarget | null;
  readonly group: CallbackGroup;
  readonly requestOptions?: RequestOptions;
  readonly customParameters?: Readonly<Record<string, string>>;
  readonly script?: CallScript;
  readonly scripted?: boolean;
  /** The inbound parameters (inbound legs); outbound legs get Twilio's outbound set. */
  readonly baseParams?: Params;
  readonly sid?: string;
  /** The device or phone at the far end; by default the callee of an outbound leg. */
  readonly endpoint?: Endpoint | null;
}

export class World {
  readonly scheduler: Scheduler;
  readonly courier: Courier;
  readonly newSid: (prefix: 'CA' | 'RE' | 'AP' | 'AC' | 'CF') => string;
  readonly accountSid: string;
  readonly authToken: string;
  readonly publicUrl: string;
  readonly delivery: CallbackDelivery;
  readonly apiKeys: Readonly<Record<string, string>>;
  readonly legs = new Map<string, Leg>();
  readonly rooms: Room[] = [];
  readonly recordings = new Map<string, StoredRecording>();
  readonly restLog: RestExchange[] = [];
  /** Failures the REST API answers instead of serving a request (rest/errors.ts `RestFault`). */
  readonly restFaults: RestFault[] = [];
  /** Every callback generated, in the order the events happened. */
  readonly callbackLog: PendingCallback[] = [];
  /** CreateParticipant rate limit: when the next participant leg may be placed (ms). */
  nextParticipantPlacement = 0;
  private readonly endpoints = new Map<string, Endpoint>();

  constructor(options: WorldOptions) {
    this.scheduler = new Scheduler(options.startTime ?? new Date(), options.onTimeAdvance);
    this.courier = new Courier(this.scheduler, { fetch: options.fetch, publicUrl: options.publicUrl, authToken: options.authToken });
    this.newSid = createSidGenerator(options.seed ?? 1);
    this.accountSid = options.accountSid;
    this.authToken = options.authToken;
    this.publicUrl = options.publicUrl;
    this.delivery = options.callbacks ?? {};
    this.apiKeys = options.apiKeys ?? {};
  }

  url(path: string): string {
    return new URL(path, this.publicUrl).href;
  }

  /** Runs `run` at the current instant, once everything busy now is done. */
  soon(run: () => void, priority: number = PRIORITY.normal): void {
    this.scheduler.after(0, run, priority);
  }

  /** Processes everything due now, and its consequences, without moving the clock. */
  settle(): Promise<void> {
    return this.scheduler.runUntil(this.scheduler.nowMillis);
  }

  advance(seconds: number): Promise<void> {
    return this.scheduler.runUntil(this.scheduler.nowMillis + seconds * 1000);
  }

  /** Runs until `done()` holds at a quiet moment, or `maxSeconds` of virtual time have passed. */
  async runUntil(done: () => boolean, maxSeconds = MAX_CALL_SECONDS * 2): Promise<void> {
    await this.scheduler.runUntil(this.scheduler.nowMillis + maxSeconds * 1000, done);
    if (!done()) throw new Error(`The condition still did not hold after ${maxSeconds} s of virtual time`);
  }

  newGroup(delivery: CallbackDelivery, requestOptions: RequestOptions): CallbackGroup {
    return new CallbackGroup(this.courier, { ...this.delivery, ...delivery }, requestOptions, this.callbackLog);
  }

  /** A browser identity (`client:sato`) or a phone number. */
  endpoint(address: string): Endpoint {
    let endpoint = this.endpoints.get(address);
    if (!endpoint) {
      endpoint = new Endpoint(this, address);
      this.endpoints.set(address, endpoint);
    }
    return endpoint;
  }

  addLeg(spec: LegSpec): Leg {
    const sid = spec.sid ?? this.newSid('CA');
    const parent = spec.parent ?? null;
    const baseParams = spec.baseParams ?? {
      AccountSid: this.accountSid,
      ApiVersion: '2010-04-01',
      CallSid: sid,
      Called: spec.to,
      Caller: spec.from,
      Direction: spec.direction,
      From: spec.from,
      ...(parent ? { ParentCallSid: parent.sid } : {}),
      To: spec.to,
    };
    const leg = new Leg(this, {
      sid,
      direction: spec.direction,
      from: spec.from,
      to: spec.to,
      parent,
      baseParams,
      statusCallback: spec.statusCallback,
      group: spec.group,
      requestOptions: spec.requestOptions ?? {},
      script: spec.script ?? {},
      scripted: spec.scripted ?? false,
      endpoint: spec.endpoint !== undefined ? spec.endpoint : spec.direction === 'inbound' ? null : this.endpoint(spec.to),
      customParameters: spec.customParameters ?? {},
    });
    this.legs.set(sid, leg);
    spec.group.owner ??= sid;
    this.scheduler.after(MAX_CALL_SECONDS, () => {
      if (!leg.ended) leg.mailbox.post({ type: 'time-limit' });
    }, PRIORITY.ends);
    return leg;
  }

  /** The account's room of that name that has not ended, if any. */
  activeRoom(accountSid: string, friendlyName: string): Room | undefined {
    return this.rooms.find((room) => room.accountSid === accountSid && room.friendlyName === friendlyName && room.status !== 'completed');
  }

  openRoom(accountSid: string, friendlyName: string, group: CallbackGroup): Room {
    const room = new Room(this, this.newSid('CF'), friendlyName, accountSid, group);
    this.rooms.push(room);
    return room;
  }

  roomBySid(sid: string): Room | undefined {
    return this.rooms.find((room) => room.sid === sid);
  }
}

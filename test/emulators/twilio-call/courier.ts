// Every request the emulator makes to our server goes through one courier, one at a time and in the
// order they were issued, so a test sees the same sequence of requests on every run. Callbacks
// (call status, recording status, conference status) are delivered live, after the call, or by hand;
// optionally twice (Twilio retries once by default, `#rc=1`) and in a seeded random order
// (reference twilio.md §2.4, §7.5; twilio-conference.md §1.3).

import { seededRandom } from './call-parameters.ts';
import type { Params } from './call-parameters.ts';
import type { Scheduler } from './scheduler.ts';
import { sendWebhook } from './transport.ts';
import type { SentRequest, TransportConfig } from './transport.ts';
import type { HttpMethod } from './twiml.ts';
import type { CallbackDelivery, HttpExchange, PendingCallback, RequestOptions } from './types.ts';

export interface DeliveryOptions {
  readonly duplicate?: boolean;
  readonly shuffleSeed?: number;
}

interface Job {
  readonly target: { readonly url: string; readonly method: HttpMethod; readonly params: Params };
  readonly options: RequestOptions;
  readonly token: string;
  readonly done: (sent: SentRequest) => void;
}

export class Courier {
  readonly config: TransportConfig;
  private readonly scheduler: Scheduler;
  private readonly queue: Job[] = [];
  private draining = false;
  private requests = 0;

  constructor(scheduler: Scheduler, config: TransportConfig) {
    this.scheduler = scheduler;
    this.config = config;
    scheduler.addPump(() => this.kick());
  }

  /** Sends one signed request after the ones already queued; resolves with the server's answer. */
  send(target: Job['target'], options: RequestOptions = {}, token?: string): Promise<SentRequest> {
    // Numbered per world, so a rerun of the same test sends the same idempotency tokens.
    const idempotencyToken = token ?? `emulator-${++this.requests}`;
    return new Promise((done) => {
      this.queue.push({ target, options, token: idempotencyToken, done });
      this.kick();
    });
  }

  private kick(): void {
    if (this.draining || this.queue.length === 0 || !this.scheduler.running) return;
    this.draining = true;
    this.scheduler.spawn(async () => {
      for (let job = this.queue.shift(); job; job = this.queue.shift()) {
        job.done(await sendWebhook(this.config, job.target, job.options, job.token));
      }
      this.draining = false;
    });
  }
}

/**
 * The callbacks of one call (the leg Twilio answered first and every leg and room it started), with
 * the delivery mode chosen for it. `after-call` holds them until the call ends; `manual` keeps them
 * for `emulator.deliver`.
 */
export class CallbackGroup {
  readonly generated: PendingCallback[] = [];
  readonly deliveries: HttpExchange[] = [];
  /** The leg whose end closes the group: the first leg placed with it. */
  owner: string | null = null;
  private readonly courier: Courier;
  private readonly delivery: CallbackDelivery;
  private readonly requestOptions: RequestOptions;
  private readonly log: PendingCallback[];
  private closed = false;

  /** `log` collects every callback of every group, in the order the events happened. */
  constructor(courier: Courier, delivery: CallbackDelivery, requestOptions: RequestOptions, log: PendingCallback[]) {
    this.courier = courier;
    this.delivery = delivery;
    this.requestOptions = requestOptions;
    this.log = log;
  }

  emit(callback: PendingCallback): void {
    this.generated.push(callback);
    this.log.push(callback);
    const mode = this.delivery.mode ?? 'live';
    if (mode === 'live' || (mode === 'after-call' && this.closed)) this.send([callback], { duplicate: this.delivery.duplicate ?? false });
  }

  /** The call is over: `after-call` deliveries go out now, twice and shuffled if asked. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.delivery.mode === 'after-call') this.send(this.generated, this.delivery);
  }

  private send(callbacks: readonly PendingCallback[], options: DeliveryOptions): void {
    for (const { callback, token } of deliveryOrder(callbacks, options)) {
      void this.courier.send(callback, this.requestOptions, token).then((sent) => this.deliveries.push(sent.exchange));
    }
  }
}

/** Sends callbacks one after another now (for `emulator.deliver`); a retry carries the first try's token. */
export async function deliverCallbacks(
  config: TransportConfig,
  callbacks: readonly PendingCallback[],
  options: DeliveryOptions = {},
  requestOptions: RequestOptions = {},
): Promise<HttpExchange[]> {
  const sent: HttpExchange[] = [];
  for (const { callback, token } of deliveryOrder(callbacks, options)) {
    sent.push((await sendWebhook(config, callback, requestOptions, token)).exchange);
  }
  return sent;
}

function deliveryOrder(callbacks: readonly PendingCallback[], options: DeliveryOptions) {
  let order = callbacks.map((_, index) => index);
  if (options.duplicate) order = order.flatMap((index) => [index, index]);
  if (options.shuffleSeed !== undefined) order = shuffle(order, options.shuffleSeed);
  return order.flatMap((index) => {
    const callback = callbacks[index];
    return callback ? [{ callback, token: `callback-${callbackKey(callback.params)}` }] : [];
  });
}

function callbackKey(params: Params): string {
  return [params.CallSid ?? params.ConferenceSid, params.SequenceNumber ?? params.RecordingSid, params.RecordingStatus ?? params.CallStatus ?? params.StatusCallbackEvent].join('-');
}

/** Fisher–Yates with a seeded generator, so an out-of-order test fails the same way every run. */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}

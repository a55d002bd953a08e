// Status and recording callbacks: delivered live, after the call, or by hand; optionally twice
// (Twilio retries once by default, `#rc=1`) and in a seeded random order (reference §1.3, §2.4, §7.5).

import { seededRandom } from './call-parameters.ts';
import type { Params } from './call-parameters.ts';
import { sendWebhook } from './transport.ts';
import type { TransportConfig } from './transport.ts';
import type { CallbackDelivery, HttpExchange, PendingCallback, RequestOptions } from './types.ts';

export interface DeliveryOptions {
  readonly duplicate?: boolean;
  readonly shuffleSeed?: number;
}

export class CallbackLog {
  readonly generated: PendingCallback[] = [];
  readonly deliveries: HttpExchange[] = [];
  private readonly config: TransportConfig;
  private readonly delivery: CallbackDelivery;
  private readonly requestOptions: RequestOptions;
  private readonly sequenceNumbers = new Map<string, number>();

  constructor(config: TransportConfig, delivery: CallbackDelivery, requestOptions: RequestOptions) {
    this.config = config;
    this.delivery = delivery;
    this.requestOptions = requestOptions;
  }

  /** The next `SequenceNumber` for a leg's call-progress callbacks: 0, 1, 2… */
  nextSequenceNumber(callSid: string): string {
    const next = this.sequenceNumbers.get(callSid) ?? 0;
    this.sequenceNumbers.set(callSid, next + 1);
    return String(next);
  }

  async emit(callback: PendingCallback): Promise<void> {
    this.generated.push(callback);
    if ((this.delivery.mode ?? 'live') !== 'live') return;
    this.deliveries.push(...(await deliverCallbacks(this.config, [callback], this.delivery, this.requestOptions)));
  }

  async finish(): Promise<void> {
    if (this.delivery.mode !== 'after-call') return;
    this.deliveries.push(...(await deliverCallbacks(this.config, this.generated, this.delivery, this.requestOptions)));
  }
}

/** Sends callbacks one after another; a retry carries the same idempotency token as the first try. */
export async function deliverCallbacks(
  config: TransportConfig,
  callbacks: readonly PendingCallback[],
  options: DeliveryOptions = {},
  requestOptions: RequestOptions = {},
): Promise<HttpExchange[]> {
  const tokens = callbacks.map((callback) => `callback-${callbackKey(callback.params)}`);
  let order = callbacks.map((_, index) => index);
  if (options.duplicate) order = order.flatMap((index) => [index, index]);
  if (options.shuffleSeed !== undefined) order = shuffle(order, options.shuffleSeed);
  const sent: HttpExchange[] = [];
  for (const index of order) {
    const callback = callbacks[index];
    if (!callback) continue;
    const { exchange } = await sendWebhook(config, callback, requestOptions, tokens[index]);
    sent.push(exchange);
  }
  return sent;
}

function callbackKey(params: Params): string {
  return [params.CallSid, params.SequenceNumber ?? params.RecordingSid, params.RecordingStatus ?? params.CallStatus].join('-');
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

import { z } from 'zod';
import { WARNING_NAMES, type NetworkWarningName } from './network-notice';

/**
 * How the network is carrying the call being talked on, from the Voice SDK's Call events: `reconnecting`
 * (the media or signalling connection dropped, and the SDK restarts ICE) until `reconnected`, and the
 * call-quality `warning` / `warning-cleared` pairs. A call that ends while reconnecting, or on a
 * connection error, was dropped by the network (`dropped`): its wrap-up says so, not that someone hung up.
 */

/**
 * Twilio errors on a call that mean the connection to Twilio was lost (lib/twilio/errors/generated.ts):
 * 31003 ICE connection failed, 31005/31009 signalling gone, 53001 signalling reconnect, 53405 media connection failed.
 */
const CONNECTION_LOST_CODES: ReadonlySet<number> = new Set([31003, 31005, 31009, 53001, 53405]);
export const isConnectionLost = (code: number) => CONNECTION_LOST_CODES.has(code);

/** One network event of a call, as it crosses from the offscreen document to the background. */
export const networkChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reconnecting'), code: z.number().nullable() }),
  z.object({ kind: z.literal('reconnected') }),
  // Any name: a newer SDK may add warnings; the ones we do not know are ignored here, not refused.
  z.object({ kind: z.literal('warning'), name: z.string().max(64) }),
  z.object({ kind: z.literal('warningCleared'), name: z.string().max(64) }),
]);
export type NetworkChange = z.infer<typeof networkChangeSchema>;

export const callNetworkSchema = z.object({
  /** Our id of the call this is about: only ever shown on that call's card and wrap-up. */
  callId: z.string().max(64),
  reconnecting: z.boolean(),
  /** The warnings active now, each since when (epoch ms). */
  warnings: z.array(z.object({ name: z.enum(WARNING_NAMES), since: z.number() })).max(WARNING_NAMES.length),
  /** The connection was lost for good (an error said so, or the call ended while reconnecting): shown once the call is over. */
  dropped: z.boolean(),
});
export type CallNetwork = z.infer<typeof callNetworkSchema>;

const fresh = (callId: string): CallNetwork => ({ callId, reconnecting: false, warnings: [], dropped: false });
const isKnownWarning = (name: string): name is NetworkWarningName => (WARNING_NAMES as readonly string[]).includes(name);

/** The call's network state after one of its events (another call's state is replaced: one call is talked on at a time). */
export function networkChanged(state: CallNetwork | null, callId: string, change: NetworkChange, at: number): CallNetwork | null {
  const current = state?.callId === callId ? state : fresh(callId);
  switch (change.kind) {
    case 'reconnecting':
      return { ...current, reconnecting: true };
    case 'reconnected':
      // Back after all: an error that said the connection was lost was not the end of it.
      return { ...current, reconnecting: false, dropped: false };
    case 'warning': {
      const { name } = change;
      if (!isKnownWarning(name) || current.warnings.some((warning) => warning.name === name)) return current;
      return { ...current, warnings: [...current.warnings, { name, since: at }] };
    }
    case 'warningCleared':
      return { ...current, warnings: current.warnings.filter((warning) => warning.name !== change.name) };
  }
}

/**
 * A Twilio error on the call being talked on: one that means the connection was lost marks it dropped,
 * for when it ends (the SDK may tell of the error before or after its 'disconnect').
 */
export function networkErrored(state: CallNetwork | null, callId: string, code: number): CallNetwork | null {
  if (!isConnectionLost(code)) return state;
  return { ...(state?.callId === callId ? state : fresh(callId)), dropped: true };
}

/** The call ended: dropped if the SDK was still reconnecting it (or an error said the connection was lost). */
export function networkAtEnd(state: CallNetwork | null, callId: string): CallNetwork | null {
  if (state?.callId !== callId) return state;
  const dropped = state.dropped || state.reconnecting;
  return dropped ? { ...state, reconnecting: false, warnings: [], dropped: true } : null;
}

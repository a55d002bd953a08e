import { z } from 'zod';
import { liveCallViewSchema } from '@/call-control/live-call-view-schema';
import { callNetworkSchema } from '@/phone/call-network';
import { callProblemSchema } from '@/phone/call-start';
import { phoneCallsSchema } from '@/phone/call-state';
import { phoneStatusSchema } from '@/phone/phone-status';

/** What every screen shows: broadcast by the background on each change (`stateChanged`). Nothing secret. */
export const publicStateSchema = z.object({
  signedIn: z.boolean(),
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.string() }).nullable(),
  serverUrl: z.string().nullable(),
  online: z.boolean(),
  status: phoneStatusSchema,
  outgoingNumber: z.string().nullable(),
  calls: phoneCallsSchema,
  /** The last call that did not start, and why (shown until closed, or until what stopped it is gone). */
  callProblem: callProblemSchema.nullable(),
  /** The call being talked on as its conference room stands: who is on it, hold, a transfer on its way. */
  liveCall: liveCallViewSchema.nullable().default(null),
  /** The network of the call being talked on (reconnecting, poor quality), or of the one in wrap-up that it dropped. */
  network: callNetworkSchema.nullable().default(null),
});
export type PublicState = z.infer<typeof publicStateSchema>;

export const signedOutState: PublicState = {
  signedIn: false,
  user: null,
  serverUrl: null,
  online: false,
  status: 'offline',
  outgoingNumber: null,
  calls: { current: { kind: 'idle' }, waiting: null },
  callProblem: null,
  liveCall: null,
  network: null,
};

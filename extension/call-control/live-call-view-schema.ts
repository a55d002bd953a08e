import { z } from 'zod';
import { liveCallSchema, livePartySchema, MONITOR_MODES } from './live-call';
import type { LiveCallView } from './live-call-view';

// The fields toLiveCallView copies unchanged from the server's LiveCall: the view holds whatever that may.
const party = livePartySchema.shape;

/** The shape of LiveCallView where it crosses contexts (the public state) and is remembered (storage.session). */
export const liveCallViewSchema: z.ZodType<LiveCallView> = z.object({
  ...liveCallSchema.pick({ callSid: true, direction: true, state: true, customerNumber: true, calledNumber: true, calledLabel: true, ivrPath: true }).shape,
  record: z.object({ module: z.string(), id: z.string(), name: z.string().nullable(), url: z.string().nullable() }).nullable(),
  answeredAt: z.number().nullable(),
  hold: z.object({ since: z.number() }).nullable(),
  recording: z
    .discriminatedUnion('paused', [
      z.object({ paused: z.literal(false) }),
      z.object({ paused: z.literal(true), since: z.number(), byName: z.string().max(200).nullable(), byYou: z.boolean() }),
    ])
    // A view remembered by an older version has none: the next poll brings it.
    .nullable()
    .catch(null),
  handover: z
    .object({
      purpose: z.enum(['consult', 'transfer', 'recall']),
      state: z.enum(['ringing', 'talking']),
      name: z.string().nullable(),
      number: z.string().nullable(),
      yours: z.boolean(),
    })
    .nullable(),
  parties: z
    .array(
      z.object({
        key: z.string().max(32),
        kind: party.kind,
        name: party.name,
        number: party.number,
        state: party.state,
        monitor: party.monitor,
        you: z.boolean(),
        purpose: party.purpose,
      }),
    )
    .max(50),
  owner: z.object({ name: z.string().nullable(), you: z.boolean() }).nullable(),
  monitoring: z.enum(MONITOR_MODES).nullable(),
});

import { z } from 'zod';
import { MONITOR_MODES } from './live-call';
import type { LiveCallView } from './live-call-view';

const partyState = z.enum(['ringing', 'talking', 'held']);

/** The shape of LiveCallView where it crosses contexts (the public state) and is remembered (storage.session). */
export const liveCallViewSchema: z.ZodType<LiveCallView> = z.object({
  callSid: z.string().max(64),
  direction: z.enum(['inbound', 'outbound']),
  state: z.enum(['joining', 'live', 'ended', 'not-in-room']),
  customerNumber: z.string().max(64).nullable(),
  calledNumber: z.string().max(64).nullable(),
  calledLabel: z.string().max(256).nullable(),
  ivrPath: z.array(z.string().max(128)).max(16),
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
        kind: z.enum(['customer', 'rep', 'guest', 'supervisor']),
        name: z.string().max(200).nullable(),
        number: z.string().max(64).nullable(),
        state: partyState,
        monitor: z.enum(MONITOR_MODES).nullable(),
        you: z.boolean(),
        purpose: z.string().max(32),
      }),
    )
    .max(50),
  owner: z.object({ name: z.string().nullable(), you: z.boolean() }).nullable(),
  monitoring: z.enum(MONITOR_MODES).nullable(),
});

import { z } from 'zod';

// The companion server's answers for call control (server/services/call-control/live-view.ts,
// server/routes/colleagues.ts). Loose objects: a newer server may add fields without breaking an
// older extension. Only the background and our own pages parse these; the page UI gets the view.

export const MONITOR_MODES = ['listen', 'whisper', 'barge'] as const;
export type MonitorMode = (typeof MONITOR_MODES)[number];

export const livePartySchema = z.looseObject({
  /** `customer`, `rep:<id>`, `sup:<id>`, `guest:<n>`. */
  label: z.string().max(140),
  kind: z.enum(['customer', 'rep', 'guest', 'supervisor']),
  /** answer, transfer, consult, add, recall, monitor… */
  purpose: z.string().max(32),
  userId: z.string().max(128).nullable(),
  name: z.string().max(200).nullable(),
  number: z.string().max(64).nullable(),
  state: z.enum(['ringing', 'talking', 'held']),
  monitor: z.enum(MONITOR_MODES).nullable(),
  invitedBy: z.string().max(128).nullable(),
  since: z.string().nullable(),
});
export type LiveParty = z.infer<typeof livePartySchema>;

const crmRecordRefSchema = z
  .looseObject({ module: z.string(), id: z.string(), name: z.string().nullish(), url: z.string().nullish() })
  .nullable()
  .catch(null);

export const liveCallSchema = z.looseObject({
  callSid: z.string().max(64),
  direction: z.enum(['inbound', 'outbound']),
  state: z.enum(['joining', 'live', 'ended', 'not-in-room']),
  /** null: the caller withheld their number. */
  customerNumber: z.string().max(64).nullable(),
  calledNumber: z.string().max(64).nullable(),
  calledLabel: z.string().max(256).nullable(),
  ivrPath: z.array(z.string().max(128)).max(16),
  crmRecord: crmRecordRefSchema,
  ownerId: z.string().max(128).nullable(),
  /** The owner's name, also once the room is over (older servers: absent). */
  ownerName: z.string().max(200).nullish().catch(null),
  /** The room is over but whose call it was at the end may still change (a leave Twilio reports late). */
  ownerPending: z.boolean().optional().catch(undefined),
  answeredAt: z.string().nullable(),
  hold: z.looseObject({ since: z.string() }).nullable(),
  /** The room's recording: null when the call is not recorded (or the server is older than the pause). */
  recording: z
    .discriminatedUnion('state', [
      z.looseObject({ state: z.literal('on') }),
      z.looseObject({ state: z.literal('paused'), since: z.string(), by: z.string().max(128).nullable() }),
    ])
    .nullish()
    .catch(null),
  /** A consult, transfer or ring-back still on its way (at most one). */
  handover: z
    .looseObject({
      label: z.string().max(140),
      purpose: z.string().max(32),
      state: z.enum(['ringing', 'talking']),
      userId: z.string().max(128).nullable(),
      number: z.string().max(64).nullable(),
      invitedBy: z.string().max(128).nullable(),
    })
    .nullable(),
  parties: z.array(livePartySchema).max(50),
});
export type LiveCall = z.infer<typeof liveCallSchema>;

export const liveCallListSchema = z.looseObject({ calls: z.array(liveCallSchema).max(200) });

export const colleagueSchema = z.looseObject({
  id: z.string().max(128),
  name: z.string().max(200),
  status: z.enum(['online', 'on-call', 'offline']),
  /** Online and free: can take a transfer now. */
  available: z.boolean(),
});
export type Colleague = z.infer<typeof colleagueSchema>;
export const colleagueListSchema = z.looseObject({ colleagues: z.array(colleagueSchema).max(500) });

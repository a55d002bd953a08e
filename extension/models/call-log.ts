import { z } from 'zod';

export const DISPOSITIONS = ['won', 'call-back', 'no-answer', 'done', 'other'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const CALL_STATUSES = ['completed', 'missed', 'voicemail', 'busy', 'failed', 'canceled'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

const crmRecordSchema = z.object({
  module: z.string(),
  id: z.string(),
  name: z.string().nullish(),
  url: z.string().nullish(),
});

/**
 * One entry of `GET /api/calls`, read leniently: the UI needs only these fields and must not break
 * when the server adds more (legs, recordings…).
 */
export const callLogEntrySchema = z.looseObject({
  sid: z.string(),
  // The server stores inbound/outbound; accept the phone's incoming/outgoing wording too.
  direction: z.string().transform((value): 'inbound' | 'outbound' =>
    value === 'inbound' || value === 'incoming' ? 'inbound' : 'outbound',
  ),
  from: z.string().nullish(),
  to: z.string().nullish(),
  calledNumber: z.string().nullish(),
  calledLabel: z.string().nullish(),
  ivrPath: z.array(z.string()).nullish(),
  status: z.string(),
  startedAt: z.string(),
  answeredAt: z.string().nullish(),
  endedAt: z.string().nullish(),
  duration: z.number().nullish(),
  rep: z.string().nullish(),
  answeredBy: z.string().nullish(),
  record: crmRecordSchema.nullish(),
  note: z.string().nullish(),
  disposition: z.string().nullish(),
});
export type CallLogEntry = z.output<typeof callLogEntrySchema>;

export const callLogPageSchema = z.object({
  calls: z.array(callLogEntrySchema),
  nextCursor: z.string().nullable(),
});
export type CallLogPage = z.infer<typeof callLogPageSchema>;

export interface CallLogQuery {
  direction?: 'inbound' | 'outbound';
  status?: CallStatus;
  rep?: string;
  number?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export interface CallNoteUpdate {
  note?: string;
  disposition?: Disposition | null;
}

/** The call log as both the popup and the admin page use it. */
export interface CallLogApi {
  listCalls(query?: CallLogQuery): Promise<CallLogPage>;
  updateCall(sid: string, update: CallNoteUpdate): Promise<CallLogEntry>;
}

export function isMissed(entry: Pick<CallLogEntry, 'status' | 'direction'>): boolean {
  return entry.direction === 'inbound' && (entry.status === 'missed' || entry.status === 'voicemail');
}

/** Recent calls for the popup: missed calls first (a rep's to-do list), each group newest first. */
export function sortRecentCalls<T extends Pick<CallLogEntry, 'status' | 'direction' | 'startedAt'>>(
  entries: readonly T[],
): T[] {
  return [...entries].sort((a, b) => {
    const missedOrder = Number(isMissed(b)) - Number(isMissed(a));
    return missedOrder !== 0 ? missedOrder : Date.parse(b.startedAt) - Date.parse(a.startedAt);
  });
}

/** The other party of a call: the caller for inbound, the callee for outbound. */
export function otherParty(entry: Pick<CallLogEntry, 'direction' | 'from' | 'to'>): string {
  return (entry.direction === 'inbound' ? entry.from : entry.to) ?? '';
}

export function callLogSearchParams(query: CallLogQuery = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

import { z } from 'zod';
import { callLogEntrySchema as apiCallLogEntrySchema, type CallLogEntry as ApiCallLogEntry } from '@/api/schemas';
import type { CallLogEntry, CallLogRecord } from './call-log-entry';

export * from './call-log-entry';

/** The server's JSON (`callSid`, `numberCalled`, `durationSeconds`, `crmRecord`…). */
export const serverCallLogEntrySchema = apiCallLogEntrySchema;
export type ServerCallLogEntry = ApiCallLogEntry;

function recordOf(raw: Record<string, string> | null | undefined): CallLogRecord | null {
  if (!raw?.module || !raw.id) return null;
  const url = raw.url && /^https?:\/\//.test(raw.url) ? raw.url : null;
  return { module: raw.module, id: raw.id, name: raw.name ?? null, url };
}

export function fromServerEntry(raw: ServerCallLogEntry): CallLogEntry {
  return {
    sid: raw.callSid,
    direction: raw.direction,
    // The server leaves `from` empty on outgoing calls (the caller is the rep); Twilio's From was client:<rep>.
    from: raw.direction === 'outbound' ? (raw.rep ? `client:${raw.rep}` : null) : raw.from,
    fromAnonymous: raw.fromAnonymous ?? (raw.direction === 'inbound' && raw.from === null),
    to: raw.to,
    calledNumber: raw.numberCalled ?? null,
    calledLabel: raw.numberLabel ?? null,
    ivrPath: raw.ivrPath ?? [],
    status: raw.status,
    reason: raw.reason ?? null,
    startedAt: raw.startedAt,
    answeredAt: raw.answeredAt ?? null,
    endedAt: raw.endedAt ?? null,
    duration: raw.durationSeconds ?? null,
    rep: raw.rep ?? null,
    record: recordOf(raw.crmRecord),
    note: raw.note ?? null,
    disposition: raw.disposition ?? null,
    involvement: raw.involvement ?? null,
  };
}

/** The server's entry, read and renamed for the UI. */
export const callLogEntrySchema = serverCallLogEntrySchema.transform(fromServerEntry);

export const callLogPageSchema = z.object({
  calls: z.array(callLogEntrySchema),
  nextCursor: z.string().nullable(),
});

import { callLogEntrySchema, type CallLogApi, type CallLogEntry } from './call-log';
import type { BackgroundLink } from './messaging-phone-client';

/**
 * The call log through the background (it holds the session token): recent calls, and the wrap-up
 * note, which the background saves with `PATCH /api/calls/:sid` as it leaves wrap-up.
 */
export function createMessagingCallLog(link: BackgroundLink): CallLogApi {
  return {
    async listCalls(query = {}) {
      const { calls } = await link.send({ type: 'recentCalls', limit: query.limit ?? 20 });
      // One odd entry must not hide the others.
      const entries = calls.flatMap((raw): CallLogEntry[] => {
        const parsed = callLogEntrySchema.safeParse(raw);
        return parsed.success ? [parsed.data] : [];
      });
      return { calls: entries, nextCursor: null };
    },
    async updateCall(_sid, update) {
      await link.send({
        type: 'finishWrapUp',
        ...(update.note ? { note: update.note } : {}),
        ...(update.disposition ? { disposition: update.disposition } : {}),
      });
      return null;
    },
    async keepNote(_sid, note) {
      await link.send({ type: 'finishWrapUp', note, keep: 'history' });
    },
  };
}

import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { AdminMessage } from '../twilio/errors.ts';
import { TWILIO_PATHS } from '../voice/flow-state.ts';

/**
 * The preview's part of business hours and the waiting line: what it says about a closed number or
 * a caller left waiting, and what of a preview call it removes (it is not a call).
 */

export const WAITING_IN_LINE: AdminMessage = {
  en: 'everyone is busy: the caller waits in line with music and hears their position',
  ja: '担当者が全員通話中です：発信者は保留音を聞きながら順番を待ち、待ち順のご案内を聞きます',
};

/** The summary of a call that met the closed number (reason `closed` / `closed-forwarded`), or null. */
export function closedSummary(reason: string, outcome: 'waiting-for-input' | 'waiting-in-line' | 'voicemail' | 'hangup'): AdminMessage | null {
  if (reason === 'closed-forwarded') {
    return {
      en: 'outside business hours: the closed message, then the call is forwarded (voicemail if nobody answers there)',
      ja: '営業時間外です：時間外メッセージの後、転送します（転送先が応答しない場合は留守番電話を録音します）',
    };
  }
  if (reason !== 'closed') return null;
  return outcome === 'voicemail'
    ? { en: 'outside business hours: the closed message, then voicemail', ja: '営業時間外です：時間外メッセージの後、留守番電話を録音します' }
    : { en: 'outside business hours: the closed message, then it hangs up', ja: '営業時間外です：時間外メッセージを流して電話を切ります' };
}

export function isWaitingLine(actionUrl: string): boolean {
  return new URL(actionUrl).pathname === TWILIO_PATHS.queueKey;
}

/** A preview leaves nothing behind: no place in the line, no follow-up, no CRM task. */
export async function discardPreviewCall(db: Kysely<Database>, callSid: string): Promise<void> {
  await db.deleteFrom('waiting_callers').where('call_sid', '=', callSid).execute();
  const links = await db.selectFrom('follow_up_calls').select('follow_up_id').where('call_sid', '=', callSid).execute();
  await db.deleteFrom('follow_up_calls').where('call_sid', '=', callSid).execute();
  for (const link of links) {
    await db.deleteFrom('follow_ups').where('id', '=', link.follow_up_id).where('first_call_sid', '=', callSid).execute();
  }
  await db.deleteFrom('crm_outbox').where('call_sid', '=', callSid).execute();
}

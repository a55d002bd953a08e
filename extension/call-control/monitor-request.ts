import { z } from 'zod';
import type { CallInfo } from '@/phone/call-info';

/**
 * A supervisor's monitoring leg rings their own phone (server: `invitePurpose=monitor`). This browser
 * answers it by itself only when it asked to monitor that very call a moment ago: a leg that rings
 * later, for another call, or with any other purpose rings like any call and waits for a click.
 */
export const MONITOR_ACCEPT_WINDOW_MS = 30_000;

export const monitorRequestSchema = z.object({
  callSid: z.string().max(64),
  /** Epoch ms when this browser asked. */
  at: z.number(),
});
export type MonitorRequest = z.infer<typeof monitorRequestSchema>;

export function acceptsByItself(call: CallInfo, request: MonitorRequest | null, now: number): boolean {
  if (!request || call.direction !== 'incoming' || call.invite?.purpose !== 'monitor') return false;
  if (call.callSid === null || call.callSid !== request.callSid) return false;
  const age = now - request.at;
  return age >= 0 && age <= MONITOR_ACCEPT_WINDOW_MS;
}

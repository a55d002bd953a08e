import type { MonitorMode } from './live-call';

/** Who a transfer or an added party goes to: a colleague by id, or a number (E.164; the server guards it). */
export type CallTarget = { user: string } | { number: string };

/** What a rep (or a supervisor) may ask of a live call: server/routes/call-control.ts. */
export type CallAction =
  | { kind: 'hold' }
  | { kind: 'resume' }
  | { kind: 'leave' }
  | { kind: 'transfer'; to: CallTarget; mode: 'blind' | 'warm'; note?: string }
  | { kind: 'complete-transfer' }
  | { kind: 'cancel-transfer' }
  /** Card numbers, personal data (PCI): the room's recording skips until resumed. */
  | { kind: 'pause-recording' }
  | { kind: 'resume-recording' }
  | { kind: 'add'; to: CallTarget }
  | { kind: 'monitor'; mode: MonitorMode }
  | { kind: 'stop-monitor' };

/** The request for an action on the call logged under `callSid`; every one answers the call as it stands. */
export function actionRequest(callSid: string, action: CallAction): { method: 'POST' | 'DELETE'; path: string; body?: unknown } {
  const base = `/api/calls/${encodeURIComponent(callSid)}`;
  switch (action.kind) {
    case 'hold':
    case 'resume':
    case 'leave':
      return { method: 'POST', path: `${base}/${action.kind}` };
    case 'transfer':
      return { method: 'POST', path: `${base}/transfer`, body: { to: action.to, mode: action.mode, ...(action.note ? { note: action.note } : {}) } };
    case 'complete-transfer':
      return { method: 'POST', path: `${base}/transfer/complete` };
    case 'cancel-transfer':
      return { method: 'POST', path: `${base}/transfer/cancel` };
    case 'pause-recording':
      return { method: 'POST', path: `${base}/recording/pause` };
    case 'resume-recording':
      return { method: 'POST', path: `${base}/recording/resume` };
    case 'add':
      return { method: 'POST', path: `${base}/participants`, body: { to: action.to } };
    case 'monitor':
      return { method: 'POST', path: `${base}/monitor`, body: { mode: action.mode } };
    case 'stop-monitor':
      return { method: 'DELETE', path: `${base}/monitor` };
  }
}

/** Actions after which the rep is no longer on the call (no after-call note for them). */
export function handsOver(action: CallAction): boolean {
  return (action.kind === 'transfer' && action.mode === 'blind') || action.kind === 'complete-transfer' || action.kind === 'leave';
}

import type { CallAction, CallTarget } from '@/call-control/call-actions';
import type { Colleague, MonitorMode } from '@/call-control/live-call';
import type { LiveCallView } from '@/call-control/live-call-view';
import type { BackgroundLink } from './messaging-phone-client';

export type { CallTarget, Colleague, MonitorMode };

/** What a rep may ask of the call they are on (a supervisor's monitoring is separate). */
export type RepAction = Exclude<CallAction, { kind: 'monitor' } | { kind: 'stop-monitor' }>;

/**
 * What the call-control UI may ask of the phone. The popup and the CRM page's card implement it with
 * the extension's messaging; tests with a plain object. Components never see `browser.*`.
 */
export interface CallControlClient {
  act(callSid: string, action: RepAction): Promise<LiveCallView>;
  colleagues(query: string): Promise<Colleague[]>;
  /** Supervisors (our own pages only). */
  monitor(callSid: string, mode: MonitorMode): Promise<LiveCallView>;
  stopMonitor(callSid: string): Promise<LiveCallView>;
  liveCalls(): Promise<LiveCallView[]>;
}

/** Every action is a message to the background, which acts only on the call being talked on. No zod here (page bundle). */
export function createMessagingCallControlClient(link: BackgroundLink): CallControlClient {
  return {
    act(callSid, action) {
      switch (action.kind) {
        case 'hold':
          return link.send({ type: 'hold', callSid });
        case 'resume':
          return link.send({ type: 'resume', callSid });
        case 'leave':
          return link.send({ type: 'leaveCall', callSid });
        case 'transfer':
          return link.send({ type: 'transfer', callSid, to: action.to, mode: action.mode, ...(action.note ? { note: action.note } : {}) });
        case 'complete-transfer':
          return link.send({ type: 'completeTransfer', callSid });
        case 'cancel-transfer':
          return link.send({ type: 'cancelTransfer', callSid });
        case 'pause-recording':
          return link.send({ type: 'pauseRecording', callSid });
        case 'resume-recording':
          return link.send({ type: 'resumeRecording', callSid });
        case 'add':
          return link.send({ type: 'addParty', callSid, to: action.to });
      }
    },
    colleagues: async (query) => (await link.send({ type: 'listColleagues', ...(query ? { q: query } : {}) })).colleagues,
    monitor: (callSid, mode) => link.send({ type: 'monitor', callSid, mode }),
    stopMonitor: (callSid) => link.send({ type: 'stopMonitor', callSid }),
    liveCalls: async () => (await link.send({ type: 'listLiveCalls' })).calls,
  };
}

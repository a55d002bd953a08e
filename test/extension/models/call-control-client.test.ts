import { describe, expect, it } from 'vitest';
import { backgroundMessage } from '@/messaging/protocol';
import { createMessagingCallControlClient, type RepAction } from '@/models/call-control-client';
import type { BackgroundLink } from '@/models/messaging-phone-client';
import { CALL_SID } from '../call-control/live-call-fixtures';

function recordingLink() {
  const sent: unknown[] = [];
  const link: BackgroundLink = {
    send: async (message) => {
      sent.push(message);
      return (message.type === 'listColleagues' ? { colleagues: [] } : message.type === 'listLiveCalls' ? { calls: [] } : {}) as never;
    },
    onStateChanged: () => () => undefined,
  };
  return { link, sent };
}

describe('the call card’s requests, as protocol messages the background accepts', () => {
  it.each<[RepAction, Record<string, unknown>]>([
    [{ kind: 'hold' }, { type: 'hold', callSid: CALL_SID }],
    [{ kind: 'resume' }, { type: 'resume', callSid: CALL_SID }],
    [{ kind: 'leave' }, { type: 'leaveCall', callSid: CALL_SID }],
    [{ kind: 'transfer', to: { user: 'suzuki' }, mode: 'warm', note: '見積もり' }, { type: 'transfer', callSid: CALL_SID, to: { user: 'suzuki' }, mode: 'warm', note: '見積もり' }],
    [{ kind: 'transfer', to: { number: '+81355551234' }, mode: 'blind' }, { type: 'transfer', callSid: CALL_SID, to: { number: '+81355551234' }, mode: 'blind' }],
    [{ kind: 'complete-transfer' }, { type: 'completeTransfer', callSid: CALL_SID }],
    [{ kind: 'cancel-transfer' }, { type: 'cancelTransfer', callSid: CALL_SID }],
    [{ kind: 'pause-recording' }, { type: 'pauseRecording', callSid: CALL_SID }],
    [{ kind: 'resume-recording' }, { type: 'resumeRecording', callSid: CALL_SID }],
    [{ kind: 'add', to: { user: 'tanaka' } }, { type: 'addParty', callSid: CALL_SID, to: { user: 'tanaka' } }],
  ])('%o', async (action, expected) => {
    const { link, sent } = recordingLink();
    await createMessagingCallControlClient(link).act(CALL_SID, action);
    expect(sent).toEqual([expected]);
    expect(backgroundMessage.safeParse(sent[0]).success).toBe(true);
  });

  it('asks for colleagues (an empty search asks for everyone), monitoring and the live calls', async () => {
    const { link, sent } = recordingLink();
    const client = createMessagingCallControlClient(link);
    await client.colleagues('');
    await client.colleagues('さとう');
    await client.monitor(CALL_SID, 'whisper');
    await client.stopMonitor(CALL_SID);
    await client.liveCalls();
    expect(sent).toEqual([
      { type: 'listColleagues' },
      { type: 'listColleagues', q: 'さとう' },
      { type: 'monitor', callSid: CALL_SID, mode: 'whisper' },
      { type: 'stopMonitor', callSid: CALL_SID },
      { type: 'listLiveCalls' },
    ]);
    for (const message of sent) expect(backgroundMessage.safeParse(message).success).toBe(true);
  });
});

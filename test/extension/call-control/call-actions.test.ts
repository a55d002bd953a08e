import { describe, expect, it } from 'vitest';
import { actionRequest, type CallAction } from '@/call-control/call-actions';
import { CALL_SID } from './live-call-fixtures';

describe('each call-control action as the server’s routes take it (server/routes/call-control.ts)', () => {
  it.each<[CallAction, string]>([
    [{ kind: 'hold' }, 'POST /hold'],
    [{ kind: 'resume' }, 'POST /resume'],
    [{ kind: 'leave' }, 'POST /leave'],
    [{ kind: 'transfer', to: { user: 'suzuki' }, mode: 'warm', note: '見積もりの件' }, 'POST /transfer {"to":{"user":"suzuki"},"mode":"warm","note":"見積もりの件"}'],
    [{ kind: 'transfer', to: { number: '+81355551234' }, mode: 'blind', note: '' }, 'POST /transfer {"to":{"number":"+81355551234"},"mode":"blind"}'],
    [{ kind: 'complete-transfer' }, 'POST /transfer/complete'],
    [{ kind: 'cancel-transfer' }, 'POST /transfer/cancel'],
    [{ kind: 'pause-recording' }, 'POST /recording/pause'],
    [{ kind: 'resume-recording' }, 'POST /recording/resume'],
    [{ kind: 'add', to: { user: 'tanaka' } }, 'POST /participants {"to":{"user":"tanaka"}}'],
    [{ kind: 'monitor', mode: 'barge' }, 'POST /monitor {"mode":"barge"}'],
    [{ kind: 'stop-monitor' }, 'DELETE /monitor'],
  ])('%o → %s', (action, expected) => {
    const { method, path, body } = actionRequest(CALL_SID, action);
    expect(path.startsWith(`/api/calls/${CALL_SID}/`)).toBe(true);
    expect(`${method} ${path.slice(`/api/calls/${CALL_SID}`.length)}${body === undefined ? '' : ` ${JSON.stringify(body)}`}`).toBe(expected);
  });
});

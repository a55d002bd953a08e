import { describe, expect, it } from 'vitest';
import type { Actor, Party } from '../../../server/voice/call-control.ts';
import { planRecordingPause, type RecordingState, type RecordingView } from '../../../server/voice/recording-pause.ts';

const CALL = `CA${'1'.repeat(32)}`;
const NOW = new Date('2026-11-24T01:02:30Z');
let ids = 0;

function party(label: string, fields: Partial<Party> = {}): Party {
  const kind = label === 'customer' ? 'customer' : label.startsWith('rep:') ? 'rep' : label.startsWith('sup:') ? 'supervisor' : 'guest';
  return {
    id: String(++ids),
    label,
    kind,
    purpose: kind === 'customer' ? 'customer' : kind === 'supervisor' ? 'monitor' : 'answer',
    userId: kind === 'rep' || kind === 'supervisor' ? label.split(':')[1]! : null,
    number: kind === 'guest' ? '+819012345678' : null,
    legSid: `CA${String(ids).padStart(32, '0')}`,
    state: 'talking',
    monitor: kind === 'supervisor' ? 'listen' : null,
    invitedBy: null,
    ...fields,
  };
}

const ON: RecordingState = { state: 'on' };
const PAUSED: RecordingState = { state: 'paused', since: new Date('2026-11-24T01:01:00Z'), by: 'sato' };

function room(recording: RecordingState | null, parties: Party[] = [party('customer'), party('rep:sato')], roomState: RecordingView['roomState'] = 'live'): RecordingView {
  return { callSid: CALL, roomState, ownerId: 'sato', parties, recording };
}

const sato: Actor = { id: 'sato', role: 'rep' };
const suzuki: Actor = { id: 'suzuki', role: 'rep' };
const kanri: Actor = { id: 'kanri', role: 'supervisor' };

describe('pausing and resuming the recording, decided', () => {
  it('pauses a recording call, skipping the pause, and notes who paused it', () => {
    expect(planRecordingPause(room(ON), sato, 'pause', NOW)).toEqual({
      ok: true,
      change: { status: 'paused', pauseBehavior: 'skip' },
      resource: 'room',
      history: { kind: 'recording-paused', actor: 'sato', subject: null },
    });
  });

  it('resumes with how long it was paused, whoever paused it', () => {
    const threeWay = room(PAUSED, [party('customer'), party('rep:sato'), party('rep:suzuki', { purpose: 'add' })]);
    expect(planRecordingPause(threeWay, suzuki, 'resume', NOW)).toEqual({
      ok: true,
      change: { status: 'in-progress' },
      resource: 'room',
      history: { kind: 'recording-resumed', actor: 'suzuki', subject: null, details: { seconds: 90 } },
    });
  });

  it.each([
    ['a second pause', room(PAUSED), 'pause'],
    ['a resume of a recording that records', room(ON), 'resume'],
  ] as const)('%s asks Twilio nothing', (_name, view, request) => {
    expect(planRecordingPause(view, sato, request, NOW)).toEqual({ ok: true, change: null });
  });

  it.each([
    ['a call that is not recorded', room(null), sato, 'call_not_recorded'],
    ['a call still joining its room', room(ON, undefined, 'joining'), sato, 'call_moving'],
    ['a call that ended', room(ON, undefined, 'ended'), sato, 'call_not_live'],
    ['a call whose customer left', room(ON, [party('customer', { state: 'left' }), party('rep:sato')]), sato, 'call_not_live'],
    ['a supervisor not on the call', room(ON), kanri, 'not_a_party'],
    ['a colleague still ringing', room(ON, [party('customer'), party('rep:sato'), party('rep:suzuki', { state: 'ringing', purpose: 'add' })]), suzuki, 'not_a_party'],
    ['a rep who left', room(ON, [party('customer'), party('rep:suzuki'), party('rep:sato', { state: 'left' })]), sato, 'not_a_party'],
  ] as const)('refuses %s', (_name, view, actor, refusal) => {
    expect(planRecordingPause(view, actor, 'pause', NOW)).toEqual({ ok: false, refusal });
  });

  it('lets a supervisor monitoring the call pause it, in any mode', () => {
    for (const monitor of ['listen', 'whisper', 'barge'] as const) {
      const monitored = room(ON, [party('customer'), party('rep:sato'), party('sup:kanri', { monitor })]);
      expect(planRecordingPause(monitored, kanri, 'pause', NOW)).toMatchObject({ ok: true, change: { status: 'paused' } });
    }
  });
});

describe('a call that stayed a plain bridge (its move into the room failed)', () => {
  const bridge = (recording: RecordingState | null, live = true): RecordingView => ({ callSid: CALL, roomState: null, ownerId: 'sato', parties: [], recording, bridge: { live } });

  it('pauses and resumes the call’s own recording (its ring <Dial record>), for its owner', () => {
    expect(planRecordingPause(bridge(ON), sato, 'pause', NOW)).toEqual({
      ok: true,
      change: { status: 'paused', pauseBehavior: 'skip' },
      resource: 'call',
      history: { kind: 'recording-paused', actor: 'sato', subject: null },
    });
    expect(planRecordingPause(bridge(PAUSED), sato, 'resume', NOW)).toMatchObject({ ok: true, change: { status: 'in-progress' }, resource: 'call', history: { details: { seconds: 90 } } });
    expect(planRecordingPause(bridge(PAUSED), sato, 'pause', NOW)).toEqual({ ok: true, change: null });
  });

  it.each([
    ['a bridge that is not recorded', bridge(null), sato, 'call_not_recorded'],
    ['a bridge that ended', bridge(ON, false), sato, 'call_not_live'],
    ['a colleague not on it', bridge(ON), suzuki, 'not_a_party'],
    ['a supervisor (nobody monitors a plain call)', bridge(ON), kanri, 'not_a_party'],
  ] as const)('refuses %s', (_name, view, actor, refusal) => {
    expect(planRecordingPause(view, actor, 'pause', NOW)).toEqual({ ok: false, refusal });
  });
});

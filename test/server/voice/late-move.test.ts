import { describe, expect, it } from 'vitest';
import { MOVE_RETRY, moveChance, moveRetryDelayMs, outsideRoomRefusal, type OutsideRoomView } from '../../../server/voice/late-move.ts';

const ON = { state: 'on' } as const;
const PAUSED = { state: 'paused', since: new Date('2026-11-24T09:00:00+09:00'), by: 'sato' } as const;
const plain = (recording: OutsideRoomView['recording'], live = true): OutsideRoomView => ({ roomState: null, bridge: { live }, recording });

describe('moving a plain call into its room later', () => {
  it('tries six times over about the first 75 s, each wait longer, none past 30 s', () => {
    const waits = Array.from({ length: MOVE_RETRY.retries }, (_, index) => moveRetryDelayMs(index + 1));
    expect(waits).toEqual([3_000, 6_000, 12_000, 24_000, 30_000]);
    expect(waits.reduce((sum, wait) => sum + wait, 0)).toBe(75_000);
  });

  it.each<[string, OutsideRoomView, ReturnType<typeof moveChance>, ReturnType<typeof outsideRoomRefusal>]>([
    ['a plain call going on', plain(ON), 'move', 'call_moving'],
    ['an unrecorded plain call going on', plain(null), 'move', 'call_moving'],
    ['a plain call whose recording is paused', plain(PAUSED), 'paused', 'resume_recording_first'],
    ['a plain call that ended', plain(ON, false), 'over', null],
    ['a paused plain call that ended', plain(PAUSED, false), 'over', null],
    ['a call on its way into its room', { roomState: 'joining', bridge: null, recording: ON }, 'in-room', 'call_moving'],
    ['a call in its room', { roomState: 'live', bridge: null, recording: PAUSED }, 'in-room', null],
    ['a call whose room ended', { roomState: 'ended', bridge: null, recording: ON }, 'over', null],
  ])('%s: a try %s; a control request is refused with %s', (_name, view, chance, refusal) => {
    expect(moveChance(view)).toBe(chance);
    expect(outsideRoomRefusal(view)).toBe(refusal);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/client';
import { CALL_SID } from '../../call-control/live-call-fixtures';
import { phoneWithDevice, repApi } from './fake-phone';
import { OTHER_SID, supervisorOnAnotherCall } from './supervisor-busy';

const SID = 'CA0123456789abcdef0123456789abcdef';

/**
 * A rep in the wrap-up of a call a barging supervisor took over after all (Twilio told of the rep's
 * leave late): the server refuses their wrap-up (`call_taken_over`); the rep may keep their words in the
 * call's history instead.
 */
async function wrappingUp() {
  const kept: { sid: string; note: string }[] = [];
  const api = repApi({
    patchCall: async () => {
      throw new ApiError('http', '管理 美香 took this call over and will write its notes.', 409, 'call_taken_over', { owner: '管理 美香' });
    },
    keepCallNote: async (sid: string, note: string) => (kept.push({ sid, note }), { callSid: sid, note }),
  });
  const t = phoneWithDevice({ createApi: () => api, language: async () => 'ja-JP' });
  await t.controller.setOnline(true);
  await t.controller.dial('+81312345678', null);
  await t.settle();
  t.device().emit('callStateChanged', 'out-1', 'ringing', SID);
  await t.settle();
  t.device().emit('callStateChanged', 'out-1', 'disconnected', SID);
  await t.settle();
  return { ...t, kept };
}

describe('the wrap-up of a call someone else owns', () => {
  it('passes the server’s refusal on by its code and the owner’s name, and keeps the wrap-up open', async () => {
    const t = await wrappingUp();
    await expect(t.controller.finishWrapUp('見積もりを送付', 'call-back')).rejects.toMatchObject({ code: 'call_taken_over', params: { owner: '管理 美香' } });
    expect((await t.controller.state()).calls.current.kind).toBe('wrap-up');
  });

  it('keeps the note in the call’s history as the rep’s when asked, and then the wrap-up is over', async () => {
    const t = await wrappingUp();
    await t.controller.finishWrapUp('見積もりを送付', undefined, 'history');
    expect(t.kept).toEqual([{ sid: SID, note: '見積もりを送付' }]);
    expect((await t.controller.state()).calls.current.kind).toBe('idle');
  });
});

/** The scene of supervisor-busy.ts: the call 管理 took over became theirs while they talked on another. */
describe('the wrap-up of a call a supervisor took over, while they are busy with another', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps the owed wrap-up beside the call being talked on, and opens it once that call’s own wrap-up is done', async () => {
    const t = await supervisorOnAnotherCall();
    expect(t.calls().current).toMatchObject({ kind: 'in-call', call: { callId: 'in-2' } });
    expect(t.calls().owed).toMatchObject([{ call: { callId: 'in-1', callSid: CALL_SID } }]);

    await t.secondCallEnds();
    expect(t.calls().current).toMatchObject({ kind: 'wrap-up', call: { callId: 'in-2' } });

    await t.controller.finishWrapUp('見積もりを送付', 'call-back');
    await vi.advanceTimersByTimeAsync(0);
    expect(t.saved).toEqual([{ sid: OTHER_SID, note: '見積もりを送付' }]);
    expect(t.calls().current).toMatchObject({ kind: 'wrap-up', call: { callId: 'in-1', callSid: CALL_SID }, outcome: 'completed', inherited: true });
    expect(t.calls()).not.toHaveProperty('owed');
    // Asked whether its notes are still unwritten, and they are: the form stays, and saves onto that call.
    expect(t.asked).toEqual([CALL_SID]);
    await t.controller.finishWrapUp('佐藤さんから引き継ぎ、折り返し済み', 'done');
    expect(t.saved.at(-1)).toEqual({ sid: CALL_SID, note: '佐藤さんから引き継ぎ、折り返し済み' });
    expect(t.calls().current.kind).toBe('idle');
  });

  it.each([
    ['its notes were written elsewhere meanwhile', { rep: 'kanri', note: '折り返し済み' }],
    ['the server has someone else as its owner', { rep: 'sato', note: null }],
    ['the server no longer has the call', 'gone' as const],
  ])('opens no form that could only fail or overwrite when %s', async (_name, takenOver) => {
    const t = await supervisorOnAnotherCall({ takenOver });
    await t.secondCallEnds();
    await t.controller.finishWrapUp(undefined, undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.asked).toEqual([CALL_SID]);
    expect(t.calls().current.kind).toBe('idle');
    expect(t.calls()).not.toHaveProperty('owed');
  });

  it('leaves the form open when the server cannot say (the save can still be tried, or skipped)', async () => {
    const t = await supervisorOnAnotherCall({ takenOver: 'unreachable' });
    await t.secondCallEnds();
    await t.controller.finishWrapUp(undefined, undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.asked).toEqual([CALL_SID]);
    expect(t.calls().current).toMatchObject({ kind: 'wrap-up', call: { callId: 'in-1' }, inherited: true });
  });
});

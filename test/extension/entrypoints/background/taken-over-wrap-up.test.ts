import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/client';
import { phoneWithDevice, repApi } from './fake-phone';

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

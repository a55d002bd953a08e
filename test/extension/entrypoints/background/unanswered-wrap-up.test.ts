import { describe, expect, it } from 'vitest';
import { phoneWithDevice, repApi } from './fake-phone';

const SID = 'CA0123456789abcdef0123456789abcdef';

/** A rep online, an outgoing call dialled; the server's PATCHes of the call log are kept in `patches`. */
async function dialled() {
  const patches: { sid: string; body: unknown }[] = [];
  const api = repApi({ patchCall: async (sid: string, body: unknown) => (patches.push({ sid, body }), { sid }) });
  const t = phoneWithDevice({ createApi: () => api, language: async () => 'ja-JP' });
  await t.controller.setOnline(true);
  await t.controller.dial('+81312345678', null);
  await t.settle();
  return { ...t, patches };
}

describe('the wrap-up of an outgoing call nobody answered', () => {
  it('saves the rep’s note and outcome to the call Twilio named as it rang', async () => {
    const t = await dialled();
    // twilio-device.ts: the SDK's 'ringing' already carries the call's sid; nobody picks up.
    t.device().emit('callStateChanged', 'out-1', 'ringing', SID);
    await t.settle();
    t.device().emit('callStateChanged', 'out-1', 'disconnected', SID);
    await t.settle();
    expect(await t.controller.state()).toMatchObject({ calls: { current: { kind: 'wrap-up', outcome: 'no-answer', call: { callSid: SID } } } });

    await t.controller.finishWrapUp('不在。明日10時に再架電', 'no-answer');
    expect(t.patches).toEqual([{ sid: SID, body: { note: '不在。明日10時に再架電', disposition: 'no-answer' } }]);
    expect((await t.controller.state()).calls.current.kind).toBe('idle');
  });

  it('with no sid at all, refuses the note out loud and keeps the wrap-up open (Skip still closes it)', async () => {
    const t = await dialled();
    t.device().emit('callStateChanged', 'out-1', 'ringing', null);
    await t.settle();
    t.device().emit('callStateChanged', 'out-1', 'disconnected', null);
    await t.settle();

    await expect(t.controller.finishWrapUp('不在', 'no-answer')).rejects.toMatchObject({ code: 'no_call_sid' });
    expect((await t.controller.state()).calls.current.kind).toBe('wrap-up');
    await t.controller.finishWrapUp(undefined, undefined);
    expect({ patches: t.patches, phase: (await t.controller.state()).calls.current.kind }).toEqual({ patches: [], phase: 'idle' });
  });
});

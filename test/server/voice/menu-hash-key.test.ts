import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingNumberInput } from './phone-numbers.ts';
import { createVoiceHarness, type VoiceHarness } from './voice-harness.ts';

/**
 * `#` in a menu where it means nothing: the caller hears "that is not a valid choice", on a real call
 * and in the options page's preview alike. The menu's `<Gather>` turns Twilio's default finish key
 * off (finishOnKey=""), or `#` would end it with no digits, Twilio would skip the action, and the
 * caller would hear "we did not receive your choice" while the preview said otherwise.
 */
const IVR: IncomingNumberInput = {
  number: '+81311119999',
  label: '代表',
  voice: { language: 'ja-JP' },
  route: { type: 'ivr', menu: [{ key: 1, label: '営業', action: { type: 'ring', users: ['sato'], strategy: 'simultaneous', ringSeconds: 10 } }] },
};
const INVALID_CHOICE = '申し訳ございません。入力された番号は選択できません。もう一度お選びください。';

let h: VoiceHarness;
let admin: string;
beforeAll(async () => {
  h = await createVoiceHarness({ reps: ['sato'] });
  await h.addUser({ id: 'yamada', name: '山田', email: 'yamada@example.jp', role: 'admin' });
  admin = await h.signIn('yamada@example.jp');
  await h.addNumber(IVR);
});
afterAll(() => h.close());

describe('pressing # in the menu', () => {
  it('is a choice that is not in the menu, on a call and in the preview alike', async () => {
    const call = await h.twilio.incomingCall({ from: '+819011112222', to: IVR.number, script: { digits: ['#'] } });
    expect(call.gathers[0]).toMatchObject({ finishOnKey: '', digits: '#' });
    expect(call.said.slice(0, 2)).toEqual(['営業の場合、1を押してください。', INVALID_CHOICE]);

    const response = await h.call('POST', `/api/preview/${encodeURIComponent(IVR.number)}`, { token: admin, body: { digits: ['#'] } });
    expect(response.status).toBe(200);
    const preview = (await response.json()) as { steps: { say?: { text: string } }[] };
    const spoken = preview.steps.flatMap((step) => (step.say ? [step.say.text] : []));
    expect(spoken.slice(0, 2)).toEqual(call.said.slice(0, 2));
  });
});

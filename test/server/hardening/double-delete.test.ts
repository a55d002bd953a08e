import { describe, expect, it } from 'vitest';
import { newNumber } from '../../emulators/twilio-rest/state.ts';
import { adminWithTwilioAccount, PUBLIC_URL } from '../admin/harness.ts';

/**
 * Deleting an incoming number gives its Twilio number back (to what answered it before) first, then
 * saves. Two deletes of the same number at once (a double click, two admins) both gave it back; the
 * one whose save then found no number "reconnected" it: the Twilio number pointed at this server
 * again with no configuration left, and every caller heard "not in service".
 */

const t = adminWithTwilioAccount();
const THEIR_IVR = 'https://ivr.example.com/answer';

describe('the same incoming number deleted twice at once', () => {
  it('is gone, its Twilio number back where it was, and one of the two is told it was already gone', async () => {
    const main = newNumber('+81312345678', { voice_url: THEIR_IVR });
    t.account.numbers.set(main.sid, main);
    await t.addNumber({ number: '+81312345678', label: '代表' });
    expect((await t.api('POST', `/api/twilio/numbers/${main.sid}/connect`, { body: { confirm: true } })).status).toBe(200);
    expect(main.voice_url).toBe(`${PUBLIC_URL}/twilio/voice`);

    const answers = await Promise.all([1, 2].map(() => t.api('DELETE', `/api/incoming/${encodeURIComponent('+81312345678')}`)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([204, 404]);
    expect(await t.store.db.selectFrom('incoming_numbers').select('number').execute()).toEqual([]);
    expect(main.voice_url).toBe(THEIR_IVR);
  });
});

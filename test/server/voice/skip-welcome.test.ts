import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { funnel } from '../../../server/store/analytics-funnel.ts';
import type { CallHandle } from '../../emulators/twilio-call/index.ts';
import { MAIN, incomingNumberSchema, type IncomingNumberInput } from './phone-numbers.ts';
import { createVoiceHarness, type VoiceHarness } from './voice-harness.ts';

/**
 * A caller who knows the menu presses its key during the welcome, through the Twilio emulator and
 * the real server. 代表's welcome takes 6 s to read (the emulator reads Japanese at 8 characters a
 * second); the caller presses 2 (サポート) 2 s in, then 1 (製品について).
 */
const WELCOME = 'お電話ありがとうございます。呼出商事でございます。ご用件に合わせて番号を押してください。';
const TOP_MENU = ['営業の場合、1を押してください。', 'サポートの場合、2を押してください。'];
const SUPPORT_MENU = ['製品についての場合、1を押してください。', '請求についての場合、2を押してください。'];
const CALLER = '+819011112222';

const SKIPPABLE: IncomingNumberInput = { ...MAIN, messages: { ...MAIN.messages, welcome: { type: 'text', text: WELCOME } }, welcomeSkippable: true };
/** Stored before the setting existed: its definition has no `welcomeSkippable` at all. */
const STORED_BEFORE = { ...SKIPPABLE, number: '+81312340000', label: '旧代表' };

let h: VoiceHarness;
beforeAll(async () => {
  h = await createVoiceHarness({ reps: ['sato', 'suzuki', 'tanaka'], followTwilioTime: true });
  await h.addNumber(SKIPPABLE);
  const { welcomeSkippable: _none, ...definition } = incomingNumberSchema.parse(STORED_BEFORE);
  await h.store.db
    .insertInto('incoming_numbers')
    .values({ number: STORED_BEFORE.number, position: 9, definition: JSON.stringify(definition), twilio_sid: null, previous_twilio: null, updated_at: h.clock.now() })
    .execute();
});
afterAll(() => h.close());
beforeEach(async () => {
  await sql`truncate calls, call_legs, call_recordings, presence`.execute(h.store.db);
});

/** Nobody is online: choosing 製品について ends with the unavailable message; the menu steps are what matters here. */
async function callPressing(to: string, keys: { at: number; key: string }[]): Promise<CallHandle> {
  const call = h.twilio.startIncomingCall({ from: CALLER, to });
  let elapsed = 0;
  for (const { at, key } of keys) {
    await h.twilio.advance(at - elapsed);
    elapsed = at;
    await call.press(key);
  }
  await call.finish(120);
  return call;
}

const menuRequests = (call: CallHandle) =>
  call.transcript().requests.filter((request) => request.path.startsWith('/twilio/voice/menu')).map((request) => ({ url: request.url, digits: request.params.Digits }));
const menuSteps = async (callSid: string) =>
  h.store.db.selectFrom('calls').select(['ivr_keys', 'ivr_state', 'ivr_path']).where('call_sid', '=', callSid).executeTakeFirstOrThrow();

describe('a caller who presses a menu key during the welcome', () => {
  it('stops the welcome and goes straight to that key’s submenu, without hearing the top menu', async () => {
    const call = await callPressing(SKIPPABLE.number, [{ at: 2, key: '2' }, { at: 4, key: '1' }]);
    const { said, gathers } = call.transcript();
    // The second key cuts the submenu's first sentence in turn.
    expect(said.slice(0, 2)).toEqual([WELCOME, SUPPORT_MENU[0]]);
    expect(said).not.toContain(TOP_MENU[0]);
    // The welcome was the Gather's prompt, cut by the key.
    expect(gathers[0]).toMatchObject({ prompts: [WELCOME], digits: '2' });
    expect(await menuSteps(call.sid)).toEqual({ ivr_keys: '21', ivr_state: 'routed', ivr_path: ['サポート', '製品について'] });
  });

  it('takes the same path as a key pressed during the menu: the same requests, the same menu steps, the same funnel', async () => {
    const early = await callPressing(SKIPPABLE.number, [{ at: 2, key: '2' }, { at: 4, key: '1' }]);
    // After the welcome (6 s) and the menu's 2 sentences (2 s + 3 s), while the menu waits for a key.
    const late = await callPressing(SKIPPABLE.number, [{ at: 14, key: '2' }, { at: 16, key: '1' }]);
    expect(late.transcript().said.slice(0, 3)).toEqual([WELCOME, ...TOP_MENU]);
    expect(menuRequests(early)).toEqual(menuRequests(late));
    expect(await menuSteps(early.sid)).toEqual(await menuSteps(late.sid));
    const today = { from: '2026-11-24', to: '2026-11-24', timeZone: 'Asia/Tokyo' };
    const nodes = (await funnel(h.store.db, today)).filter((node) => node.number === SKIPPABLE.number);
    expect(nodes.map(({ keys, reached, routed }) => ({ keys, reached, routed }))).toEqual([
      { keys: '', reached: 2, routed: 0 },
      { keys: '2', reached: 2, routed: 0 },
      { keys: '21', reached: 2, routed: 2 },
    ]);
  });

  it('is not heard on a number stored before the setting existed: the welcome plays in full and the key is lost', async () => {
    const call = await callPressing(STORED_BEFORE.number, [{ at: 2, key: '2' }]);
    const { said, gathers } = call.transcript();
    expect(said.slice(0, 3)).toEqual([WELCOME, ...TOP_MENU]);
    expect(gathers[0]).toMatchObject({ prompts: TOP_MENU, digits: null });
    expect(await menuSteps(call.sid)).toMatchObject({ ivr_keys: '' });
  });
});

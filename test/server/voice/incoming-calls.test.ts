import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ringOrder } from '../../../server/store/presence.ts';
import { describeCall } from '../../emulators/twilio-call/index.ts';
import { DIRECT, ENGLISH, MAIN } from './phone-numbers.ts';
import { createVoiceHarness, type VoiceHarness } from './voice-harness.ts';

const REPS = ['sato', 'suzuki', 'tanaka'];
let h: VoiceHarness;

beforeAll(async () => {
  h = await createVoiceHarness({ reps: REPS });
  await h.addNumber(MAIN);
  await h.addNumber(DIRECT);
  await h.addNumber(ENGLISH);
});
afterAll(() => h.close());
beforeEach(async () => {
  await sql`truncate calls, call_legs, call_recordings, presence`.execute(h.store.db);
});

/** The call as a story, without the SIDs that depend on how many calls ran before. */
const story = (call: { callSid: string }) => describeCall(call as Parameters<typeof describeCall>[0]).replaceAll(call.callSid, '<CallSid>');

const order = async () => (await ringOrder(h.store.db, { userIds: REPS, now: h.clock.now() })).ringable;

describe('a caller on the IVR', () => {
  it('goes 2 levels deep and rings the sequential group in the order reps went online', async () => {
    await h.goOnline('tanaka', 'sato', 'suzuki');
    const call = await h.twilio.incomingCall({
      from: '+819011112222',
      to: MAIN.number,
      script: { digits: ['2', '2'], dial: [{ outcome: 'no-answer' }, { answeredBy: 'suzuki' }] },
    });
    expect(story(call)).toMatchInlineSnapshot(`
      "POST /twilio/voice → 200
        say [Polly.Mizuki ja-JP] お電話ありがとうございます。
        say [Polly.Mizuki ja-JP] 営業の場合、1を押してください。
        say [Polly.Mizuki ja-JP] サポートの場合、2を押してください。
        gather numDigits=1 timeout=5 → pressed "2"
      POST /twilio/voice/menu?l=ja-JP&n=&t=0 Digits="2" FinishedOnKey="" → 200
        say [Polly.Mizuki ja-JP] 製品についての場合、1を押してください。
        say [Polly.Mizuki ja-JP] 請求についての場合、2を押してください。
        gather numDigits=1 timeout=5 → pressed "2"
      POST /twilio/voice/menu?l=ja-JP&n=2&t=0 Digits="2" FinishedOnKey="" → 200
        dial tanaka {callerNumber=+819011112222, callerAnonymous=false, calledNumber=+81312345678, calledLabel=代表, ivrPath=サポート > 請求について, parentCallSid=<CallSid>} (timeout=15 record=record-from-answer-dual) → no-answer
      POST /twilio/voice/ring?l=ja-JP&n=22&c=1&q=tanaka.suzuki&i=1&d=tanaka DialCallStatus="no-answer" → 200
        dial suzuki {callerNumber=+819011112222, callerAnonymous=false, calledNumber=+81312345678, calledLabel=代表, ivrPath=サポート > 請求について, parentCallSid=<CallSid>} (timeout=15 record=record-from-answer-dual) → answered by suzuki, talked 0 s
      POST /twilio/voice/ring?l=ja-JP&n=22&c=1&q=tanaka.suzuki&i=2&d=suzuki DialCallStatus="completed" DialCallDuration="0" RecordingDuration="0" → 200
        conference "<CallSid>" as customer (endConferenceOnExit) → talking
        left "<CallSid>" (room ended: conference-ended-via-api)
      POST /twilio/room/left?call=<CallSid>&p=customer DialCallStatus="answered" → 200
        hangup
      = completed"
    `);
    expect((await h.calls())[0]).toMatchObject({ status: 'completed', rep_id: 'suzuki', rang: ['tanaka', 'suzuki'], ivr_path: ['サポート', '請求について'] });
  });

  it('rings 営業 in online order; the rep who answers moves to the back', async () => {
    await h.goOnline('suzuki', 'tanaka', 'sato');
    const call = await h.twilio.incomingCall({
      from: '+819011112222',
      to: MAIN.number,
      script: { digits: ['1'], dial: [{}, { answeredBy: 'tanaka' }] },
    });
    expect(call.rang).toEqual([['suzuki'], ['tanaka']]);
    expect(await order()).toEqual(['suzuki', 'sato', 'tanaka']);
    const [logged] = await h.calls();
    expect(logged).toMatchObject({ status: 'completed', rep_id: 'tanaka', rang: ['suzuki', 'tanaka'], ivr_path: ['営業'] });
  });

  it('goes round exactly twice with repeat, then says the unavailable message, asks for a message and takes a voicemail', async () => {
    await h.goOnline('sato', 'suzuki');
    const call = await h.twilio.incomingCall({
      from: '+819011112222',
      to: MAIN.number,
      script: { digits: ['1'], record: { seconds: 12, endedBy: '#' } },
    });
    expect(call.rang).toEqual([['sato'], ['suzuki'], ['sato'], ['suzuki']]);
    expect(call.said.slice(-2)).toEqual(['現在、担当者が出払っております。', '発信音の後に、お名前とご用件をお話しください。']);
    expect(call.recordings).toHaveLength(1);
    expect(call.events.at(-1)).toEqual({ type: 'hangup' });
    const [logged] = await h.calls();
    expect(logged).toMatchObject({ status: 'voicemail', rep_id: null });
    const rows = await h.store.db.selectFrom('call_recordings').select(['source', 'status', 'duration_seconds']).execute();
    expect(rows).toEqual([{ source: 'RecordVerb', status: 'completed', duration_seconds: 12 }]);
  });

  it('rings everyone online at once for a simultaneous item, with the card parameters', async () => {
    await h.goOnline('tanaka', 'sato');
    const call = await h.twilio.incomingCall({
      from: '+819011112222',
      to: MAIN.number,
      script: { digits: ['2', '1'], dial: { answeredBy: 'sato' } },
    });
    expect(call.rang).toEqual([['tanaka', 'sato']]);
    expect(call.dials[0]?.clients[0]?.parameters).toEqual({
      callerNumber: '+819011112222',
      callerAnonymous: 'false',
      calledNumber: MAIN.number,
      calledLabel: '代表',
      ivrPath: 'サポート > 製品について',
      parentCallSid: call.callSid,
    });
    expect(call.dials[0]?.record).toBe('record-from-answer-dual');
    const [logged] = await h.calls();
    expect(logged).toMatchObject({ status: 'completed', rep_id: 'sato' });
    expect(await order()).toEqual(['tanaka', 'sato']);
  });

  it('says the unavailable message at once when nobody is online', async () => {
    const call = await h.twilio.incomingCall({ from: '+819011112222', to: MAIN.number, script: { digits: ['1'] } });
    expect(call.rang).toEqual([]);
    expect(call.said.at(-1)).toBe('現在、担当者が出払っております。');
    expect(call.recordings).toEqual([]);
    expect((await h.calls())[0]).toMatchObject({ status: 'missed', reason: 'nobody-online' });
  });

  it('says the busy message when everyone online is on a call', async () => {
    await h.goOnline('tanaka');
    await h.store.db.updateTable('presence').set({ on_call_sid: 'CAother', on_call_since: h.clock.now() }).execute();
    const call = await h.twilio.incomingCall({ from: '+819011112222', to: MAIN.number, script: { digits: ['2', '2'] } });
    expect(call.rang).toEqual([]);
    expect(call.said.at(-1)).toBe('ただいま電話が大変混み合っております。');
    expect((await h.calls())[0]).toMatchObject({ status: 'busy' });
  });

  it('handles invalid and missing input, * and 0', async () => {
    const call = await h.twilio.incomingCall({
      from: '+819011112222',
      to: MAIN.number,
      script: { digits: ['7', null, '2', '*', '0', '1'] },
    });
    expect(story(call)).toMatchInlineSnapshot(`
      "POST /twilio/voice → 200
        say [Polly.Mizuki ja-JP] お電話ありがとうございます。
        say [Polly.Mizuki ja-JP] 営業の場合、1を押してください。
        say [Polly.Mizuki ja-JP] サポートの場合、2を押してください。
        gather numDigits=1 timeout=5 → pressed "7"
      POST /twilio/voice/menu?l=ja-JP&n=&t=0 Digits="7" FinishedOnKey="" → 200
        say [Polly.Mizuki ja-JP] 申し訳ございません。入力された番号は選択できません。もう一度お選びください。
        say [Polly.Mizuki ja-JP] 営業の場合、1を押してください。
        say [Polly.Mizuki ja-JP] サポートの場合、2を押してください。
        gather numDigits=1 timeout=5 → no input
      POST /twilio/voice/menu?l=ja-JP&n=&t=1 → 200
        say [Polly.Mizuki ja-JP] 入力が確認できませんでした。もう一度お選びください。
        say [Polly.Mizuki ja-JP] 営業の場合、1を押してください。
        say [Polly.Mizuki ja-JP] サポートの場合、2を押してください。
        gather numDigits=1 timeout=5 → pressed "2"
      POST /twilio/voice/menu?l=ja-JP&n=&t=2 Digits="2" FinishedOnKey="" → 200
        say [Polly.Mizuki ja-JP] 製品についての場合、1を押してください。
        say [Polly.Mizuki ja-JP] 請求についての場合、2を押してください。
        gather numDigits=1 timeout=5 → pressed "*"
      POST /twilio/voice/menu?l=ja-JP&n=2&t=0 Digits="*" FinishedOnKey="" → 200
        say [Polly.Mizuki ja-JP] 製品についての場合、1を押してください。
        say [Polly.Mizuki ja-JP] 請求についての場合、2を押してください。
        gather numDigits=1 timeout=5 → pressed "0"
      POST /twilio/voice/menu?l=ja-JP&n=2&t=0 Digits="0" FinishedOnKey="" → 200
        say [Polly.Mizuki ja-JP] 営業の場合、1を押してください。
        say [Polly.Mizuki ja-JP] サポートの場合、2を押してください。
        gather numDigits=1 timeout=5 → pressed "1"
      POST /twilio/voice/menu?l=ja-JP&n=&t=0 Digits="1" FinishedOnKey="" → 200
        say [Polly.Mizuki ja-JP] 現在、担当者が出払っております。
        hangup
      = completed"
    `);
  });

  it('gives up after the menu was replayed 3 times without a valid choice', async () => {
    const call = await h.twilio.incomingCall({ from: '+819011112222', to: MAIN.number, script: { digits: ['8', null, '#', null] } });
    // `#` is a key like 8: the menu's Gather does not end on it (finishOnKey ""), so it counts as a wrong choice.
    expect(call.gathers.map((gather) => gather.digits)).toEqual(['8', null, '#', null]);
    expect(call.said.slice(-1)).toEqual(['現在、担当者が出払っております。']);
    expect(call.events.at(-1)).toEqual({ type: 'hangup' });
    expect((await h.calls())[0]).toMatchObject({ status: 'missed', reason: 'invalid-input' });
  });

  it('tells an anonymous caller’s card that the number is withheld', async () => {
    await h.goOnline('sato');
    const call = await h.twilio.incomingCall({ from: 'anonymous', to: DIRECT.number, script: { dial: { answeredBy: 'sato' } } });
    expect(call.dials[0]?.clients[0]?.parameters).toMatchObject({ callerNumber: '', callerAnonymous: 'true', ivrPath: '' });
    expect((await h.calls())[0]).toMatchObject({ from_number: '+266696687', status: 'completed' });
  });

  it('says an unknown number is not in service and hangs up', async () => {
    const call = await h.twilio.incomingCall({ from: '+819011112222', to: '+81399998888' });
    expect(story(call)).toMatchInlineSnapshot(`
      "POST /twilio/voice → 200
        say [Polly.Mizuki ja-JP] おかけになった電話番号は、現在使われておりません。
        hangup
      = completed"
    `);
  });

  it('only apologises, in the number’s language, on the fallback URL', async () => {
    const call = await h.twilio.incomingCall({ from: '+819011112222', to: MAIN.number, voiceUrl: '/twilio/voice/fallback' });
    expect(call.said).toEqual(['現在、担当者が出払っております。']);
    expect(call.events.at(-1)).toEqual({ type: 'hangup' });
  });

  it('speaks English on an English number', async () => {
    const call = await h.twilio.incomingCall({ from: '+819011112222', to: ENGLISH.number });
    expect(call.heard).toEqual([
      { kind: 'say', text: 'Sorry, no one is available to take your call right now. Please call again later.', voice: 'Polly.Joanna', language: 'en-US', loop: 1 },
    ]);
  });
});

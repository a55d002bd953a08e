import twilio from 'twilio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallHandle } from '../../emulators/twilio-call/index.ts';
import type { Engine } from '../../../server/store/database.ts';
import { loadBoard } from '../../../server/board/board-loader.ts';
import { TWILIO_PATHS } from '../../../server/voice/flow-state.ts';
import { engines } from '../support/store.ts';
import { AUTH_TOKEN } from './voice-harness.ts';
import { CALLERS, createOffice, goOffline, goOnline, resetOffice, SALES_LINE, SUPPORT_LINE, type Office } from './waiting-line-support.ts';
import type { IncomingNumberInput } from './phone-numbers.ts';

describe.each(engines)('the waiting line on %s', (engine: Engine) => {
  let office: Office;
  beforeAll(async () => {
    office = await createOffice(engine);
  });
  afterAll(() => office.close());
  beforeEach(() => resetOffice(office));

  let invitesBefore = 0;
  /** The callers whose calls rang 佐藤 in this scenario, in order. */
  const rungBySato = () => office.twilio.device('sato').invites.slice(invitesBefore).map((invite) => invite.customParameters['callerNumber']);

  /** 佐藤 on the phone with a first caller, who stays on the line until the test says. */
  async function satoBusy(): Promise<CallHandle> {
    invitesBefore = office.twilio.device('sato').invites.length;
    await goOnline(office, 'sato');
    office.twilio.device('sato').answerAfter(2).hangUpAfter(null);
    const first = office.twilio.startIncomingCall({ from: '+819099990000', to: SALES_LINE.number });
    await office.run(5);
    expect(office.twilio.device('sato').connected).toHaveLength(1);
    return first;
  }

  /** Twilio retries a request that timed out (`#rc=1`, once by default): the caller's key press, signed again. */
  async function retryKeyPress(caller: CallHandle): Promise<string> {
    const press = caller.transcript().requests.find((exchange) => exchange.path.startsWith(TWILIO_PATHS.queueKey))!;
    const params = { ...press.params } as Record<string, string>;
    const response = await office.voice.request(press.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, press.url, params) },
      body: new URLSearchParams(params).toString(),
    });
    return response.text();
  }

  describe('a caller who reaches a busy team', () => {
    it('waits with music instead of the busy message, and hears their position and the expected wait', async () => {
      await satoBusy();
      const caller = office.twilio.startIncomingCall({ from: CALLERS[0], to: SALES_LINE.number });
      await office.run(19);
      expect(caller.transcript().said).toEqual([
        '只今、担当者が全員ほかのお電話に対応しております。順番におつなぎしますので、このままお待ちください。',
        '只今、1番目にお待ちいただいております。',
        'およそ3分でおつなぎできる見込みです。',
        '留守番電話にメッセージを残される場合は1を、折り返しのお電話をご希望の場合は2を押してください。',
      ]);
      expect(caller.hearing()).toMatchObject({ kind: 'play', url: expect.stringContaining('com.twilio.music.classical') });
      await office.run(15);
      // Every 20 s (the line's setting), the position again, without the welcome sentence.
      expect(caller.transcript().said.slice(4, 6)).toEqual(['只今、1番目にお待ちいただいております。', 'およそ3分でおつなぎできる見込みです。']);
      expect(caller.transcript().said).not.toContain('申し訳ございません。ただいま電話が大変混み合っております。しばらくしてから、おかけ直しください。');
    });

    it('three callers waiting for one rep are served in the order they called', async () => {
      const first = await satoBusy();
      const waiting = [];
      for (const from of CALLERS.slice(0, 3)) {
        waiting.push(office.twilio.startIncomingCall({ from, to: SALES_LINE.number }));
        await office.run(2);
      }
      await office.run(10);
      expect(waiting.map((call) => call.transcript().said[1])).toEqual([
        '只今、1番目にお待ちいただいております。',
        '只今、2番目にお待ちいただいております。',
        '只今、3番目にお待ちいただいております。',
      ]);
      expect((await office.waiting()).map((row) => row.split(' ')[1])).toEqual(['waiting', 'waiting', 'waiting']);
      // The reps see who is waiting for them: how many, and the longest wait.
      const line = async (email: string) => (await office.call('GET', '/api/waiting-line', { token: await office.signIn(email) })).json();
      expect(await line('sato@example.jp')).toEqual({ enabled: true, count: 3, longestWaitSeconds: 16, lines: [{ number: SALES_LINE.number, label: '営業直通', count: 3, longestWaitSeconds: 16 }] });
      expect(await line('suzuki@example.jp')).toEqual({ enabled: true, count: 0, longestWaitSeconds: 0, lines: [] });
      // The supervisors' board shows them waiting in line, in line order, apart from the callers ringing a rep.
      const board = await loadBoard(office.store.db, office.clock.now());
      expect(board.waiting.inLine?.map((call) => [call.customer.number, call.line.label])).toEqual(CALLERS.slice(0, 3).map((number) => [number, '営業直通']));
      expect(board.waiting.ringing).toEqual([]);

      // 佐藤 finishes each call after 30 s; the next caller in line rings at once (not after a whole turn of music).
      office.twilio.device('sato').answerAfter(2).hangUpAfter(30);
      await first.hangUp();
      await office.run(5);
      expect(waiting[0]!.hearing()).toEqual({ kind: 'room', hears: ['rep:sato'] });
      await office.run(120);
      expect(rungBySato()).toEqual(['+819099990000', ...CALLERS.slice(0, 3)]);
      expect(await office.waiting()).toEqual([]);
      expect((await loadBoard(office.store.db, office.clock.now())).waiting.inLine).toEqual([]);
      const left = await office.store.db.selectFrom('waiting_callers').select(['outcome']).orderBy('enqueued_at').execute();
      expect(left.map((row) => row.outcome)).toEqual(['answered', 'answered', 'answered']);
    });

    it('after the maximum wait, apologises for the wait and takes a voicemail', async () => {
      await goOnline(office, 'sato');
      office.twilio.device('sato').answerAfter(2).hangUpAfter(null);
      office.twilio.startIncomingCall({ from: '+819099990000', to: SUPPORT_LINE.number });
      await office.run(4);
      const caller = office.twilio.startIncomingCall({ from: CALLERS[0], to: SUPPORT_LINE.number, record: { seconds: 8 } });
      await office.run(58);
      expect(caller.ended).toBe(false);
      expect(caller.transcript().said.slice(0, 3)).toEqual([
        'All our staff are on other calls. Please stay on the line, and we will answer your call in turn.',
        'You are number 1 in line.',
        'Your expected wait is about 3 minutes.',
      ]);
      await office.run(20);
      const transcript = await caller.finish(30);
      expect(transcript.said.slice(-2)).toEqual(['We are sorry to have kept you waiting. Nobody can take your call right now.', 'Please leave your name and message after the tone.']);
      expect(transcript.said).not.toContain('Sorry, no one is available to take your call right now. Please call again later.');
      expect(transcript.recordings).toMatchObject([{ source: 'RecordVerb', duration: 8 }]);
      const [row] = await office.store.db.selectFrom('waiting_callers').select(['outcome', 'enqueued_at', 'left_at']).execute();
      expect(row?.outcome).toBe('timeout');
      const waited = (new Date(row!.left_at!).getTime() - new Date(row!.enqueued_at).getTime()) / 1000;
      expect(waited).toBeGreaterThanOrEqual(60);
      expect(waited).toBeLessThan(63);
      const [call] = await office.store.db.selectFrom('calls').select(['status']).where('call_sid', '=', caller.sid).execute();
      expect(call?.status).toBe('voicemail');
    });

    it('can press a key to request a callback instead of waiting, and nobody’s line stays busy', async () => {
      await satoBusy();
      const caller = office.twilio.startIncomingCall({ from: CALLERS[1], to: SALES_LINE.number });
      await office.run(12);
      await caller.press('2');
      await office.run(10);
      expect(caller.ended).toBe(true);
      expect(caller.transcript().said.at(-1)).toBe('折り返しのお電話のご依頼を承りました。担当者から改めてご連絡いたします。お電話ありがとうございました。');
      expect(await office.waiting()).toEqual([]);
      const followUps = await office.store.db.selectFrom('follow_ups').select(['caller_number', 'kind', 'owner_id', 'first_call_sid']).execute();
      expect(followUps).toEqual([{ caller_number: CALLERS[1], kind: 'callback', owner_id: null, first_call_sid: caller.sid }]);
      const tasks = await office.store.db.selectFrom('crm_outbox').select(['call_sid', 'kind']).where('kind', '=', 'create-task').execute();
      expect(tasks).toEqual([{ call_sid: caller.sid, kind: 'create-task' }]);

      // Twilio asks again (the first answer was late): the same goodbye, and still one request, one task.
      expect(await retryKeyPress(caller)).toMatchInlineSnapshot(`"<?xml version="1.0" encoding="UTF-8"?><Response><Say voice="Polly.Mizuki" language="ja-JP">折り返しのお電話のご依頼を承りました。担当者から改めてご連絡いたします。お電話ありがとうございました。</Say><Hangup/></Response>"`);
      expect(await office.store.db.selectFrom('follow_ups').select('kind').execute()).toEqual([{ kind: 'callback' }]);
      expect(await office.store.db.selectFrom('crm_outbox').select('kind').where('kind', '=', 'create-task').execute()).toHaveLength(1);
    });

    it('can press a key to leave a voicemail instead of waiting', async () => {
      await satoBusy();
      const caller = office.twilio.startIncomingCall({ from: CALLERS[2], to: SALES_LINE.number, record: { seconds: 6 } });
      await office.run(8);
      await caller.press('1');
      await office.run(1);
      const [left] = await office.store.db.selectFrom('waiting_callers').select(['outcome', 'left_at']).execute();
      // Twilio asks again (the first answer was late): the voicemail prompt again, never a hang-up.
      expect(await retryKeyPress(caller)).toMatchInlineSnapshot(`"<?xml version="1.0" encoding="UTF-8"?><Response><Say voice="Polly.Mizuki" language="ja-JP">発信音の後に、お名前とご用件をお話しください。</Say><Record action="https://yobidashi.example.jp/twilio/voice/voicemail?l=ja-JP&amp;n=" method="POST" maxLength="120" playBeep="true" recordingStatusCallback="https://yobidashi.example.jp/twilio/recording" recordingStatusCallbackMethod="POST" recordingStatusCallbackEvent="completed absent"/><Hangup/></Response>"`);
      expect(await office.store.db.selectFrom('waiting_callers').select(['outcome', 'left_at']).execute()).toEqual([left]);
      const transcript = await caller.finish(30);
      expect(transcript.said.at(-1)).toBe('発信音の後に、お名前とご用件をお話しください。');
      expect(transcript.recordings).toMatchObject([{ source: 'RecordVerb', duration: 6 }]);
      expect((await office.store.db.selectFrom('follow_ups').select('kind').execute()).map((row) => row.kind)).toEqual(['voicemail']);
    });

    it('goes to voicemail when the rep goes offline while callers wait', async () => {
      await satoBusy();
      const caller = office.twilio.startIncomingCall({ from: CALLERS[0], to: SALES_LINE.number });
      await office.run(6);
      await goOffline(office, 'sato');
      await office.run(4);
      expect(caller.transcript().said).toContain('申し訳ございません。現在、担当者が電話に出ることができません。');
      const [row] = await office.store.db.selectFrom('waiting_callers').select('outcome').execute();
      expect(row?.outcome).toBe('unavailable');
    });

    it('keeps the line in order across a restart (another instance takes over with callers waiting)', async () => {
      const first = await satoBusy();
      const waiting = [];
      for (const from of CALLERS.slice(0, 2)) {
        waiting.push(office.twilio.startIncomingCall({ from, to: SALES_LINE.number }));
        await office.run(2);
      }
      office.restart();
      office.twilio.device('sato').answerAfter(2).hangUpAfter(20);
      await first.hangUp();
      await office.run(70);
      expect(rungBySato()).toEqual(['+819099990000', CALLERS[0], CALLERS[1]]);
      expect(waiting.every((call) => call.transcript().conferences.length === 1)).toBe(true);
    });
  });

  describe('fairness across numbers', () => {
    it('the longest-waiting caller for a rep rings first, whichever number they called', async () => {
      const first = await satoBusy();
      const sales = office.twilio.startIncomingCall({ from: CALLERS[0], to: SALES_LINE.number });
      await office.run(3);
      const support = office.twilio.startIncomingCall({ from: CALLERS[1], to: SUPPORT_LINE.number });
      await office.run(3);
      office.twilio.device('sato').answerAfter(2).hangUpAfter(null);
      await first.hangUp();
      await office.run(6);
      expect(sales.hearing()).toEqual({ kind: 'room', hears: ['rep:sato'] });
      expect(support.hearing()).not.toMatchObject({ kind: 'room' });
      expect(rungBySato()).toEqual(['+819099990000', CALLERS[0]]);
    });

    it('callers who started waiting in the same second go by their ring action’s priority', async () => {
      const first = await satoBusy();
      const sales = office.twilio.startIncomingCall({ from: CALLERS[0], to: SALES_LINE.number });
      const support = office.twilio.startIncomingCall({ from: CALLERS[1], to: SUPPORT_LINE.number });
      await office.run(10);
      expect(support.transcript().said[1]).toBe('You are number 1 in line.');
      // The 営業 caller heard "1番目" as they joined a moment before; their next announcement is right.
      await office.run(15);
      expect(sales.transcript().said.filter((text) => text.endsWith('番目にお待ちいただいております。'))).toEqual([
        '只今、1番目にお待ちいただいております。',
        '只今、2番目にお待ちいただいております。',
      ]);
      office.twilio.device('sato').answerAfter(2).hangUpAfter(null);
      await first.hangUp();
      await office.run(6);
      expect(support.hearing()).toEqual({ kind: 'room', hears: ['rep:sato'] });
    });
  });

  describe('a line whose keys are # and *', () => {
    // Both are allowed keys (hours-schema.ts). `#` is also Twilio's default finishOnKey: unless the
    // wait's <Gather> switches it off, pressing it submits nothing and the caller just keeps waiting.
    const HASH_LINE = {
      ...SALES_LINE,
      number: '+815011113333',
      label: 'シャープ',
      route: { ...SALES_LINE.route, queue: { enabled: true, announceSeconds: 20, maxWaitSeconds: 600, priority: 0, voicemailKey: '*', callbackKey: '#' } },
    } satisfies IncomingNumberInput;
    beforeAll(() => office.addNumber(HASH_LINE));

    it('pressing # requests the callback, as the caller is told', async () => {
      await satoBusy();
      const caller = office.twilio.startIncomingCall({ from: CALLERS[1], to: HASH_LINE.number });
      await office.run(20);
      expect(caller.transcript().said).toContain('留守番電話にメッセージを残される場合は米印を、折り返しのお電話をご希望の場合はシャープを押してください。');
      await caller.press('#');
      await office.run(10);
      expect(caller.ended).toBe(true);
      expect(caller.transcript().said.at(-1)).toBe('折り返しのお電話のご依頼を承りました。担当者から改めてご連絡いたします。お電話ありがとうございました。');
      expect(await office.waiting()).toEqual([]);
      expect((await office.store.db.selectFrom('follow_ups').select(['caller_number', 'kind']).execute())).toEqual([{ caller_number: CALLERS[1], kind: 'callback' }]);
    });

    it('pressing * leaves a voicemail', async () => {
      await satoBusy();
      const caller = office.twilio.startIncomingCall({ from: CALLERS[2], to: HASH_LINE.number, record: { seconds: 6 } });
      await office.run(8);
      await caller.press('*');
      const transcript = await caller.finish(30);
      expect(transcript.said.at(-1)).toBe('発信音の後に、お名前とご用件をお話しください。');
      expect((await office.store.db.selectFrom('follow_ups').select('kind').execute()).map((row) => row.kind)).toEqual(['voicemail']);
    });
  });
});

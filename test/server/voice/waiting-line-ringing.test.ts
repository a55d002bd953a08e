import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../server/store/database.ts';
import { engines } from '../support/store.ts';
import type { IncomingNumberInput } from './phone-numbers.ts';
import { CALLERS, createOffice, goOnline, resetOffice, SALES_LINE, type Office } from './waiting-line-support.ts';

/** Who rings whom while callers wait: new callers, callers rung from the line, and the welcome they hear. */

const WELCOME = 'お電話ありがとうございます。株式会社サンプル営業部です。';
const GREETED_LINE: IncomingNumberInput = { ...SALES_LINE, number: '+815011112222', label: '営業ご案内', messages: { welcome: { type: 'text', text: WELCOME } } };

/** 佐藤 and 鈴木 one after the other, with a waiting line: 営業直通's, announcing every minute. */
const SEQUENTIAL_LINE = {
  ...SALES_LINE,
  number: '+815011114444',
  label: '順番',
  route: {
    ...SALES_LINE.route,
    users: ['sato', 'suzuki'],
    ringSeconds: 20,
    queue: { ...SALES_LINE.route.queue, announceSeconds: 60 },
  },
} satisfies IncomingNumberInput;

const NOBODY_THERE = '申し訳ございません。現在、担当者が電話に出ることができません。しばらくしてから、おかけ直しください。';

describe.each(engines)('ringing with a waiting line on %s', (engine: Engine) => {
  let office: Office;
  beforeAll(async () => {
    office = await createOffice(engine);
    await office.addNumber(GREETED_LINE);
    await office.addNumber(SEQUENTIAL_LINE);
  });
  afterAll(() => office.close());
  beforeEach(() => resetOffice(office));

  const lineRows = () => office.store.db.selectFrom('waiting_callers').select(['call_sid', 'state', 'ringing']).orderBy('enqueued_at').execute();

  /** 佐藤 and 鈴木 each on a call of the sequential line; the returned calls end when the test says. */
  async function bothBusy() {
    await goOnline(office, 'sato', 'suzuki');
    for (const id of ['sato', 'suzuki']) office.twilio.device(id).answerAfter(2).hangUpAfter(null);
    const calls = [];
    for (const from of ['+819099990001', '+819099990002']) {
      calls.push(office.twilio.startIncomingCall({ from, to: SEQUENTIAL_LINE.number }));
      await office.run(6);
    }
    expect(office.twilio.device('sato').connected.length + office.twilio.device('suzuki').connected.length).toBe(2);
    return calls;
  }

  it('a new caller joins the line while the only rep rings for a caller from it (never "nobody can take your call")', async () => {
    await goOnline(office, 'sato');
    office.twilio.device('sato').answerAfter(2).hangUpAfter(null);
    const first = office.twilio.startIncomingCall({ from: '+819099990000', to: SALES_LINE.number });
    await office.run(5);
    const waiting = office.twilio.startIncomingCall({ from: CALLERS[0], to: SALES_LINE.number });
    await office.run(5);
    // 佐藤 finishes; the line rings him for the waiting caller, and he takes his time.
    office.twilio.device('sato').ignore();
    await first.hangUp();
    await office.run(3);
    expect(await office.waiting()).toEqual([`${waiting.sid} ringing`]);

    const next = office.twilio.startIncomingCall({ from: CALLERS[1], to: SALES_LINE.number });
    await office.run(4);
    expect(next.ended).toBe(false);
    expect(next.transcript().said).not.toContain(NOBODY_THERE);
    expect(next.transcript().said[0]).toBe('只今、担当者が全員ほかのお電話に対応しております。順番におつなぎしますので、このままお待ちください。');
    expect(await office.waiting()).toEqual([`${waiting.sid} ringing`, `${next.sid} waiting`]);
    const [call] = await office.store.db.selectFrom('calls').select(['status', 'reason']).where('call_sid', '=', next.sid).execute();
    expect(call).toEqual({ status: 'in-progress', reason: null });
  });

  it('a caller who goes straight into the line hears the welcome once, before the first announcement', async () => {
    await goOnline(office, 'sato');
    office.twilio.device('sato').answerAfter(2).hangUpAfter(null);
    const first = office.twilio.startIncomingCall({ from: '+819099990000', to: GREETED_LINE.number });
    await office.run(15);
    expect(first.transcript().said[0]).toBe(WELCOME);
    expect(office.twilio.device('sato').connected).toHaveLength(1);
    const caller = office.twilio.startIncomingCall({ from: CALLERS[0], to: GREETED_LINE.number });
    await office.run(25);
    expect(caller.transcript().said.slice(0, 3)).toEqual([
      WELCOME,
      '只今、担当者が全員ほかのお電話に対応しております。順番におつなぎしますので、このままお待ちください。',
      '只今、1番目にお待ちいただいております。',
    ]);
    // Rung from the line after the next announcement: no second welcome on the way.
    await first.hangUp();
    await office.run(5);
    expect(caller.hearing()).toEqual({ kind: 'room', hears: ['rep:sato'] });
    expect(caller.transcript().said.filter((text) => text === WELCOME)).toHaveLength(1);
  });

  describe('sequential ringing from the line', () => {
    it('holds only the rep it rings: with two reps free and two callers waiting, each caller rings one', async () => {
      const busy = await bothBusy();
      const callers = [];
      for (const from of CALLERS.slice(0, 2)) {
        callers.push(office.twilio.startIncomingCall({ from, to: SEQUENTIAL_LINE.number }));
        await office.run(2);
      }
      expect(await office.waiting()).toEqual(callers.map((call) => `${call.sid} waiting`));
      // Both reps finish together, and are slow to pick up the next call.
      for (const id of ['sato', 'suzuki']) office.twilio.device(id).ignore();
      for (const call of busy) await call.hangUp();
      await office.run(6);
      const rows = await lineRows();
      expect(rows.map((row) => [row.call_sid, row.state])).toEqual(callers.map((call) => [call.sid, 'ringing']));
      expect(rows.flatMap((row) => row.ringing).sort()).toEqual(['sato', 'suzuki']);
    });

    it('rings the reps one at a time, the next one when the last did not answer', async () => {
      const busy = await bothBusy();
      const caller = office.twilio.startIncomingCall({ from: CALLERS[0], to: SEQUENTIAL_LINE.number });
      await office.run(4);
      for (const id of ['sato', 'suzuki']) office.twilio.device(id).ignore();
      for (const call of busy) await call.hangUp();
      await office.run(4);
      const [row] = await lineRows();
      expect(row?.ringing).toHaveLength(1);
      const firstRung = row!.ringing[0]!;
      const other = firstRung === 'sato' ? 'suzuki' : 'sato';
      office.twilio.device(other).answerAfter(2).hangUpAfter(null);
      await office.run(25);
      expect(caller.transcript().rang.slice(-2)).toEqual([[firstRung], [other]]);
      expect(caller.hearing()).toEqual({ kind: 'room', hears: [`rep:${other}`] });
      expect((await lineRows()).map((entry) => [entry.state, entry.ringing])).toEqual([['left', []]]);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallLog } from '../../../server/crm/adapter.ts';
import { callMarker, toZohoCall, toZohoCallUpdate } from '../../../server/crm/zoho/call-record.ts';
import { startOutboundCall } from '../../../server/store/calls.ts';
import { inboundCall } from '../crm/zoho-harness.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { wordedAs } from '../support/worded.ts';

/**
 * `POST /api/calls/:sid/notes` kept any number of notes in a call's history, and the history is written
 * into the Zoho call record's Description (a textarea of 32,000 characters, zoho-crm.md §2): a script
 * could grow both without end, and a long enough history made Zoho refuse the update (INVALID_DATA,
 * too long), so the call's record kept its old words. Each person now keeps at most
 * MAX_NOTES_PER_PERSON notes on a call, and a Description past Zoho's limit gives up its oldest
 * history lines first, saying how many, keeping the newest, the note and the CallSid marker.
 */

const MAX_NOTES = 5;
const ZOHO_DESCRIPTION_MAX = 32_000;

let t: TestApp;
let sato: string;
let suzuki: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.addUser({ id: 'sato', name: '佐藤 花子' });
  await t.addUser({ id: 'suzuki', name: '鈴木 一郎' });
  sato = await t.signIn('sato@example.jp');
  suzuki = await t.signIn('suzuki@example.jp');
});
afterAll(() => t.close());

let calls = 0;
async function satosCall(): Promise<string> {
  const sid = `CA${String(++calls).padStart(32, '0')}`;
  await startOutboundCall(t.store.db, { callSid: sid, repId: 'sato', to: '+81312345678', callerId: null, crmRecord: null, now: t.clock.now() });
  return sid;
}
const keep = (sid: string, note: string, token = sato) => t.call('POST', `/api/calls/${sid}/notes`, { token, body: { note } });
const notesOf = async (sid: string) =>
  (await t.store.db.selectFrom('call_events').select(['actor', 'details']).where('call_sid', '=', sid).where('kind', '=', 'note').orderBy('id').execute()).map(
    (row) => [row.actor, (row.details as { note: string }).note],
  );

describe('notes a person keeps in a call’s history', () => {
  it(`are at most ${MAX_NOTES} per person per call: the next is refused with a reason in both languages, and not kept`, async () => {
    const sid = await satosCall();
    for (let n = 1; n <= MAX_NOTES; n++) expect((await keep(sid, `メモ ${n}`)).status).toBe(200);
    const refused = await keep(sid, 'もう一つ');
    expect(refused.status).toBe(409);
    const body = await refused.json();
    expect(body).toMatchObject({ error: { code: 'call_notes_full', params: { max: MAX_NOTES } } });
    expect(wordedAs('ja', body)).toBe(`この通話に残せるメモは1人${MAX_NOTES}件までです。すでに上限に達しています。`);
    expect(wordedAs('en', body)).toBe(`You have already kept ${MAX_NOTES} notes on this call, the most one person can.`);
    expect((await notesOf(sid)).map(([, note]) => note)).toEqual(Array.from({ length: MAX_NOTES }, (_, i) => `メモ ${i + 1}`));
  });

  it('are counted per call: the same person keeps notes on their next call', async () => {
    const first = await satosCall();
    for (let n = 1; n <= MAX_NOTES; n++) await keep(first, `メモ ${n}`);
    const next = await satosCall();
    expect((await keep(next, '次の通話のメモ')).status).toBe(200);
  });

  it('sent many at once, still stop at the bound', async () => {
    const sid = await satosCall();
    const answers = await Promise.all(Array.from({ length: MAX_NOTES + 3 }, (_, i) => keep(sid, `同時 ${i}`)));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(MAX_NOTES);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(3);
    expect(await notesOf(sid)).toHaveLength(MAX_NOTES);
  });

  it('only someone who talked on the call may keep them, as before', async () => {
    const sid = await satosCall();
    expect((await keep(sid, '他人のメモ', suzuki)).status).toBe(404);
  });
});

/** A call whose history holds `count` notes of `length` characters each, one a minute. */
function callWithLongHistory(count: number, length: number, overrides: Partial<CallLog> = {}): CallLog {
  const start = Date.parse('2026-11-24T01:15:00Z');
  const history = Array.from({ length: count }, (_, i) => ({
    at: new Date(start + i * 60_000),
    kind: 'note',
    actor: i % 2 ? 'sato' : 'suzuki',
    subject: null,
    details: { note: `${String(i + 1).padStart(3, '0')} ${'あ'.repeat(length)}` },
  }));
  return inboundCall({ history, note: '見積もりを送付', disposition: '折り返し', ivrPath: ['営業'], ...overrides });
}

describe('the Zoho call record’s Description of a long history', () => {
  it('fits Zoho’s 32,000 characters, keeping the newest lines, the note and the CallSid marker', () => {
    const call = callWithLongHistory(40, 4_990);
    const { Description } = toZohoCall(call, { locale: 'ja', timeZone: 'Asia/Tokyo' });
    expect(Description.length).toBeLessThanOrEqual(ZOHO_DESCRIPTION_MAX);
    const lines = Description.split('\n');
    expect(lines.slice(0, 3)).toEqual(['IVR: 営業', '通話の経過:', expect.stringMatching(/^…（古い経過\d+行を省略）$/)]);
    const omitted = Number(/(\d+)/.exec(lines[2]!)![1]);
    const kept = lines.slice(3, -3);
    expect(omitted + kept.length).toBe(40);
    // The newest are the ones kept, in order, ending with the last.
    expect(kept.map((line) => /のメモ: (\d{3}) /.exec(line)?.[1])).toEqual(Array.from({ length: kept.length }, (_, i) => String(omitted + i + 1).padStart(3, '0')));
    expect(lines.slice(-3)).toEqual(['メモ: 見積もりを送付', '対応結果: 折り返し', callMarker(call.callSid)]);
    // Nothing more is left out than needed: one more line would not fit.
    expect(Description.length + lines[3]!.length + 1).toBeGreaterThan(ZOHO_DESCRIPTION_MAX);
  });

  it('says so in English for an English org, and the update Zoho gets is the same', () => {
    const call = callWithLongHistory(12, 4_990);
    const options = { locale: 'en', timeZone: 'Asia/Tokyo' } as const;
    const { Description } = toZohoCall(call, options);
    expect(Description.length).toBeLessThanOrEqual(ZOHO_DESCRIPTION_MAX);
    expect(Description.split('\n')[2]).toMatch(/^… \(\d+ earlier lines of the history left out\)$/);
    expect(toZohoCallUpdate(call, options).Description).toBe(Description);
  });

  it('fits even with the longest note on top of the history, the marker last', () => {
    const call = callWithLongHistory(10, 4_990, { note: 'い'.repeat(40_000), ivrPath: Array.from({ length: 10 }, () => 'メニュー'.repeat(20)) });
    const { Description } = toZohoCall(call, { locale: 'ja', timeZone: 'Asia/Tokyo' });
    expect(Description.length).toBeLessThanOrEqual(ZOHO_DESCRIPTION_MAX);
    expect(Description.endsWith(`\n${callMarker(call.callSid)}`)).toBe(true);
    expect(Description).toContain('対応結果: 折り返し');
  });

  it('leaves a history that fits as it was', () => {
    const call = callWithLongHistory(3, 100);
    const lines = toZohoCall(call, { locale: 'ja', timeZone: 'Asia/Tokyo' }).Description.split('\n');
    expect(lines).toHaveLength(1 + 1 + 3 + 3);
    expect(lines.join('\n')).not.toContain('省略');
  });
});

import { describe, expect, it } from 'vitest';
import { callMarker, toZohoCall, toZohoCallUpdate, unlinkedLine } from '../../../server/crm/zoho/call-record.ts';
import { formatCallDuration, formatZohoDateTime } from '../../../server/crm/zoho/zoned-time.ts';
import { inboundCall } from './zoho-harness.ts';

const ja = { locale: 'ja', timeZone: 'Asia/Tokyo' } as const;
const en = { locale: 'en', timeZone: 'Asia/Tokyo' } as const;

describe('the Calls record a call becomes', () => {
  it.each([
    ['answered inbound', { direction: 'inbound', outcome: 'answered' }, ja, '着信: 山田 太郎', 'Inbound'],
    ['answered inbound, English', { direction: 'inbound', outcome: 'answered' }, en, 'Inbound call: 山田 太郎', 'Inbound'],
    ['outbound', { direction: 'outbound', outcome: 'answered', to: '+81312345678' }, ja, '発信: 山田 太郎', 'Outbound'],
    ['unanswered outbound', { direction: 'outbound', outcome: 'unanswered', durationSeconds: 0 }, en, 'Outbound call: 山田 太郎', 'Outbound'],
    ['missed inbound', { outcome: 'missed', durationSeconds: 0 }, ja, '不在着信: 山田 太郎', 'Missed'],
    ['missed inbound, English', { outcome: 'missed', durationSeconds: 0 }, en, 'Missed call: 山田 太郎', 'Missed'],
    ['voicemail', { outcome: 'voicemail', durationSeconds: 40 }, ja, '留守番電話: 山田 太郎', 'Missed'],
    ['unknown caller', { counterpartName: null, related: null }, ja, '着信: 03-1234-5678', 'Inbound'],
    ['unknown foreign caller', { counterpartName: null, related: null, from: '+14155550100' }, en, 'Inbound call: +1 415 555 0100', 'Inbound'],
  ] as const)('%s → Subject and Call_Type', (_label, overrides, options, subject, callType) => {
    const record = toZohoCall(inboundCall(overrides), options);
    expect(record.Subject).toBe(subject);
    expect(record.Call_Type).toBe(callType);
  });

  it('logs an answered inbound call from a contact with every field Zoho expects', () => {
    const record = toZohoCall(inboundCall({ note: '見積もりを送付', disposition: '折り返し', callResult: 'Interested', ivrPath: ['営業', '新規'] }), ja);
    expect(record).toEqual({
      Subject: '着信: 山田 太郎',
      Call_Type: 'Inbound',
      Call_Start_Time: '2026-11-24T10:15:00+09:00',
      Call_Duration: '02:05',
      Description: 'IVR: 営業 > 新規\nメモ: 見積もりを送付\n対応結果: 折り返し\n[yobidashi:CA00000000000000000000000000000001]',
      Owner: { id: '5725767000000411001' },
      Who_Id: { id: '5725767000001000001' },
      Caller_ID: '+81312345678',
      Call_Result: 'Interested',
    });
  });

  it.each([
    ['Leads', '5725767000002000001'],
    ['Accounts', '5725767000003000001'],
    ['Deals', '5725767000004000001'],
  ] as const)('puts a call about %s in What_Id with $se_module, never in Who_Id', (module, id) => {
    const record = toZohoCall(inboundCall({ related: { module, id } }), ja);
    expect(record.What_Id).toEqual({ id });
    expect(record.$se_module).toBe(module);
    expect(record.Who_Id).toBeUndefined();
  });

  it('sends no duration for a missed call and the dialled number for an outbound one', () => {
    expect(toZohoCall(inboundCall({ outcome: 'missed', durationSeconds: 0 }), ja).Call_Duration).toBeUndefined();
    const outbound = toZohoCall(inboundCall({ direction: 'outbound', from: '+815012345678', to: '+81312345678' }), en);
    expect(outbound.Dialled_Number).toBe('+81312345678');
    expect(outbound.Caller_ID).toBeUndefined();
  });

  it('leaves Owner out when the rep has no Zoho user, so the connection user owns it', () => {
    expect(toZohoCall(inboundCall({ ownerCrmUserId: null }), ja).Owner).toBeUndefined();
  });

  it('updates only what a rep can still change, keeping the CallSid marker', () => {
    const update = toZohoCallUpdate(inboundCall({ note: 'Sent the quote', disposition: 'Call back', callResult: 'Requested call back' }), en);
    expect(update).toEqual({
      Description: `IVR path: 営業\nNote: Sent the quote\nDisposition: Call back\n${callMarker('CA00000000000000000000000000000001')}`,
      Call_Result: 'Requested call back',
    });
  });
});

describe('a call whose matched record Zoho no longer has', () => {
  it.each([
    [ja, '紐付けなし: 照合した取引先（ID 4876876000000999001）が Zoho にないため、レコードに紐付けずに記録しました。'],
    [en, 'Not linked: the matched account (ID 4876876000000999001) is no longer in Zoho, so the call was logged without it.'],
  ])('is logged without a link and says why, in the org’s language (%o)', (options, line) => {
    const call = inboundCall({ ivrPath: [], related: null, unlinkedRecord: { module: 'Accounts', id: '4876876000000999001' } });
    const record = toZohoCall(call, options);
    expect(record).not.toHaveProperty('What_Id');
    expect(record).not.toHaveProperty('Who_Id');
    expect(record.Description).toBe(`${line}\n${callMarker(call.callSid)}`);
    expect(toZohoCallUpdate(call, options).Description).toBe(record.Description);
  });
});

describe('a follow-up task whose caller was matched in the Zoho org connected before', () => {
  it.each([
    ['ja', '紐付けなし: 照合した連絡先（ID 5725767000001000001）は以前に接続していた Zoho の組織のレコードのため、レコードに紐付けずに作成しました。'],
    ['en', 'Not linked: the matched contact (ID 5725767000001000001) is a record of the Zoho org connected before, so the task was created without it.'],
  ] as const)('says why it has no link (%s)', (locale, line) => {
    expect(unlinkedLine({ module: 'Contacts', id: '5725767000001000001', reason: 'other-org' }, locale, 'task')).toBe(line);
  });
});

describe('Zoho date and duration formats', () => {
  it.each([
    ['2026-11-24T01:15:00Z', 'Asia/Tokyo', '2026-11-24T10:15:00+09:00'],
    ['2026-11-24T01:15:00.987Z', 'UTC', '2026-11-24T01:15:00+00:00'],
    ['2026-07-01T12:00:00Z', 'America/New_York', '2026-07-01T08:00:00-04:00'],
    ['2026-11-24T20:00:00Z', 'Asia/Kolkata', '2026-11-25T01:30:00+05:30'],
  ])('%s in %s → %s', (instant, timeZone, expected) => {
    expect(formatZohoDateTime(new Date(instant), timeZone)).toBe(expected);
  });

  it.each([
    [0, '00:00'],
    [5, '00:05'],
    [125, '02:05'],
    [3599, '59:59'],
    [4500, '75:00'],
  ])('%i s → %s', (seconds, expected) => {
    expect(formatCallDuration(seconds)).toBe(expected);
  });
});

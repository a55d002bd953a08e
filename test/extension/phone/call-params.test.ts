import { describe, expect, it } from 'vitest';
import { incomingCallInfo, isWithheldNumber, outgoingParams } from '@/phone/call-params';

describe('call parameters', () => {
  it('sends the number and the CRM record with an outgoing call', () => {
    const record = { crm: 'zoho', module: 'Leads', id: '4876876000000123001', name: '山田 太郎', url: 'https://crm.zoho.jp/crm/org1/tab/Leads/4876876000000123001' };
    expect(outgoingParams('+81312345678', record)).toMatchInlineSnapshot(`
      {
        "To": "+81312345678",
        "crm": "zoho",
        "crmModule": "Leads",
        "crmRecordId": "4876876000000123001",
        "crmRecordName": "山田 太郎",
        "crmRecordUrl": "https://crm.zoho.jp/crm/org1/tab/Leads/4876876000000123001",
      }
    `);
    expect(outgoingParams('+81312345678', null)).toEqual({ To: '+81312345678' });
  });

  it('reads the incoming-call card from the server’s <Parameter>s', () => {
    const info = incomingCallInfo('c1', {
      parameters: { CallSid: 'CAchild', From: '+81312345678', To: 'client:rep_1' },
      customParameters: new Map([
        ['caller', '+81312345678'],
        ['calledNumber', '+81501234567'],
        ['calledLabel', '代表番号'],
        ['ivrPath', '["営業","新規"]'],
        ['parentCallSid', 'CAparent'],
        ['crmModule', 'Contacts'],
        ['crmRecordId', '42'],
        ['crmRecordName', '株式会社テスト'],
        ['crmRecordUrl', 'https://crm.zoho.jp/crm/org1/tab/Contacts/42'],
      ]),
    });
    expect(info).toMatchObject({
      number: '+81312345678',
      calledLabel: '代表番号',
      ivrPath: ['営業', '新規'],
      callSid: 'CAparent',
      record: { crm: 'zoho', module: 'Contacts', id: '42', name: '株式会社テスト' },
    });
  });

  it.each([
    ['+266696687', true],
    ['anonymous', true],
    ['Restricted', true],
    ['+86282452253', true],
    ['', true],
    ['+81312345678', false],
  ])('%s withheld: %s', (value, withheld) => {
    expect(isWithheldNumber(value)).toBe(withheld);
  });

  it('shows a withheld caller as anonymous (非通知) and accepts a plain IVR path', () => {
    const info = incomingCallInfo('c2', {
      parameters: { CallSid: 'CAchild', From: 'anonymous' },
      customParameters: new Map([['ivrPath', '営業 › 新規']]),
    });
    expect(info).toMatchObject({ number: null, ivrPath: ['営業', '新規'], callSid: 'CAchild', record: null });
  });
});

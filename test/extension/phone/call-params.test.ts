import { describe, expect, it } from 'vitest';
import { callCrmRecord, crmMatchCard, type CallerMatchResult } from '../../../server/crm/caller-match';
import { cardParameters } from '../../../server/voice/client-card';
import { publicStateSchema, signedOutState } from '@/messaging/public-state';
import { incomingCallInfo, isWithheldNumber, outgoingParams, recordFromMatch } from '@/phone/call-params';
import { liveCallSchema } from '@/phone/phone-host';

const leadUrl = 'https://crm.zoho.jp/crm/org1/tab/Leads/4876876000000123001';

describe('outgoing call parameters (the names server/routes/twilio/outgoing.ts reads)', () => {
  it('sends the number, the CRM record and the rep’s language', () => {
    const record = { crm: 'zoho', module: 'Leads', id: '4876876000000123001', name: '山田 太郎', url: leadUrl };
    expect(outgoingParams('+81312345678', record, 'ja-JP')).toMatchInlineSnapshot(`
      {
        "To": "+81312345678",
        "crm": "zoho",
        "crmId": "4876876000000123001",
        "crmModule": "Leads",
        "crmName": "山田 太郎",
        "crmUrl": "https://crm.zoho.jp/crm/org1/tab/Leads/4876876000000123001",
        "language": "ja-JP",
      }
    `);
  });

  it('sends only the number and the language for a typed number', () => {
    expect(outgoingParams('+14155550100', null, 'en-US')).toEqual({ To: '+14155550100', language: 'en-US' });
  });
});

// The <Parameter>s of server/voice/client-card.ts cardParameters(), as the SDK hands them over.
const card = (entries: Record<string, string>, parameters: Record<string, string> = { CallSid: 'CAchild', From: '+81312345678' }) =>
  ({ parameters, customParameters: new Map(Object.entries(entries)) });

describe('the incoming-call card from the server’s <Parameter>s', () => {
  it('reads caller, number called, IVR path, parent CallSid and the CRM match', () => {
    const info = incomingCallInfo(
      'c1',
      card({
        callerNumber: '+81312345678',
        callerAnonymous: 'false',
        calledNumber: '+81501234567',
        calledLabel: '代表番号',
        ivrPath: '営業 > 新規',
        parentCallSid: 'CAparent',
        crmMatch: JSON.stringify({
          status: 'matched',
          module: 'Contacts',
          id: '42',
          name: '株式会社テスト',
          url: 'https://crm.zoho.jp/crm/org1/tab/Contacts/42',
          others: [],
        }),
      }),
    );
    expect(info).toEqual({
      callId: 'c1',
      direction: 'incoming',
      number: '+81312345678',
      calledNumber: '+81501234567',
      calledLabel: '代表番号',
      ivrPath: ['営業', '新規'],
      callSid: 'CAparent',
      record: { crm: 'zoho', module: 'Contacts', id: '42', name: '株式会社テスト', url: 'https://crm.zoho.jp/crm/org1/tab/Contacts/42' },
      others: [],
      crmLookup: 'matched',
      invite: null,
    });
  });

  it('reads who transferred the call and their note, on a leg rung into a running call', () => {
    const info = incomingCallInfo(
      'c2',
      card({
        callerNumber: '+819011112222',
        parentCallSid: 'CAcustomer',
        invitePurpose: 'transfer',
        invitedBy: 'sato',
        invitedByName: '佐藤 花子',
        transferNote: '見積もりの件です',
      }),
    );
    expect(info.invite).toEqual({ purpose: 'transfer', byId: 'sato', byName: '佐藤 花子', note: '見積もりの件です' });
    expect(info.callSid).toBe('CAcustomer');
  });

  it.each([
    ['no purpose (an ordinary incoming call)', {}],
    ['a purpose this version does not know', { invitePurpose: 'teleport', invitedBy: 'sato' }],
  ])('has no invitation for %s', (_name, entries) => {
    expect(incomingCallInfo('c3', card({ callerNumber: '+819011112222', ...entries })).invite).toBeNull();
  });

  it.each([
    ['an empty callerNumber with callerAnonymous=true', { callerNumber: '', callerAnonymous: 'true' }],
    ['callerAnonymous=true whatever the number says', { callerNumber: '+81312345678', callerAnonymous: 'true' }],
    ['an empty callerNumber alone', { callerNumber: '' }],
  ])('shows 非通知 for %s', (_name, entries) => {
    expect(incomingCallInfo('c', card(entries, { CallSid: 'CAchild', From: '+266696687' })).number).toBeNull();
  });

  it('falls back to the SDK’s From and the child CallSid when the server sent no card', () => {
    expect(incomingCallInfo('c', card({}, { CallSid: 'CAchild', From: '+14155550100' }))).toMatchObject({
      number: '+14155550100',
      callSid: 'CAchild',
      ivrPath: [],
      calledNumber: null,
      record: null,
    });
    expect(incomingCallInfo('c', card({}, { CallSid: 'CAchild', From: 'anonymous' })).number).toBeNull();
  });

  it('keeps labels that contain ">" without spaces and accepts the › separator', () => {
    expect(incomingCallInfo('c', card({ ivrPath: 'A>B > サポート › 英語' })).ivrPath).toEqual(['A>B', 'サポート', '英語']);
    expect(incomingCallInfo('c', card({ ivrPath: '' })).ivrPath).toEqual([]);
  });
});

describe('the crmMatch parameter', () => {
  it.each([
    ['no match', JSON.stringify({ status: 'no-match' })],
    ['a lookup still pending', JSON.stringify({ status: 'pending' })],
    ['a CRM that did not answer', JSON.stringify({ status: 'unavailable' })],
    ['a javascript: URL', JSON.stringify({ module: 'Leads', id: '1', name: 'x', url: 'javascript:alert(1)' })],
    ['not JSON', '{module'],
    ['absent', null],
  ])('gives no record for %s', (_name, raw) => {
    expect(recordFromMatch(raw)).toBeNull();
  });

  it('accepts a match without a name', () => {
    expect(recordFromMatch(JSON.stringify({ module: 'Leads', id: '7', url: leadUrl }))).toEqual({
      crm: 'zoho', module: 'Leads', id: '7', name: '', url: leadUrl,
    });
  });
});

describe('other records with the caller’s number', () => {
  const zoho = (module: 'Leads' | 'Contacts' | 'Accounts', id: string, name: string) =>
    ({ module, id, name, url: `https://crm.zoho.jp/crm/org1/tab/${module}/${id}` }) as const;
  const alternatives = [zoho('Contacts', '2', '渡辺 直子'), zoho('Accounts', '3', '伊藤商事株式会社')];
  const several: CallerMatchResult = { status: 'matched', record: zoho('Leads', '1', '伊藤 健'), others: alternatives };
  const expected = [
    { crm: 'zoho', ...zoho('Contacts', '2', '渡辺 直子') },
    { crm: 'zoho', ...zoho('Accounts', '3', '伊藤商事株式会社') },
  ];
  // What the SDK hands over for a card the server built with cardParameters().
  const ringingWith = (crmMatch: Record<string, unknown> | null) =>
    incomingCallInfo('c', { parameters: {}, customParameters: new Map(cardParameters({ parentCallSid: 'CA1', from: '+81452223333', calledNumber: '+815012345678', calledLabel: '代表', ivrPath: [], crmMatch }).map((p) => [p.name, p.value])) });

  it('reads them from a ringing call’s card, after the record shown', () => {
    const info = ringingWith(crmMatchCard(several));
    expect(info.record?.name).toBe('伊藤 健');
    expect(info.others).toEqual(expected);
  });

  it('reads them from a transferred call’s card, where the match kept on the call holds them as JSON (a late match too)', () => {
    // server/services/call-control/room-operations.ts: `crmMatch: { status: 'matched', ...room.crmRecord }`,
    // and room.crmRecord is what recordCallerMatch() stored, on time or once a slow lookup finished.
    const info = ringingWith({ status: 'matched', ...callCrmRecord(several) });
    expect(info.record?.name).toBe('伊藤 健');
    expect(info.others).toEqual(expected);
  });

  it('keep through the offscreen document’s report and the state the background shares', () => {
    const call = ringingWith(crmMatchCard(several));
    expect(liveCallSchema.parse({ call, phase: 'incoming', since: 1, muted: false }).call.others).toEqual(expected);
    const state = publicStateSchema.parse({ ...signedOutState, calls: { current: { kind: 'incoming', call, since: 1 }, waiting: null } });
    expect(state.calls.current.kind === 'incoming' && state.calls.current.call.others).toEqual(expected);
  });

  it('say how the lookup ended: matched, a new caller, or a CRM that did not answer in time (pending and unavailable alike); nothing without a CRM', () => {
    const lookup = (result: CallerMatchResult) => ringingWith(crmMatchCard(result)).crmLookup;
    expect([lookup(several), lookup({ status: 'none' }), lookup({ status: 'pending' }), lookup({ status: 'unavailable' }), lookup({ status: 'not-connected' })]).toEqual([
      'matched',
      'none',
      'unanswered',
      'unanswered',
      undefined,
    ]);
    const kept = ringingWith(crmMatchCard({ status: 'pending' }));
    expect(liveCallSchema.parse({ call: kept, phase: 'incoming', since: 1, muted: false }).call.crmLookup).toBe('unanswered');
  });

  it('has none for a single match, no match, a pending lookup, or a call rung without a card', () => {
    expect(ringingWith(crmMatchCard({ ...several, others: [] })).others).toEqual([]);
    expect(ringingWith(crmMatchCard({ status: 'none' })).others).toEqual([]);
    expect(ringingWith(crmMatchCard({ status: 'pending' })).others).toEqual([]);
    expect(ringingWith(null).others).toEqual([]);
  });

  it('reads the first five only (all the server sends), skipping ones that do not validate, repeat, or repeat the record shown', () => {
    const raw = {
      status: 'matched',
      ...zoho('Leads', '1', '伊藤 健'),
      others: [
        zoho('Contacts', '2', '渡辺 直子'),
        { ...zoho('Contacts', '3', 'x'), url: 'javascript:alert(1)' },
        zoho('Leads', '1', '伊藤 健'),
        zoho('Contacts', '2', '渡辺 直子'),
        { module: 'Contacts', id: '4' },
        zoho('Accounts', '5', '五'),
        zoho('Accounts', '6', '六'),
      ],
    };
    expect(ringingWith(raw).others?.map((other) => other.id)).toEqual(['2']);
    const many = { status: 'matched', ...zoho('Leads', '1', '伊藤 健'), others: Array.from({ length: 9 }, (_, i) => zoho('Contacts', String(i + 10), `連絡先 ${i}`)) };
    expect(ringingWith(many).others?.map((other) => other.id)).toEqual(['10', '11', '12', '13', '14']);
  });

  it('has none when the record shown does not validate, or `others` is neither a list nor its JSON', () => {
    expect(ringingWith({ ...crmMatchCard(several), url: 'javascript:alert(1)' }).others).toEqual([]);
    expect(ringingWith({ ...crmMatchCard(several), others: '[{"module"' }).others).toEqual([]);
    expect(ringingWith({ ...crmMatchCard(several), others: { 0: zoho('Contacts', '2', '渡辺 直子') } }).others).toEqual([]);
    expect(ringingWith({ ...crmMatchCard(several), others: JSON.stringify(alternatives).padEnd(40_000) }).others).toEqual([]);
  });

  it('a name-less other record keeps an empty name, like the record shown', () => {
    const { name: _name, ...nameless } = zoho('Contacts', '2', '');
    expect(ringingWith({ status: 'matched', ...zoho('Leads', '1', '伊藤 健'), others: [nameless] }).others).toEqual([{ crm: 'zoho', ...zoho('Contacts', '2', '') }]);
  });
});

describe('withheld caller IDs', () => {
  it.each([
    ['+266696687', true],
    ['anonymous', true],
    ['Restricted', true],
    ['+86282452253', true],
    ['private', true],
    ['', true],
    ['+81312345678', false],
  ])('%s withheld: %s', (value, withheld) => {
    expect(isWithheldNumber(value)).toBe(withheld);
  });
});

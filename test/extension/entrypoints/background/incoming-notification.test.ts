import { describe, expect, it } from 'vitest';
import { incomingNotificationText, notificationsOfCallsGone } from '@/entrypoints/background/incoming-notification';
import { repDisplay } from '@/models/rep-display';
import type { CallInfo } from '@/phone/call-info';
import type { PhoneCalls } from '@/phone/call-state';

const CALL: CallInfo = {
  callId: 'in-1',
  direction: 'incoming',
  number: '+81312345678',
  calledNumber: '+815011110000',
  calledLabel: '営業直通',
  ivrPath: ['営業', '新規'],
  callSid: `CA${'1'.repeat(32)}`,
  record: { crm: 'zoho', module: 'Contacts', id: '1', name: '山田 太郎', url: 'https://crm.zoho.jp/crm/tab/Contacts/1' },
};

describe('the incoming-call notification', () => {
  it('speaks the rep’s language and shows the numbers as they read them', () => {
    expect(incomingNotificationText(CALL, { language: 'ja', country: 'JP' })).toMatchInlineSnapshot(`
      {
        "buttons": [
          {
            "title": "応答",
          },
          {
            "title": "拒否",
          },
        ],
        "message": "→ 営業直通 (050-1111-0000)
      営業 › 新規
      山田 太郎",
        "title": "着信：03-1234-5678",
      }
    `);
  });

  it('follows the 表示言語 the rep chose, whatever the browser’s language', () => {
    const english = repDisplay({ languageOverride: 'en', defaultCountry: 'JP' }, 'ja-JP');
    expect(incomingNotificationText(CALL, english)).toMatchObject({ title: 'Incoming call: 03-1234-5678', buttons: [{ title: 'Accept' }, { title: 'Decline' }] });
    const japanese = repDisplay({ languageOverride: 'ja', defaultCountry: 'JP' }, 'en-US');
    expect(incomingNotificationText(CALL, japanese).title).toBe('着信：03-1234-5678');
  });

  it('names a withheld caller 非通知, and shows a number from abroad in international format', () => {
    const rep = { language: 'ja', country: 'JP' } as const;
    expect(incomingNotificationText({ ...CALL, number: null }, rep).title).toBe('着信：非通知');
    expect(incomingNotificationText({ ...CALL, number: '+266696687' }, rep).title).toBe('着信：非通知');
    expect(incomingNotificationText({ ...CALL, number: '+14155552671' }, rep).title).toBe('着信：+1 415 555 2671');
  });

  it('shows the caller’s number as the message when nothing else is known', () => {
    const bare = { ...CALL, calledNumber: null, calledLabel: null, ivrPath: [], record: null };
    expect(incomingNotificationText(bare, { language: 'en', country: 'JP' }).message).toBe('03-1234-5678');
  });
});

describe('which incoming-call notifications have outlived their call', () => {
  const shown = ['incoming:in-1', 'incoming:in-2', 'voicemail:vm-1'];
  it.each<[string, PhoneCalls, string[]]>([
    ['both callers still ring', { current: { kind: 'incoming', call: CALL, since: 1 }, waiting: { ...CALL, callId: 'in-2' } }, []],
    ['the first was answered, the second waits', { current: { kind: 'in-call', call: CALL, answeredAt: 2, muted: false }, waiting: { ...CALL, callId: 'in-2' } }, ['incoming:in-1']],
    ['no call rings any more (the voicemail notice is not ours to take)', { current: { kind: 'idle' }, waiting: null }, ['incoming:in-1', 'incoming:in-2']],
  ])('%s', (_name, calls, gone) => {
    expect(notificationsOfCallsGone(shown, calls)).toEqual(gone);
  });
});

describe('the rep’s display settings outside the popup', () => {
  it.each([
    [{ languageOverride: null, defaultCountry: 'JP' }, 'ja-JP', { language: 'ja', country: 'JP' }],
    [{ languageOverride: null, defaultCountry: 'US' }, 'en-US', { language: 'en', country: 'US' }],
    [{ languageOverride: 'ja', defaultCountry: 'JP' }, 'en-US', { language: 'ja', country: 'JP' }],
    [{ languageOverride: 'fr', defaultCountry: 'nowhere' }, 'fr-FR', { language: 'en', country: 'JP' }],
  ])('stored %o with a %s browser → %o', (stored, browserLanguage, expected) => {
    expect(repDisplay(stored, browserLanguage)).toEqual(expected);
  });
});

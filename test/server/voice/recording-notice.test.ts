import { describe, expect, it } from 'vitest';
import { ringUrl } from '../../../server/voice/flow-state.ts';
import { ringTwiml, type IncomingContext } from '../../../server/voice/incoming-twiml.ts';
import { orgCallLanguage } from '../../../server/phone-config/defaults.ts';
import { recordingNoticeFor } from '../../../server/voice/recording-notice.ts';
import { roomJoinTwiml } from '../../../server/voice/room.ts';
import { speakerFor, speakerForLanguage } from '../../../server/voice/speech.ts';
import { waitTwiml } from '../../../server/voice/waiting-line.ts';
import { directNumber, PUBLIC_URL } from './fixtures.ts';

/**
 * The recording announcement in the TwiML: said before anything of a recorded call is recorded, by the
 * voice that speaks to this caller; nothing at all when the setting is off or the call not recorded.
 */
const CALL = `CA${'ab'.repeat(16)}`;
const pretty = (xml: string) => xml.replace(/></g, '>\n<');
const recorded = { ...directNumber, record: true };
const context = (number = recorded): IncomingContext => ({ publicUrl: PUBLIC_URL, number, speaker: speakerFor(number, PUBLIC_URL) });
const card = { parentCallSid: CALL, from: '+819011112222', calledNumber: directNumber.number, calledLabel: directNumber.label, ivrPath: [] };
const next = { language: 'ja-JP' as const, path: [], cycle: 1, queue: ['sato'], index: 1, dialed: ['sato'] };

describe('what the announcement says', () => {
  it.each([
    ['off (absent)', {}, true, 'ja-JP', null],
    ['off', { recordingNotice: { enabled: false, message: { type: 'text', text: '録音します。' } } }, true, 'ja-JP', null],
    ['on, but this call is not recorded', { recordingNotice: { enabled: true } }, false, 'ja-JP', null],
    ['on, in Japanese', { recordingNotice: { enabled: true } }, true, 'ja-JP', { type: 'text', text: 'この通話は品質向上のため録音させていただきます。' }],
    ['on, in English', { recordingNotice: { enabled: true } }, true, 'en-GB', { type: 'text', text: 'This call may be recorded for quality purposes.' }],
    ['on, the admin’s own words', { recordingNotice: { enabled: true, message: { type: 'audio', audioId: 'n1' } } }, true, 'en-US', { type: 'audio', audioId: 'n1' }],
  ] as const)('%s', (_case, settings, isRecorded, language, expected) => {
    expect(recordingNoticeFor(settings, isRecorded, language)).toEqual(expected);
  });

  it.each([
    ['an English number', 'en-US', { type: 'text', text: 'This call may be recorded for quality purposes.' }],
    ['an Australian number', 'en-AU', { type: 'text', text: 'This call may be recorded for quality purposes.' }],
    ['a Japanese number', 'ja-JP', { type: 'text', text: '通話は録音されます。' }],
  ] as const)('gives %s the admin’s Japanese words only if its voice can speak them, else the standard sentence in its language', (_case, language, expected) => {
    const settings = { recordingNotice: { enabled: true, message: { type: 'text', text: '通話は録音されます。' } } } as const;
    expect(recordingNoticeFor(settings, true, language)).toEqual(expected);
  });

  it('gives a Japanese number the admin’s English words: its voice reads them', () => {
    const settings = { recordingNotice: { enabled: true, message: { type: 'text', text: 'Calls are recorded.' } } } as const;
    expect(recordingNoticeFor(settings, true, 'ja-JP')).toEqual({ type: 'text', text: 'Calls are recorded.' });
  });

  it('speaks to the people reps call in the org’s language', () => {
    expect([orgCallLanguage({ defaultCountry: 'JP' }), orgCallLanguage({ defaultCountry: 'US' })]).toEqual(['ja-JP', 'en-US']);
  });
});

describe('an incoming call to a recorded number', () => {
  it('hears it before the ring <Dial>, whose recording starts when a rep answers', () => {
    const notice = { type: 'text', text: 'この通話は品質向上のため録音させていただきます。' } as const;
    const xml = ringTwiml(context(), { welcome: false, clients: ['sato'], timeout: 20, next, card, actionUrl: ringUrl(PUBLIC_URL, next), notice });
    expect(pretty(xml).split('\n').slice(0, 4).join('\n')).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Say voice="Polly.Mizuki" language="ja-JP">この通話は品質向上のため録音させていただきます。</Say>
      <Dial action="https://phone.example.jp/twilio/voice/ring?l=ja-JP&amp;n=&amp;c=1&amp;q=sato&amp;i=1&amp;d=sato" method="POST" timeout="20" answerOnBridge="true" ringTone="jp" record="record-from-answer-dual" recordingStatusCallback="https://phone.example.jp/twilio/recording" recordingStatusCallbackMethod="POST" recordingStatusCallbackEvent="completed absent">"
    `);
  });

  it('hears it once on joining the waiting line, before the first turn', () => {
    const xml = waitTwiml(context(), {
      state: { language: 'ja-JP', path: [] },
      sentences: ['只今、1番目にお待ちいただいております。'],
      settings: { voicemailKey: null, callbackKey: null },
      notice: { type: 'audio', audioId: 'notice-1' },
    });
    expect(pretty(xml).split('\n').slice(0, 5).join('\n')).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Play>https://phone.example.jp/media/notice-1</Play>
      <Gather numDigits="1" action="https://phone.example.jp/twilio/voice/queue/key?l=ja-JP&amp;n=" method="POST" timeout="5" actionOnEmptyResult="false" finishOnKey="">
      <Say voice="Polly.Mizuki" language="ja-JP">只今、1番目にお待ちいただいております。</Say>"
    `);
  });
});

describe('an outgoing call’s customer', () => {
  it('hears it in their own leg, before entering the room (which records once two are in it)', () => {
    const speaker = speakerForLanguage('en-US', PUBLIC_URL);
    const xml = roomJoinTwiml({
      publicUrl: PUBLIC_URL,
      callSid: CALL,
      room: CALL,
      label: 'customer',
      record: true,
      notice: { message: { type: 'text', text: 'This call may be recorded for quality purposes.' }, speaker },
    });
    expect(pretty(xml).split('\n').slice(0, 4).join('\n')).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Say voice="Polly.Joanna" language="en-US">This call may be recorded for quality purposes.</Say>
      <Dial action="https://phone.example.jp/twilio/room/left?call=CAabababababababababababababababab&amp;p=customer" method="POST">"
    `);
  });

  it('the rep’s leg never carries it', () => {
    expect(roomJoinTwiml({ publicUrl: PUBLIC_URL, callSid: CALL, room: CALL, label: 'rep:sato', record: true, notice: null })).not.toContain('<Say');
  });
});

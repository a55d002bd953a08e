import { describe, expect, it } from 'vitest';
import { allowedCountries, checkDestination, outgoingDialTwiml, outgoingRefusedTwiml } from '../../../server/voice/outgoing.ts';
import { speakerForLanguage } from '../../../server/voice/speech.ts';

const pretty = (xml: string) => xml.replace(/></g, '>\n<');
const japanOnly = allowedCountries([], ['+81312345678', '+815012345678']);

describe('toll-fraud guard for outgoing calls', () => {
  it.each([
    ['090-1234-5678', { ok: true, e164: '+819012345678', country: 'JP' }],
    ['03-1234-5678', { ok: true, e164: '+81312345678', country: 'JP' }],
    ['０３－１２３４－５６７８', { ok: true, e164: '+81312345678', country: 'JP' }],
    ['0120-123-456', { ok: true, e164: '+81120123456', country: 'JP' }],
    ['+81 50 1234 5678', { ok: true, e164: '+815012345678', country: 'JP' }],
    ['0990-123-456', { ok: false, reason: 'premium-rate' }],
    ['0600-123-456', { ok: false, reason: 'premium-rate' }],
    ['0570-012-345', { ok: true, e164: '+81570012345', country: 'JP' }],
    ['110', { ok: false, reason: 'invalid' }],
    ['117', { ok: false, reason: 'invalid' }],
    ['12345', { ok: false, reason: 'invalid' }],
    ['', { ok: false, reason: 'invalid' }],
    ['client:suzuki', { ok: false, reason: 'invalid' }],
    ['+12125551234', { ok: false, reason: 'country-not-allowed' }],
    ['+447911123456', { ok: false, reason: 'country-not-allowed' }],
  ])('%j → %j (default: the countries of our own numbers)', (to, expected) => {
    expect(checkDestination(to, { defaultCountry: 'JP', allowed: japanOnly })).toEqual(expected);
  });

  it.each([
    ['+12125551234', { ok: true, e164: '+12125551234', country: 'US' }],
    ['+19005551234', { ok: false, reason: 'premium-rate' }],
    ['+449012345678', { ok: false, reason: 'premium-rate' }],
    ['+447012345678', { ok: false, reason: 'premium-rate' }],
    ['+819012345678', { ok: false, reason: 'country-not-allowed' }],
  ])('%j → %j when the admin allows US and GB', (to, expected) => {
    expect(checkDestination(to, { defaultCountry: 'US', allowed: allowedCountries(['US', 'GB'], ['+81312345678']) })).toEqual(expected);
  });
});

describe('outgoing TwiML', () => {
  it('dials the number with the rep’s caller ID, answer on bridge, recording', () => {
    const xml = outgoingDialTwiml({
      publicUrl: 'https://phone.example.jp',
      speaker: speakerForLanguage('ja-JP', 'https://phone.example.jp'),
      callerId: '+81312345678',
      to: '+819012345678',
      record: true,
    });
    expect(pretty(xml)).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Dial callerId="+81312345678" answerOnBridge="true" action="https://phone.example.jp/twilio/voice/outgoing/dialed?l=ja-JP" method="POST" record="record-from-answer-dual" recordingStatusCallback="https://phone.example.jp/twilio/recording" recordingStatusCallbackMethod="POST" recordingStatusCallbackEvent="completed absent">
      <Number statusCallback="https://phone.example.jp/twilio/status" statusCallbackMethod="POST" statusCallbackEvent="initiated ringing answered completed">+819012345678</Number>
      </Dial>
      </Response>"
    `);
  });

  it('tells a deactivated rep that their account is deactivated (not that they lack a number), in their language', () => {
    expect(pretty(outgoingRefusedTwiml(speakerForLanguage('ja-JP', 'https://x.example'), 'accountDeactivated'))).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Say voice="Polly.Mizuki" language="ja-JP">このアカウントは無効になっているため、発信できません。管理者にお問い合わせください。</Say>
      <Hangup/>
      </Response>"
    `);
    expect(pretty(outgoingRefusedTwiml(speakerForLanguage('en-US', 'https://x.example'), 'accountDeactivated'))).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Say voice="Polly.Joanna" language="en-US">Your account has been deactivated, so you cannot make calls. Please contact your administrator.</Say>
      <Hangup/>
      </Response>"
    `);
  });

  it('explains a refused call in the rep’s language and hangs up', () => {
    expect(pretty(outgoingRefusedTwiml(speakerForLanguage('en-US', 'https://x.example'), 'noOutgoingNumber'))).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Say voice="Polly.Joanna" language="en-US">No outgoing number is assigned to you. Please contact your administrator.</Say>
      <Hangup/>
      </Response>"
    `);
  });
});

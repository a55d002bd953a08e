import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { readTwiml } from '../../../server/services/twiml-reader.ts';

describe('TwiML reader (preview)', () => {
  it('reads what twilio-node writes: nesting, attributes, entities, self-closing verbs', () => {
    const response = new twilio.twiml.VoiceResponse();
    const gather = response.gather({ numDigits: 1, action: 'https://x.example/twilio/voice/menu?l=ja-JP&n=2&t=0' });
    gather.say({ language: 'ja-JP' }, '「営業」 & <サポート>');
    response.hangup();
    expect(readTwiml(response.toString())).toEqual({
      name: 'Response',
      attributes: {},
      children: [
        {
          name: 'Gather',
          attributes: { numDigits: '1', action: 'https://x.example/twilio/voice/menu?l=ja-JP&n=2&t=0' },
          children: [{ name: 'Say', attributes: { language: 'ja-JP' }, children: ['「営業」 & <サポート>'] }],
        },
        { name: 'Hangup', attributes: {}, children: [] },
      ],
    });
  });

  it.each([
    ['<Response><Say>unclosed</Response>'],
    ['<Response><Say>x</Say>'],
    ['<Other/>'],
    ['<Response>a < b</Response>'],
  ])('refuses broken markup %s', (xml) => {
    expect(() => readTwiml(xml)).toThrow(/TwiML/);
  });
});

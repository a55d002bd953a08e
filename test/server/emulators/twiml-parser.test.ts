import { describe, expect, it } from 'vitest';
import { parseTwiml, TwimlError } from '../../emulators/twilio-call/twiml.ts';
import { parseXml, XmlParseError } from '../../emulators/twilio-call/xml.ts';

describe('the strict XML parser', () => {
  it.each([
    ['mismatched tags', '<Response><Say>hi</Play></Response>'],
    ['an unclosed element', '<Response><Say>hi</Say>'],
    ['two roots', '<Response/><Response/>'],
    ['text after the root', '<Response/>trailing'],
    ['whitespace before the declaration', ' <?xml version="1.0"?><Response/>'],
    ['a declaration in the middle', '<Response/><?xml version="1.0"?>'],
    ['an unquoted attribute', '<Response><Say voice=man>hi</Say></Response>'],
    ['a duplicate attribute', '<Response><Say voice="a" voice="b">hi</Say></Response>'],
    ['a bare ampersand', '<Response><Say>Q&A</Say></Response>'],
    ['an undefined entity', '<Response><Say>&nbsp;</Say></Response>'],
    ['"<" in an attribute', '<Response><Say voice="a<b">hi</Say></Response>'],
    ['a DOCTYPE', '<!DOCTYPE Response><Response/>'],
    ['an unterminated comment', '<Response><!-- oops </Response>'],
    ['attributes without whitespace', '<Response><Say voice="a"language="b">hi</Say></Response>'],
    ['an empty document', ''],
  ])('rejects %s', (_, source) => {
    expect(() => parseXml(source)).toThrow(XmlParseError);
  });

  it('reads entities, character references, CDATA and comments', () => {
    const root = parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><Response a=\'1 &amp; 2\'><Say>&lt;&#x3042;&#12354;&quot;<![CDATA[<raw>]]></Say><!-- c --></Response>\n');
    expect(root).toEqual({
      type: 'element',
      name: 'Response',
      attributes: { a: '1 & 2' },
      children: [{ type: 'element', name: 'Say', attributes: {}, children: [{ type: 'text', text: '<ああ"<raw>' }] }],
    });
  });
});

describe('reading TwiML', () => {
  it('applies Twilio\'s defaults', () => {
    expect(parseTwiml('<Response><Gather/><Dial>+81312345678</Dial><Record/><Say>hi</Say></Response>')).toMatchObject([
      { verb: 'Gather', action: null, method: 'POST', timeout: 5, finishOnKey: '#', numDigits: null, actionOnEmptyResult: false },
      { verb: 'Dial', timeout: 30, record: 'do-not-record', answerOnBridge: false, nouns: [{ kind: 'number', number: '+81312345678' }] },
      { verb: 'Record', timeout: 5, maxLength: 3600, playBeep: true, finishOnKey: '1234567890*#' },
      { verb: 'Say', voice: 'man', language: 'en-US', loop: 1 },
    ]);
  });

  it('reads a Dial the way twilio-node renders it', () => {
    const [dial] = parseTwiml(
      '<Response><Dial timeout="20" action="/dial-result" answerOnBridge="true" callerId="+815012345678" record="record-from-answer-dual" recordingStatusCallback="/rec" recordingStatusCallbackEvent="completed absent"><Client statusCallback="/cs" statusCallbackEvent="initiated ringing answered completed"><Identity>rep_1</Identity><Parameter name="crmId" value="42"/></Client><Client>rep_2</Client></Dial></Response>',
    );
    expect(dial).toMatchObject({
      verb: 'Dial',
      timeout: 20,
      answerOnBridge: true,
      recordingStatusCallbackEvents: ['completed', 'absent'],
      nouns: [
        { kind: 'client', identity: 'rep_1', parameters: { crmId: '42' }, statusCallback: { url: '/cs', events: ['initiated', 'ringing', 'answered', 'completed'] } },
        { kind: 'client', identity: 'rep_2', parameters: {}, statusCallback: null },
      ],
    });
  });

  it.each([
    ['a Dial inside a Gather', '<Response><Gather><Dial>+1</Dial></Gather></Response>'],
    ['a bad boolean', '<Response><Dial answerOnBridge="yes">+1</Dial></Response>'],
    ['a bad record mode', '<Response><Dial record="always">+1</Dial></Response>'],
    ['a Client without identity', '<Response><Dial><Client><Parameter name="a" value="b"/></Client></Dial></Response>'],
    ['text in Response', '<Response>Hello</Response>'],
    ['a bad Reject reason', '<Response><Reject reason="nope"/></Response>'],
    ['a non-numeric timeout', '<Response><Gather timeout="five"/></Response>'],
  ])('refuses %s', (_, source) => {
    expect(() => parseTwiml(source)).toThrow(TwimlError);
  });
});

import { describe, expect, it } from 'vitest';
import { ringUrl } from '../../../server/voice/flow-state.ts';
import {
  apologyTwiml,
  busyTwiml,
  closedTwiml,
  menuTwiml,
  notInServiceTwiml,
  ringTwiml,
  unavailableTwiml,
  type IncomingContext,
} from '../../../server/voice/incoming-twiml.ts';
import { speakerFor, speakerForLanguage } from '../../../server/voice/speech.ts';
import { directNumber, englishNumber, mainNumber, PUBLIC_URL } from './fixtures.ts';

const context = (number: typeof mainNumber): IncomingContext => ({ publicUrl: PUBLIC_URL, number, speaker: speakerFor(number, PUBLIC_URL) });
const pretty = (xml: string) => xml.replace(/></g, '>\n<');

describe('the IVR menu', () => {
  it('welcomes, then reads one sentence per item inside a one-digit Gather', () => {
    expect(pretty(menuTwiml(context(mainNumber), { path: [], tries: 0, notice: null, welcome: true }))).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Say voice="Polly.Mizuki" language="ja-JP">お電話ありがとうございます。</Say>
      <Gather numDigits="1" action="https://phone.example.jp/twilio/voice/menu?l=ja-JP&amp;n=&amp;t=0" method="POST" timeout="5" finishOnKey="">
      <Say voice="Polly.Mizuki" language="ja-JP">営業の場合、1を押してください。</Say>
      <Say voice="Polly.Mizuki" language="ja-JP">サポートの場合、2を押してください。</Say>
      </Gather>
      <Redirect method="POST">https://phone.example.jp/twilio/voice/menu?l=ja-JP&amp;n=&amp;t=0</Redirect>
      </Response>"
    `);
  });

  it('reads a submenu after an invalid choice', () => {
    expect(pretty(menuTwiml(context(mainNumber), { path: [2], tries: 1, notice: 'invalidChoice', welcome: false }))).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Say voice="Polly.Mizuki" language="ja-JP">申し訳ございません。入力された番号は選択できません。もう一度お選びください。</Say>
      <Gather numDigits="1" action="https://phone.example.jp/twilio/voice/menu?l=ja-JP&amp;n=2&amp;t=1" method="POST" timeout="5" finishOnKey="">
      <Say voice="Polly.Mizuki" language="ja-JP">製品についての場合、1を押してください。</Say>
      </Gather>
      <Redirect method="POST">https://phone.example.jp/twilio/voice/menu?l=ja-JP&amp;n=2&amp;t=1</Redirect>
      </Response>"
    `);
  });

  it('uses the default template and voice of an English number, and plays an uploaded welcome', () => {
    expect(pretty(menuTwiml(context(englishNumber), { path: [], tries: 0, notice: null, welcome: true }))).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Play>https://phone.example.jp/media/a1b2c3d4e5f6</Play>
      <Gather numDigits="1" action="https://phone.example.jp/twilio/voice/menu?l=en-US&amp;n=&amp;t=0" method="POST" timeout="5" finishOnKey="">
      <Say voice="Polly.Joanna" language="en-US">For sales, press 1.</Say>
      </Gather>
      <Redirect method="POST">https://phone.example.jp/twilio/voice/menu?l=en-US&amp;n=&amp;t=0</Redirect>
      </Response>"
    `);
  });

  it('reads a skippable welcome inside the Gather, so the first key stops it and chooses from the menu', () => {
    const skippable = { ...mainNumber, welcomeSkippable: true };
    expect(pretty(menuTwiml(context(skippable), { path: [], tries: 0, notice: null, welcome: true }))).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Gather numDigits="1" action="https://phone.example.jp/twilio/voice/menu?l=ja-JP&amp;n=&amp;t=0" method="POST" timeout="5" finishOnKey="">
      <Say voice="Polly.Mizuki" language="ja-JP">お電話ありがとうございます。</Say>
      <Say voice="Polly.Mizuki" language="ja-JP">営業の場合、1を押してください。</Say>
      <Say voice="Polly.Mizuki" language="ja-JP">サポートの場合、2を押してください。</Say>
      </Gather>
      <Redirect method="POST">https://phone.example.jp/twilio/voice/menu?l=ja-JP&amp;n=&amp;t=0</Redirect>
      </Response>"
    `);
    // An uploaded welcome is stopped by a key the same way.
    expect(pretty(menuTwiml(context({ ...englishNumber, welcomeSkippable: true }), { path: [], tries: 0, notice: null, welcome: true }))).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Gather numDigits="1" action="https://phone.example.jp/twilio/voice/menu?l=en-US&amp;n=&amp;t=0" method="POST" timeout="5" finishOnKey="">
      <Play>https://phone.example.jp/media/a1b2c3d4e5f6</Play>
      <Say voice="Polly.Joanna" language="en-US">For sales, press 1.</Say>
      </Gather>
      <Redirect method="POST">https://phone.example.jp/twilio/voice/menu?l=en-US&amp;n=&amp;t=0</Redirect>
      </Response>"
    `);
  });

  it('keeps a welcome that must be heard in full before the Gather: a number stored without the setting, or with it off', () => {
    const { welcomeSkippable: _absent, ...stored } = mainNumber;
    const before = menuTwiml(context(stored), { path: [], tries: 0, notice: null, welcome: true });
    expect(before.indexOf('お電話ありがとうございます。')).toBeLessThan(before.indexOf('<Gather'));
    expect(menuTwiml(context({ ...mainNumber, welcomeSkippable: false }), { path: [], tries: 0, notice: null, welcome: true })).toBe(before);
  });

  it('reads an edited menu at the next call, and escapes what the admin typed', () => {
    const before = menuTwiml(context(mainNumber), { path: [], tries: 0, notice: null, welcome: false });
    const route = mainNumber.route.type === 'ivr' ? mainNumber.route : null;
    const edited = { ...mainNumber, route: { ...route!, menu: route!.menu.map((item, i) => (i === 0 ? { ...item, label: '営業 & <新規>' } : item)) } };
    const after = menuTwiml(context(edited), { path: [], tries: 0, notice: null, welcome: false });
    expect(after).not.toBe(before);
    expect(after).toContain('営業 &amp; &lt;新規&gt;');
    expect(menuTwiml(context(mainNumber), { path: [], tries: 0, notice: null, welcome: false })).toBe(before);
  });
});

describe('ringing reps', () => {
  const card = {
    parentCallSid: 'CA00000000000000000000000000000001',
    from: '+819011112222',
    calledNumber: '+81312345678',
    calledLabel: '代表',
    ivrPath: ['サポート', '製品について'],
  };

  it('dials each rep as a Client with the card parameters, recording when the number records', () => {
    const next = { language: 'ja-JP' as const, path: [2, 1], cycle: 1, queue: ['sato', 'suzuki'], index: 2, dialed: ['sato', 'suzuki'] };
    const xml = ringTwiml(context(mainNumber), {
      welcome: false,
      clients: ['sato', 'suzuki'],
      timeout: 30,
      next,
      card,
      actionUrl: ringUrl(PUBLIC_URL, next),
    });
    expect(pretty(xml)).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Dial action="https://phone.example.jp/twilio/voice/ring?l=ja-JP&amp;n=21&amp;c=1&amp;q=sato.suzuki&amp;i=2&amp;d=sato.suzuki" method="POST" timeout="30" answerOnBridge="true" ringTone="jp" record="record-from-answer-dual" recordingStatusCallback="https://phone.example.jp/twilio/recording" recordingStatusCallbackMethod="POST" recordingStatusCallbackEvent="completed absent">
      <Client statusCallback="https://phone.example.jp/twilio/status" statusCallbackMethod="POST" statusCallbackEvent="initiated ringing answered completed">
      <Identity>sato</Identity>
      <Parameter name="callerNumber" value="+819011112222"/>
      <Parameter name="callerAnonymous" value="false"/>
      <Parameter name="calledNumber" value="+81312345678"/>
      <Parameter name="calledLabel" value="代表"/>
      <Parameter name="ivrPath" value="サポート > 製品について"/>
      <Parameter name="parentCallSid" value="CA00000000000000000000000000000001"/>
      </Client>
      <Client statusCallback="https://phone.example.jp/twilio/status" statusCallbackMethod="POST" statusCallbackEvent="initiated ringing answered completed">
      <Identity>suzuki</Identity>
      <Parameter name="callerNumber" value="+819011112222"/>
      <Parameter name="callerAnonymous" value="false"/>
      <Parameter name="calledNumber" value="+81312345678"/>
      <Parameter name="calledLabel" value="代表"/>
      <Parameter name="ivrPath" value="サポート > 製品について"/>
      <Parameter name="parentCallSid" value="CA00000000000000000000000000000001"/>
      </Client>
      </Dial>
      </Response>"
    `);
  });

  it('says a withheld caller is anonymous and plays the URL welcome of a direct number first', () => {
    const next = { language: 'ja-JP' as const, path: [], cycle: 1, queue: ['sato'], index: 1, dialed: ['sato'] };
    const xml = ringTwiml(context(directNumber), {
      welcome: true,
      clients: ['sato'],
      timeout: 15,
      next,
      card: { ...card, from: '+266696687', calledNumber: '+815012345678', calledLabel: 'サポート直通', ivrPath: [] },
      actionUrl: ringUrl(PUBLIC_URL, next),
    });
    expect(pretty(xml)).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Play>https://example.jp/welcome.mp3</Play>
      <Dial action="https://phone.example.jp/twilio/voice/ring?l=ja-JP&amp;n=&amp;c=1&amp;q=sato&amp;i=1&amp;d=sato" method="POST" timeout="15" answerOnBridge="true" ringTone="jp">
      <Client statusCallback="https://phone.example.jp/twilio/status" statusCallbackMethod="POST" statusCallbackEvent="initiated ringing answered completed">
      <Identity>sato</Identity>
      <Parameter name="callerNumber" value=""/>
      <Parameter name="callerAnonymous" value="true"/>
      <Parameter name="calledNumber" value="+815012345678"/>
      <Parameter name="calledLabel" value="サポート直通"/>
      <Parameter name="ivrPath" value=""/>
      <Parameter name="parentCallSid" value="CA00000000000000000000000000000001"/>
      </Client>
      </Dial>
      </Response>"
    `);
  });
});

describe('when nobody takes the call', () => {
  it('says the unavailable message, asks for a message before the beep, and records a voicemail of at most 2 minutes', () => {
    expect(pretty(unavailableTwiml(context(mainNumber), { welcome: false, voicemailPath: [1] }))).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Say voice="Polly.Mizuki" language="ja-JP">現在、担当者が出払っております。</Say>
      <Say voice="Polly.Mizuki" language="ja-JP">発信音の後に、お名前とご用件をお話しください。</Say>
      <Record action="https://phone.example.jp/twilio/voice/voicemail?l=ja-JP&amp;n=1" method="POST" maxLength="120" playBeep="true" recordingStatusCallback="https://phone.example.jp/twilio/recording" recordingStatusCallbackMethod="POST" recordingStatusCallbackEvent="completed absent"/>
      <Hangup/>
      </Response>"
    `);
  });

  it('without a message of the admin’s, does not say “call again later” before the voicemail, in the number’s language', () => {
    expect(pretty(unavailableTwiml(context(englishNumber), { welcome: false, voicemailPath: [] }))).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Say voice="Polly.Joanna" language="en-US">Sorry, no one is available to take your call right now.</Say>
      <Say voice="Polly.Joanna" language="en-US">Please leave your name and message after the tone.</Say>
      <Record action="https://phone.example.jp/twilio/voice/voicemail?l=en-US&amp;n=" method="POST" maxLength="120" playBeep="true" recordingStatusCallback="https://phone.example.jp/twilio/recording" recordingStatusCallbackMethod="POST" recordingStatusCallbackEvent="completed absent"/>
      <Hangup/>
      </Response>"
    `);
  });

  it('records a voicemail as long as the number allows, after ringing and outside business hours alike', () => {
    const fiveMinutes = { ...mainNumber, voicemailMaxSeconds: 300 };
    expect(pretty(unavailableTwiml(context(fiveMinutes), { welcome: false, voicemailPath: [1] }))).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Say voice="Polly.Mizuki" language="ja-JP">現在、担当者が出払っております。</Say>
      <Say voice="Polly.Mizuki" language="ja-JP">発信音の後に、お名前とご用件をお話しください。</Say>
      <Record action="https://phone.example.jp/twilio/voice/voicemail?l=ja-JP&amp;n=1" method="POST" maxLength="300" playBeep="true" recordingStatusCallback="https://phone.example.jp/twilio/recording" recordingStatusCallbackMethod="POST" recordingStatusCallbackEvent="completed absent"/>
      <Hangup/>
      </Response>"
    `);
    expect(pretty(closedTwiml(context({ ...mainNumber, voicemailMaxSeconds: 60 }), { defaultMessage: '営業時間外です。', then: { type: 'voicemail' } }))).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Say voice="Polly.Mizuki" language="ja-JP">営業時間外です。</Say>
      <Record action="https://phone.example.jp/twilio/voice/voicemail?l=ja-JP&amp;n=" method="POST" maxLength="60" playBeep="true" recordingStatusCallback="https://phone.example.jp/twilio/recording" recordingStatusCallbackMethod="POST" recordingStatusCallbackEvent="completed absent"/>
      <Hangup/>
      </Response>"
    `);
    // A number stored before the length could be set records 2 minutes, as every number did.
    const { voicemailMaxSeconds: _absent, ...stored } = mainNumber;
    expect(unavailableTwiml(context(stored), { welcome: false, voicemailPath: [1] })).toContain('maxLength="120"');
  });

  it('says the default unavailable message at once when nobody is online', () => {
    expect(pretty(unavailableTwiml(context(englishNumber), { welcome: false, voicemailPath: null }))).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Say voice="Polly.Joanna" language="en-US">Sorry, no one is available to take your call right now. Please call again later.</Say>
      <Hangup/>
      </Response>"
    `);
  });

  it('says the busy message when everyone is on a call', () => {
    expect(pretty(busyTwiml(context(mainNumber), { welcome: false }))).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Say voice="Polly.Mizuki" language="ja-JP">ただいま電話が大変混み合っております。</Say>
      <Hangup/>
      </Response>"
    `);
  });

  it('says an unknown number is not in service', () => {
    expect(pretty(notInServiceTwiml(speakerForLanguage('ja-JP', PUBLIC_URL)))).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Say voice="Polly.Mizuki" language="ja-JP">おかけになった電話番号は、現在使われておりません。</Say>
      <Hangup/>
      </Response>"
    `);
  });

  it('apologises in both languages when the number is not known', () => {
    expect(pretty(apologyTwiml(null, PUBLIC_URL))).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Say voice="Polly.Mizuki" language="ja-JP">申し訳ございません。現在、担当者が電話に出ることができません。しばらくしてから、おかけ直しください。</Say>
      <Say voice="Polly.Joanna" language="en-US">Sorry, no one is available to take your call right now. Please call again later.</Say>
      <Hangup/>
      </Response>"
    `);
    expect(pretty(apologyTwiml('en-GB', PUBLIC_URL))).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Say voice="Polly.Amy" language="en-GB">Sorry, no one is available to take your call right now. Please call again later.</Say>
      <Hangup/>
      </Response>"
    `);
  });
});

describe('outside business hours', () => {
  it('forwards with a <Dial action>, so how the forward ended comes back to the server', () => {
    const xml = closedTwiml(context(mainNumber), { defaultMessage: '営業時間外です。', then: { type: 'forward', to: '+819055556666' } });
    expect(pretty(xml)).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Say voice="Polly.Mizuki" language="ja-JP">営業時間外です。</Say>
      <Dial action="https://phone.example.jp/twilio/voice/forwarded?l=ja-JP" method="POST" callerId="+81312345678" answerOnBridge="true">+819055556666</Dial>
      </Response>"
    `);
  });
});

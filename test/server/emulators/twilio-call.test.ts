import { describe, expect, it } from 'vitest';
import { twilioFixture } from '../../fixtures/twilio/index.ts';
import { createTwilioEmulator, describeCall, MAX_DOCUMENTS_PER_CALL } from '../../emulators/twilio-call/index.ts';
import type { TwilioEmulatorOptions } from '../../emulators/twilio-call/index.ts';
import { ACCOUNT_SID, AUTH_TOKEN, createTinyTwimlServer, PUBLIC_URL, twiml } from './tiny-twiml-server.ts';

const CALLER = '+819012345678';
const NUMBER = '+815012345678';

function setUp(routes: Parameters<typeof createTinyTwimlServer>[0], options: Partial<TwilioEmulatorOptions> = {}) {
  const server = createTinyTwimlServer(routes);
  const emulator = createTwilioEmulator({
    fetch: server.fetch,
    publicUrl: PUBLIC_URL,
    authToken: AUTH_TOKEN,
    accountSid: ACCOUNT_SID,
    startTime: new Date('2026-11-24T00:00:00Z'),
    ...options,
  });
  return { server, emulator };
}

const sortedKeys = (params: Record<string, string>) => Object.keys(params).sort();

describe('requests the emulator sends', () => {
  it('signs an inbound call the way the server will verify it, with every parameter Twilio sends', async () => {
    const { server, emulator } = setUp({ '/twilio/voice': twiml('<Hangup/>') });
    await emulator.incomingCall({ from: CALLER, to: NUMBER });
    const [voice] = server.received;
    expect(voice?.signatureValid).toBe(true);
    expect(voice?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sortedKeys(voice?.params ?? {})).toEqual(sortedKeys(twilioFixture('inbound-call')));
    expect(voice?.params).toMatchObject({ From: CALLER, Caller: CALLER, To: NUMBER, Called: NUMBER, CallStatus: 'ringing', Direction: 'inbound', ApiVersion: '2010-04-01', AccountSid: ACCOUNT_SID, FromCountry: 'JP' });
    expect(voice?.params.CallSid).toMatch(/^CA[0-9a-f]{32}$/);
  });

  it.each([
    ['anonymous', '+266696687'],
    ['restricted', '+7378742833'],
    ['blocked', '+2562533'],
    ['unknown', '+8656696'],
    ['unavailable', '+86282452253'],
  ])('spells a withheld caller ID (%s) as Twilio does: %s', async (reason, digits) => {
    const { server, emulator } = setUp({ '/twilio/voice': twiml('<Hangup/>') });
    await emulator.incomingCall({ from: reason, to: NUMBER });
    expect(server.received[0]?.params).toMatchObject({ From: digits, Caller: digits });
  });

  it('sends an anonymous call from Lesotho, and the word "Anonymous" on the rep\'s leg', async () => {
    const { server, emulator } = setUp({
      '/twilio/voice': twiml('<Dial><Client statusCallback="/twilio/status" statusCallbackEvent="ringing">rep_1</Client></Dial>'),
    });
    await emulator.incomingCall({ from: 'anonymous', to: NUMBER, statusCallback: null });
    expect(sortedKeys(server.received[0]?.params ?? {})).toEqual(sortedKeys(twilioFixture('inbound-call-anonymous')));
    expect(server.received[0]?.params).toMatchObject({ From: '+266696687', FromCountry: 'LS', CallerCountry: 'LS' });
    expect(server.received[1]?.params).toMatchObject({ From: 'Anonymous', To: 'client:rep_1', Direction: 'outbound-dial' });
  });

  it('sends a Voice SDK call to the TwiML App with the client identity and the custom parameters', async () => {
    const { server, emulator } = setUp({ '/twilio/voice/outgoing': twiml('<Hangup/>') });
    await emulator.outgoingClientCall({
      identity: 'rep_sato',
      params: { To: '+81312345678', crmModule: 'Leads', crmRecordId: '5725767000000424001', crmRecordName: '山田 太郎' },
    });
    const [request] = server.received;
    expect(request?.signatureValid).toBe(true);
    expect(sortedKeys(request?.params ?? {})).toEqual(sortedKeys(twilioFixture('client-call')));
    expect(request?.params).toMatchObject({ From: 'client:rep_sato', Caller: 'client:rep_sato', To: '+81312345678', Direction: 'inbound', crmRecordName: '山田 太郎' });
    expect(request?.params.ApplicationSid).toMatch(/^AP[0-9a-f]{32}$/);
  });

  it.each([
    ['tampered', 'tampered' as const],
    ['unsigned', 'unsigned' as const],
    ['signed with another Auth Token', 'wrong-token' as const],
  ])('sends %s requests the server can refuse, and the caller hears an application error', async (_, signature) => {
    const { server, emulator } = setUp({ '/twilio/voice': twiml('<Say>Hello</Say>') });
    const call = await emulator.incomingCall({ from: CALLER, to: NUMBER, signature, statusCallback: null });
    expect(server.paths()).toEqual(['POST /twilio/voice (403)']);
    expect(call.outcome).toBe('application-error');
    expect(call.error?.code).toBe(11200);
    expect(call.heard).toEqual([{ kind: 'application-error' }]);
  });

  it('signs the :443 variant of the URL, which twilio.validateRequest accepts', async () => {
    const { server, emulator } = setUp({ '/twilio/voice': twiml('<Hangup/>') });
    await emulator.incomingCall({ from: CALLER, to: NUMBER, signWithPort: true });
    expect(server.received.map((request) => request.signatureValid)).toEqual([true, true]);
  });

  it('can send another account\'s SID with a genuine signature', async () => {
    const { server, emulator } = setUp({ '/twilio/voice': twiml('<Hangup/>') });
    await emulator.incomingCall({ from: CALLER, to: NUMBER, accountSid: `AC${'f'.repeat(32)}` });
    expect(server.received[0]).toMatchObject({ signatureValid: true, params: { AccountSid: `AC${'f'.repeat(32)}` } });
  });
});

describe('single webhooks', () => {
  it('posts a fixture body, signed, to one path', async () => {
    const { server, emulator } = setUp({});
    const { response } = await emulator.post('/twilio/status?attempt=1', twilioFixture('call-status-parent'));
    expect(response?.status).toBe(200);
    expect(server.received[0]).toMatchObject({ path: '/twilio/status?attempt=1', signatureValid: true, params: { CallStatus: 'completed' } });
  });

  it('posts a tampered copy the server must refuse', async () => {
    const { server, emulator } = setUp({});
    const { response } = await emulator.post('/twilio/status', twilioFixture('call-status-parent'), { signature: 'tampered' });
    expect(response?.status).toBe(403);
    expect(server.received[0]?.params.To).toBe('+8150123456789');
  });
});

describe('<Gather>', () => {
  const menu = twiml('<Gather numDigits="1" action="/twilio/menu?level=1"><Say>Press 1 for sales.</Say></Gather><Say>Goodbye.</Say>');

  it.each([
    ['one key with numDigits', '<Gather numDigits="1" action="/next">', '2', { Digits: '2', FinishedOnKey: '' }],
    ['keys ended by #', '<Gather action="/next">', '123#', { Digits: '123', FinishedOnKey: '#' }],
    ['fewer keys than numDigits: submitted at the timeout', '<Gather numDigits="4" action="/next">', '12', { Digits: '12', FinishedOnKey: '' }],
    ['keys past numDigits are ignored', '<Gather numDigits="2" action="/next">', '1234', { Digits: '12', FinishedOnKey: '' }],
    ['a custom finishOnKey', '<Gather finishOnKey="*" action="/next">', '9*', { Digits: '9', FinishedOnKey: '*' }],
    ['# as a choice, with finishOnKey switched off', '<Gather numDigits="1" finishOnKey="" action="/next">', '#', { Digits: '#', FinishedOnKey: '' }],
  ])('posts Digits and FinishedOnKey: %s', async (_, gather, keys, expected) => {
    const { server, emulator } = setUp({ '/twilio/voice': twiml(`${gather}<Say>Menu</Say></Gather>`), '/next': twiml('<Hangup/>') });
    await emulator.incomingCall({ from: CALLER, to: NUMBER, script: { digits: [keys] }, statusCallback: null });
    expect(server.received[1]).toMatchObject({ path: '/next', signatureValid: true, params: { ...expected, CallStatus: 'in-progress' } });
  });

  it('falls through to the next verb on silence, without requesting the action', async () => {
    const { server, emulator } = setUp({ '/twilio/voice': menu });
    const call = await emulator.incomingCall({ from: CALLER, to: NUMBER, script: { digits: [null] }, statusCallback: null });
    expect(server.paths()).toEqual(['POST /twilio/voice']);
    expect(call.said).toEqual(['Press 1 for sales.', 'Goodbye.']);
    expect(call.outcome).toBe('completed');
  });

  it('treats the finish key alone as no input', async () => {
    const { server, emulator } = setUp({ '/twilio/voice': menu.replace('numDigits="1" ', '') });
    await emulator.incomingCall({ from: CALLER, to: NUMBER, script: { digits: ['#'] }, statusCallback: null });
    expect(server.paths()).toEqual(['POST /twilio/voice']);
  });

  it('takes # as the finish key by default even when one digit is asked for (no input: the action is not requested)', async () => {
    const { server, emulator } = setUp({ '/twilio/voice': menu });
    const call = await emulator.incomingCall({ from: CALLER, to: NUMBER, script: { digits: ['#'] }, statusCallback: null });
    expect(server.paths()).toEqual(['POST /twilio/voice']);
    expect(call.said).toEqual(['Press 1 for sales.', 'Goodbye.']);
  });

  it('requests the action with empty Digits when actionOnEmptyResult is set', async () => {
    const { server, emulator } = setUp({ '/twilio/voice': twiml('<Gather actionOnEmptyResult="true" action="/next"/>') });
    await emulator.incomingCall({ from: CALLER, to: NUMBER, script: { digits: [null] }, statusCallback: null });
    expect(server.received[1]).toMatchObject({ path: '/next', params: { Digits: '', FinishedOnKey: '' } });
  });

  it('posts to the current document URL, query included, when the Gather has no action', async () => {
    const { server, emulator } = setUp({ '/twilio/voice': twiml('<Redirect>/ivr?step=3</Redirect>'), '/ivr': twiml('<Gather numDigits="1"/>') });
    await emulator.incomingCall({ from: CALLER, to: NUMBER, script: { digits: ['5', 'hangup'] }, statusCallback: null });
    expect(server.paths()).toEqual(['POST /twilio/voice', 'POST /ivr?step=3', 'POST /ivr?step=3']);
    expect(server.received[2]?.params.Digits).toBe('5');
  });

  it('hangs up when the script runs out of key presses', async () => {
    const { emulator } = setUp({ '/twilio/voice': menu });
    const call = await emulator.incomingCall({ from: CALLER, to: NUMBER, statusCallback: null });
    expect(call.outcome).toBe('hung-up');
  });

  it('hands the prompt to a script function', async () => {
    const { server, emulator } = setUp({ '/twilio/voice': menu, '/twilio/menu': twiml('<Hangup/>') });
    const seen: unknown[] = [];
    await emulator.incomingCall({
      from: CALLER,
      to: NUMBER,
      statusCallback: null,
      script: { digits: (gather) => (seen.push(gather), '1') },
    });
    expect(seen).toEqual([{ index: 0, numDigits: 1, timeout: 5, finishOnKey: '#', prompts: ['Press 1 for sales.'], documentPath: '/twilio/voice' }]);
    expect(server.received[1]?.params.Digits).toBe('1');
  });
});

describe('<Dial>', () => {
  const ring = (action = ' action="/dial-result"') =>
    twiml(`<Dial timeout="20"${action}><Client><Identity>sato</Identity><Parameter name="caller" value="${CALLER}"/></Client><Client>suzuki</Client></Dial><Say>After the dial.</Say>`);

  it.each([
    ['sato answers', { answeredBy: 'sato', talkSeconds: 42 }, { DialCallStatus: 'completed', DialBridged: 'true', DialCallDuration: '42' }],
    ['both decline', { rejectedBy: 'everyone' as const }, { DialCallStatus: 'busy', DialBridged: 'false' }],
    ['nobody picks up', {}, { DialCallStatus: 'no-answer', DialBridged: 'false' }],
    ['nobody can be reached', { outcome: 'failed' as const }, { DialCallStatus: 'failed', DialBridged: 'false' }],
    ['one declines, the other does not pick up', { rejectedBy: ['sato'] }, { DialCallStatus: 'no-answer' }],
    ['the one meant to answer is not rung', { answeredBy: 'tanaka' }, { DialCallStatus: 'no-answer' }],
  ])('posts the Dial action when %s', async (_, dial, expected) => {
    const { server, emulator } = setUp({ '/twilio/voice': ring(), '/dial-result': twiml('<Hangup/>') });
    const call = await emulator.incomingCall({ from: CALLER, to: NUMBER, script: { dial }, statusCallback: null });
    const action = server.received[1];
    expect(action).toMatchObject({ path: '/dial-result', signatureValid: true, params: { ...expected, CallStatus: 'in-progress' } });
    expect(action?.params.DialCallSid).toBe(call.dials[0]?.legs.find((leg) => leg.status === 'completed')?.callSid);
    expect(call.said).toEqual([]);
  });

  it('continues with the next verb when the Dial has no action', async () => {
    const { server, emulator } = setUp({ '/twilio/voice': ring('') });
    const call = await emulator.incomingCall({ from: CALLER, to: NUMBER, statusCallback: null });
    expect(server.paths()).toEqual(['POST /twilio/voice']);
    expect(call.said).toEqual(['After the dial.']);
  });

  it('records who rang, with their parameters, and who answered', async () => {
    const { emulator } = setUp({ '/twilio/voice': ring(), '/dial-result': twiml('<Hangup/>') });
    const call = await emulator.incomingCall({ from: CALLER, to: NUMBER, script: { dial: [{ answeredBy: ['suzuki', 'sato'] }] }, statusCallback: null });
    expect(call.rang).toEqual([['sato', 'suzuki']]);
    expect(call.dials[0]).toMatchObject({
      clients: [{ identity: 'sato', parameters: { caller: CALLER } }, { identity: 'suzuki', parameters: {} }],
      timeout: 20,
      answeredBy: 'suzuki',
      legs: [{ callee: 'sato', status: 'canceled' }, { callee: 'suzuki', status: 'completed' }],
    });
  });

  it('posts CallStatus=completed and ignores the answer when the caller hangs up', async () => {
    const { server, emulator } = setUp({ '/twilio/voice': ring(), '/dial-result': twiml('<Say>Nobody hears this.</Say>') });
    const call = await emulator.incomingCall({ from: CALLER, to: NUMBER, script: { dial: { callerHangsUpAfter: 10 } }, statusCallback: null });
    expect(server.received[1]?.params).toMatchObject({ CallStatus: 'completed', DialCallStatus: 'canceled' });
    expect(call.said).toEqual([]);
    expect(call.outcome).toBe('hung-up');
  });

  it('sends the child legs\' status callbacks and the recording to the URLs in the TwiML', async () => {
    const { server, emulator } = setUp({
      '/twilio/voice': twiml(
        '<Dial timeout="15" action="/dial-result" record="record-from-answer-dual" recordingStatusCallback="/twilio/recording">' +
          '<Client statusCallback="/twilio/status?leg=sato" statusCallbackEvent="initiated ringing answered completed">sato</Client>' +
          '<Client statusCallback="/twilio/status?leg=suzuki">suzuki</Client></Dial>',
      ),
      '/dial-result': twiml('<Hangup/>'),
    });
    const call = await emulator.incomingCall({ from: CALLER, to: NUMBER, script: { dial: { answeredBy: 'sato', ringSeconds: 5, talkSeconds: 42 } } });
    const callbacks = call.callbacks.map(({ url, params }) => [url.replace(PUBLIC_URL, ''), params.CallStatus ?? params.RecordingStatus, params.SequenceNumber ?? '-', params.Timestamp ?? params.RecordingStartTime].join(' '));
    expect(callbacks).toMatchInlineSnapshot(`
      [
        "/twilio/status?leg=sato initiated 0 Tue, 24 Nov 2026 00:00:00 +0000",
        "/twilio/status?leg=sato ringing 1 Tue, 24 Nov 2026 00:00:00 +0000",
        "/twilio/status?leg=sato in-progress 2 Tue, 24 Nov 2026 00:00:05 +0000",
        "/twilio/status?leg=suzuki canceled 0 Tue, 24 Nov 2026 00:00:05 +0000",
        "/twilio/status?leg=sato completed 3 Tue, 24 Nov 2026 00:00:47 +0000",
        "/twilio/recording completed - Tue, 24 Nov 2026 00:00:05 +0000",
        "/twilio/status completed 0 Tue, 24 Nov 2026 00:00:47 +0000",
      ]
    `);
    expect(sortedKeys(call.callbacks[4]?.params ?? {})).toEqual(sortedKeys(twilioFixture('call-status-child-leg')));
    expect(sortedKeys(call.callbacks[5]?.params ?? {})).toEqual(sortedKeys(twilioFixture('recording-status-dial')));
    expect(sortedKeys(call.callbacks[6]?.params ?? {})).toEqual(sortedKeys(twilioFixture('call-status-parent')));
    expect(sortedKeys(server.received.find((request) => request.path === '/dial-result')?.params ?? {})).toEqual(sortedKeys(twilioFixture('dial-action')));
    expect(call.callbacks[4]?.params).toMatchObject({ ParentCallSid: call.callSid, Direction: 'outbound-dial', CallDuration: '42', To: 'client:sato' });
    expect(server.received.every((request) => request.signatureValid)).toBe(true);
  });
});

describe('status callbacks', () => {
  const routes = {
    '/twilio/voice': twiml('<Dial action="/dial-result"><Client statusCallback="/twilio/status" statusCallbackEvent="initiated ringing answered completed">sato</Client></Dial>'),
    '/dial-result': twiml('<Hangup/>'),
  };
  const statusOrder = (paths: { path: string; params: Record<string, string> }[]) =>
    paths.filter((request) => request.path === '/twilio/status').map((request) => `${request.params.CallSid?.slice(0, 6)}#${request.params.SequenceNumber}`);

  it('delivers them live, in order, by default', async () => {
    const { server, emulator } = setUp(routes);
    await emulator.incomingCall({ from: CALLER, to: NUMBER, script: { dial: { answeredBy: 'sato' } } });
    expect(server.paths()).toEqual(['POST /twilio/voice', ...Array(4).fill('POST /twilio/status'), 'POST /dial-result', 'POST /twilio/status']);
  });

  it('delivers them twice and shuffled, the same way for the same seed', async () => {
    const run = async () => {
      const { server, emulator } = setUp(routes);
      await emulator.incomingCall({ from: CALLER, to: NUMBER, script: { dial: { answeredBy: 'sato' } }, callbacks: { mode: 'after-call', duplicate: true, shuffleSeed: 7 } });
      return statusOrder(server.received);
    };
    const first = await run();
    expect(first).toHaveLength(10);
    expect(first).toEqual(await run());
    expect(first).not.toEqual([...first].sort());
  });

  it('leaves them to the test in manual mode', async () => {
    const { server, emulator } = setUp(routes);
    const call = await emulator.incomingCall({ from: CALLER, to: NUMBER, script: { dial: { answeredBy: 'sato' } }, callbacks: { mode: 'manual' } });
    expect(statusOrder(server.received)).toEqual([]);
    const sent = await emulator.deliver(call.callbacks.slice(0, 2), { duplicate: true });
    expect(sent.map((request) => request.status)).toEqual([200, 200, 200, 200]);
    expect(server.received.slice(-2).map((request) => request.headers['i-twilio-idempotency-token'])).toEqual([
      server.received.at(-2)?.headers['i-twilio-idempotency-token'],
      server.received.at(-2)?.headers['i-twilio-idempotency-token'],
    ]);
  });
});

describe('<Record>, <Redirect>, <Reject>', () => {
  it('posts the recording to the action and to the recording status callback', async () => {
    const { server, emulator } = setUp({
      '/twilio/voice': twiml('<Say>Leave a message.</Say><Record maxLength="120" action="/voicemail/done?n=1" recordingStatusCallback="/twilio/recording"/>'),
    });
    const call = await emulator.incomingCall({ from: CALLER, to: NUMBER, script: { record: { seconds: 20 } }, statusCallback: null });
    expect(server.received[1]).toMatchObject({ path: '/voicemail/done?n=1', params: { RecordingDuration: '20', Digits: 'hangup', CallStatus: 'completed' } });
    expect(server.received[1]?.params.RecordingUrl).toMatch(new RegExp(`^https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/RE[0-9a-f]{32}$`));
    expect(server.received[2]).toMatchObject({ path: '/twilio/recording', params: { RecordingStatus: 'completed', RecordingSource: 'RecordVerb', RecordingDuration: '20' } });
    expect(call.heard).toContainEqual({ kind: 'beep' });
    expect(call.outcome).toBe('hung-up');
  });

  it('continues with the next verb when the caller leaves nothing', async () => {
    const { server, emulator } = setUp({ '/twilio/voice': twiml('<Record action="/voicemail/done"/><Say>No message.</Say>') });
    const call = await emulator.incomingCall({ from: CALLER, to: NUMBER, script: { record: null }, statusCallback: null });
    expect(server.paths()).toEqual(['POST /twilio/voice']);
    expect(call.said).toEqual(['No message.']);
  });

  it.each([
    ['relative to the path', '/twilio/ivr/menu?level=1', 'next?level=2', '/twilio/ivr/next?level=2'],
    ['going up a level', '/twilio/ivr/menu', '../voice/again', '/twilio/voice/again'],
    ['absolute path', '/twilio/ivr/menu', '/twilio/other', '/twilio/other'],
    ['absolute URL', '/twilio/ivr/menu', `${PUBLIC_URL}/twilio/full?a=1&amp;b=2`, '/twilio/full?a=1&b=2'],
  ])('resolves a Redirect %s', async (_, from, to, expected) => {
    const { server, emulator } = setUp({ '/twilio/voice': twiml(`<Redirect>${from}</Redirect>`), [from.split('?')[0] ?? '']: twiml(`<Redirect method="POST">${to}</Redirect>`), [expected]: twiml('<Hangup/>') });
    await emulator.incomingCall({ from: CALLER, to: NUMBER, statusCallback: null });
    expect(server.received.map((request) => request.path)).toEqual(['/twilio/voice', from, expected]);
    expect(server.received.every((request) => request.signatureValid)).toBe(true);
  });

  it.each([
    ['rejected', 'no-answer'],
    ['busy', 'busy'],
  ])('rejects the call (%s) without answering it', async (reason, status) => {
    const { server, emulator } = setUp({ '/twilio/voice': twiml(`<Reject reason="${reason}"/><Say>Unreachable.</Say>`) });
    const call = await emulator.incomingCall({ from: CALLER, to: NUMBER });
    expect(call.outcome).toBe('rejected');
    expect(call.said).toEqual([]);
    expect(server.received[1]?.params).toMatchObject({ CallStatus: status, CallDuration: '0' });
  });
});

describe('what Twilio refuses', () => {
  const xml = (body: string, contentType = 'text/xml') => () => new Response(body, { headers: { 'Content-Type': contentType } });

  it.each([
    ['a 500', () => new Response('boom', { status: 500 }), 11200],
    ['a 404', () => new Response('not found', { status: 404 }), 11200],
    ['invalid XML', xml('<Response><Say>unclosed</Response>'), 12100],
    ['whitespace before the XML declaration', xml('\n<?xml version="1.0"?><Response/>'), 12100],
    ['an empty body', xml(''), 12100],
    ['a root other than <Response>', xml('<Dial>rep_1</Dial>'), 12100],
    ['JSON', xml('{"say":"hi"}', 'application/json'), 12300],
    ['plain text', xml('<Response/>', 'text/plain'), 12300],
    ['more than 64 kB', xml(`<Response><Say>${'あ'.repeat(22_000)}</Say></Response>`), 11750],
    ['an unknown verb', xml('<Response><Speak>hi</Speak></Response>'), 12200],
    ['a Dial with 11 clients', xml(`<Response><Dial>${'<Client>a</Client>'.repeat(11)}</Dial></Response>`), 12200],
  ])('ends the call with an application error on %s', async (_, route, code) => {
    const { emulator } = setUp({ '/twilio/voice': twiml('<Redirect>/broken</Redirect>'), '/broken': route });
    const call = await emulator.incomingCall({ from: CALLER, to: NUMBER, statusCallback: null });
    expect(call.outcome).toBe('application-error');
    expect(call.error).toMatchObject({ code, path: '/broken' });
    expect(call.heard.at(-1)).toEqual({ kind: 'application-error' });
  });

  it('skips a <Play> of a twimlet, which answers TwiML and not audio (12300), and goes on with the next verb [inferred]', async () => {
    const twimlet = 'https://twimlets.com/holdmusic?Bucket=com.twilio.music.classical';
    const { emulator } = setUp({ '/twilio/voice': twiml(`<Play>${twimlet}</Play><Gather numDigits="1"><Play>${twimlet}</Play><Say>Press 1.</Say></Gather><Say>Goodbye.</Say>`) });
    const call = await emulator.incomingCall({ from: CALLER, to: NUMBER, script: { digits: [null] }, statusCallback: null });
    expect(call.outcome).toBe('completed');
    expect(call.heard.map((heard) => (heard.kind === 'say' ? heard.text : heard.kind))).toEqual(['Press 1.', 'Goodbye.']);
    expect(call.gathers[0]?.prompts).toEqual(['Press 1.']);
    expect(call.events.filter((event) => event.type === 'error')).toEqual([
      expect.objectContaining({ code: 12300, path: twimlet }),
      expect.objectContaining({ code: 12300, path: twimlet }),
    ]);
  });

  it('accepts application/xml and text/html, as Twilio does', async () => {
    const { emulator } = setUp({ '/twilio/voice': xml('<Response><Redirect>/html</Redirect></Response>', 'application/xml'), '/html': xml('<Response><Say>ok</Say></Response>', 'text/html') });
    const call = await emulator.incomingCall({ from: CALLER, to: NUMBER, statusCallback: null });
    expect(call.outcome).toBe('completed');
    expect(call.said).toEqual(['ok']);
  });

  it(`stops a call that never ends after ${MAX_DOCUMENTS_PER_CALL} documents`, async () => {
    const { server, emulator } = setUp({ '/twilio/voice': twiml('<Redirect/>'.replace('<Redirect/>', '<Redirect>/twilio/voice</Redirect>')) });
    const call = await emulator.incomingCall({ from: CALLER, to: NUMBER, statusCallback: null });
    expect(call.outcome).toBe('loop-limit');
    expect(server.received).toHaveLength(MAX_DOCUMENTS_PER_CALL);
  });
});

describe('the transcript', () => {
  it('tells the story of a call', async () => {
    const say = (text: string) => `<Say voice="Polly.Mizuki" language="ja-JP">${text}</Say>`;
    const { emulator } = setUp({
      '/twilio/voice': twiml(`${say('お電話ありがとうございます。')}<Gather numDigits="1" action="/twilio/ivr?path=root"><Say>For sales press 1.</Say></Gather><Redirect>/twilio/voice?retry=1</Redirect>`),
      '/twilio/ivr': twiml('<Dial timeout="20" action="/twilio/ring?i=1" callerId="+815012345678"><Client>sato</Client></Dial>'),
      '/twilio/ring': (params) =>
        params.DialCallStatus === 'completed'
          ? twiml('<Hangup/>')
          : twiml(`<Play>https://yobidashi.example.jp/media/unavailable.mp3</Play><Pause length="1"/>${say('発信音の後にメッセージをどうぞ。')}<Record maxLength="120" action="/twilio/voicemail" playBeep="true"/>`),
      '/twilio/voicemail': twiml('<Hangup/>'),
    });
    const call = await emulator.incomingCall({
      from: CALLER,
      to: NUMBER,
      script: { digits: [null, '1'], dial: { rejectedBy: ['sato'] }, record: { seconds: 12, endedBy: '#' } },
    });
    expect(describeCall(call)).toMatchInlineSnapshot(`
      "POST /twilio/voice → 200
        say [Polly.Mizuki ja-JP] お電話ありがとうございます。
        say [man en-US] For sales press 1.
        gather numDigits=1 timeout=5 → no input
      POST /twilio/voice?retry=1 → 200
        say [Polly.Mizuki ja-JP] お電話ありがとうございます。
        say [man en-US] For sales press 1.
        gather numDigits=1 timeout=5 → pressed "1"
      POST /twilio/ivr?path=root Digits="1" FinishedOnKey="" → 200
        dial sato (timeout=20 callerId=+815012345678) → busy
      POST /twilio/ring?i=1 DialCallStatus="busy" → 200
        play https://yobidashi.example.jp/media/unavailable.mp3
        pause 1 s
        say [Polly.Mizuki ja-JP] 発信音の後にメッセージをどうぞ。
        beep
        record → 12 s, ended by #
      POST /twilio/voicemail Digits="#" RecordingDuration="12" → 200
        hangup
      = completed"
    `);
    expect(call.heard[0]).toEqual({ kind: 'say', text: 'お電話ありがとうございます。', voice: 'Polly.Mizuki', language: 'ja-JP', loop: 1 });
    expect(call.requests.map((request) => request.path)).toEqual(['/twilio/voice', '/twilio/voice?retry=1', '/twilio/ivr?path=root', '/twilio/ring?i=1', '/twilio/voicemail']);
    expect(call.recordings).toMatchObject([{ source: 'RecordVerb', duration: 12 }]);
    expect(call.deliveries.map((request) => `${request.path} ${request.params.CallStatus}`)).toEqual(['/twilio/status completed']);
  });
});

import { describe, expect, it } from 'vitest';
import { createMessagingPhoneClient, toCheckResults, type BackgroundLink } from '@/models/messaging-phone-client';
import { signedOutState, type PublicState } from '@/messaging/public-state';
import type { PhoneSnapshot } from '@/models/phone-state';
import type { CallInfo } from '@/phone/call-info';

const caller: CallInfo = {
  callId: 'c1', direction: 'incoming', number: null, calledNumber: '+81312345678', calledLabel: '代表', ivrPath: ['営業', '新規'], callSid: 'CA1', record: null,
};
const incoming: PublicState = {
  ...signedOutState,
  signedIn: true,
  online: true,
  status: 'ready',
  calls: { current: { kind: 'incoming', since: 1, call: caller }, waiting: null },
};

function fakeLink(state: PublicState) {
  const sent: unknown[] = [];
  const link: BackgroundLink = {
    send: (async (message: { type: string }) => {
      sent.push(message);
      if (message.type === 'getState') return state;
      return null;
    }) as BackgroundLink['send'],
    onStateChanged: () => () => undefined,
  };
  return { link, sent };
}

describe('the phone over the background messages', () => {
  it('maps the background state to what the UI shows, a withheld caller as no number', async () => {
    const { link } = fakeLink(incoming);
    const snapshots: PhoneSnapshot[] = [];
    createMessagingPhoneClient(link, () => 'JP').subscribe((snapshot) => snapshots.push(snapshot));
    await Promise.resolve();
    await Promise.resolve();
    expect(snapshots.at(-1)).toEqual({
      status: 'ready',
      available: true,
      phase: 'incoming',
      call: { callId: 'c1', sid: 'CA1', direction: 'inbound', number: '', calledNumber: '+81312345678', calledLabel: '代表', ivrPath: ['営業', '新規'], record: null, others: [], crmLookup: null, answeredAt: null, muted: false, invite: null },
      waiting: null,
      defaultCountry: 'JP',
      canCallOut: false,
      problem: null,
      live: null,
      network: null,
    });
  });

  it('shows a call that did not start with its reason, a withheld caller as no number', async () => {
    const { link } = fakeLink({ ...signedOutState, callProblem: { reason: 'twilio-unreachable', direction: 'incoming', number: null, at: 5 } });
    const snapshots: PhoneSnapshot[] = [];
    createMessagingPhoneClient(link, () => 'JP').subscribe((snapshot) => snapshots.push(snapshot));
    await Promise.resolve();
    await Promise.resolve();
    expect(snapshots.at(-1)?.problem).toEqual({ reason: 'twilio-unreachable', direction: 'inbound', number: '' });
  });

  it('answers and declines the call the card names, whichever of two callers it is, in typed messages', async () => {
    const { link, sent } = fakeLink({ ...incoming, calls: { ...incoming.calls, waiting: { ...caller, callId: 'c2', callSid: 'CA2' } } });
    const client = createMessagingPhoneClient(link, () => 'JP');
    client.subscribe(() => undefined);
    await Promise.resolve();
    await Promise.resolve();
    await client.decline('c2');
    await client.accept('c1');
    await client.sendDigits('1');
    await client.dial({ to: '+81312345678' });
    expect(sent.slice(1)).toEqual([
      { type: 'reject', callId: 'c2' },
      { type: 'accept', callId: 'c1' },
      { type: 'sendDigits', digits: '1' },
      { type: 'dial', to: '+81312345678', record: null },
    ]);
  });

  it('maps the core’s setup check steps, with their fixes, to the checklist', () => {
    expect(
      toCheckResults({
        steps: [
          { step: 'signedIn', ok: true, fix: null },
          { step: 'microphone', ok: true, fix: null },
          { step: 'server', ok: true, fix: null },
          { step: 'token', ok: true, fix: null },
          { step: 'online', ok: true, fix: null },
          { step: 'twilio', ok: false, fix: 'check.device.fix' },
        ],
      }),
    ).toEqual([
      { id: 'signed-in', ok: true },
      { id: 'microphone', ok: true },
      { id: 'server', ok: true },
      { id: 'token', ok: true },
      { id: 'online', ok: true },
      { id: 'device', ok: false, fix: 'check.device.fix' },
    ]);
  });
});

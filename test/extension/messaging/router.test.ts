import { describe, expect, it, vi } from 'vitest';
import { routeBackgroundMessages, routeOffscreenMessages, ReplyError, type BackgroundHandlers, type OnMessage } from '@/messaging/router';
import type { ExtensionIdentity, MessageSenderInfo } from '@/messaging/sender';

const self: ExtensionIdentity = { id: 'ourid', origin: 'chrome-extension://ourid/', offscreenPath: '/offscreen.html' };
const popup: MessageSenderInfo = { id: 'ourid', url: 'chrome-extension://ourid/popup.html' };
const contentScript: MessageSenderInfo = { id: 'ourid', url: 'https://crm.zoho.eu/crm/org1/tab/Contacts/9', tab: { id: 4 } };
const worker: MessageSenderInfo = { id: 'ourid', url: 'chrome-extension://ourid/background.js' };

function fakeOnMessage() {
  const listeners: Parameters<OnMessage['addListener']>[0][] = [];
  const onMessage: OnMessage = { addListener: (l) => listeners.push(l), removeListener: () => undefined };
  const deliver = (message: unknown, sender: MessageSenderInfo) => listeners.map((l) => l(message, sender)).find(Boolean);
  return { onMessage, deliver };
}

function handlers(overrides: Partial<BackgroundHandlers> = {}): BackgroundHandlers {
  const none = vi.fn(async () => null);
  return {
    dial: vi.fn(async () => ({ callId: 'c1' })),
    getState: none as never, loadPageUi: none, signIn: none as never, acceptInvite: none as never, signOut: none, setOnline: none as never, accept: none, reject: none,
    hangUp: none, mute: none, sendDigits: none, checkSetup: none as never, finishWrapUp: none, recentCalls: none as never,
    phoneEvent: none, dismissCallProblem: none, followUps: none as never, completeFollowUp: none, voicemailAudio: none as never,
    hold: none as never, resume: none as never, leaveCall: none as never, transfer: none as never, completeTransfer: none as never,
    cancelTransfer: none as never, pauseRecording: none as never, resumeRecording: none as never, addParty: none as never, listColleagues: none as never, monitor: none as never, stopMonitor: none as never,
    listLiveCalls: none as never,
    ...overrides,
  };
}

describe('background message routing', () => {
  it('answers our popup’s dial with the handler’s value', async () => {
    const { onMessage, deliver } = fakeOnMessage();
    const h = handlers();
    routeBackgroundMessages(onMessage, self, h);
    await expect(deliver({ type: 'dial', to: '+33123456789', record: null }, popup)).resolves.toEqual({ ok: true, value: { callId: 'c1' } });
    expect(h.dial).toHaveBeenCalledOnce();
  });

  it('refuses a content script’s sign-in without running the handler', async () => {
    const { onMessage, deliver } = fakeOnMessage();
    const h = handlers();
    routeBackgroundMessages(onMessage, self, h);
    const reply = await deliver({ type: 'signIn', serverUrl: 'https://x.example', email: 'a@b.c', password: 'p' }, contentScript);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(h.signIn).not.toHaveBeenCalled();
  });

  it('leaves messages of other shapes unanswered, so other listeners can reply', () => {
    const { onMessage, deliver } = fakeOnMessage();
    routeBackgroundMessages(onMessage, self, handlers());
    expect(deliver({ target: 'offscreen', type: 'accept', callId: 'c1' }, worker)).toBeUndefined();
    expect(deliver({ type: 'stateChanged', state: {} }, worker)).toBeUndefined();
  });

  it('turns a handler’s ReplyError into its error code', async () => {
    const { onMessage, deliver } = fakeOnMessage();
    routeBackgroundMessages(onMessage, self, handlers({ hangUp: async () => { throw new ReplyError('no_call', 'nothing to hang up'); } }));
    await expect(deliver({ type: 'hangUp' }, popup)).resolves.toEqual({ ok: false, error: { code: 'no_call', message: 'nothing to hang up' } });
  });

  it('passes on the values a refusal’s sentence needs, so a sign-in lock says how long it lasts', async () => {
    const { onMessage, deliver } = fakeOnMessage();
    const locked = new ReplyError('too_many_attempts', 'Too many wrong passwords. Try again in 15 minutes.', { retryAfterMinutes: 15 });
    routeBackgroundMessages(onMessage, self, handlers({ signIn: async () => { throw locked; } }));
    await expect(deliver({ type: 'signIn', serverUrl: 'https://phone.example.jp', email: 'sato@example.jp', password: 'p' }, popup)).resolves.toEqual({
      ok: false,
      error: { code: 'too_many_attempts', message: locked.message, params: { retryAfterMinutes: 15 } },
    });
  });
});

describe('offscreen message routing', () => {
  it('carries out the service worker’s commands only', async () => {
    const { onMessage, deliver } = fakeOnMessage();
    const handle = vi.fn(async () => 'done');
    routeOffscreenMessages(onMessage, self, handle);
    await expect(deliver({ target: 'offscreen', type: 'hangUp' }, worker)).resolves.toEqual({ ok: true, value: 'done' });
    await expect(deliver({ target: 'offscreen', type: 'hangUp' }, contentScript)).resolves.toMatchObject({ ok: false });
    await expect(deliver({ target: 'offscreen', type: 'hangUp' }, { id: 'other', url: 'chrome-extension://other/x' })).resolves.toMatchObject({ ok: false });
    expect(deliver({ type: 'hangUp' }, popup)).toBeUndefined();
    expect(handle).toHaveBeenCalledOnce();
  });

  it('answers a Twilio error with its number, so the background can word it for the rep', async () => {
    const { onMessage, deliver } = fakeOnMessage();
    const twilioError = Object.assign(new Error('Connection error'), { code: 31005 });
    routeOffscreenMessages(onMessage, self, async () => { throw twilioError; });
    await expect(deliver({ target: 'offscreen', type: 'hangUp' }, worker)).resolves.toEqual({
      ok: false, error: { code: 'twilio-31005', message: 'Connection error' },
    });
  });
});

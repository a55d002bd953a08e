import { describe, expect, it } from 'vitest';
import { backgroundMessage, type BackgroundMessage } from '@/messaging/protocol';
import { authorize, classifySender, type ExtensionIdentity, type MessageSenderInfo } from '@/messaging/sender';

const self: ExtensionIdentity = {
  id: 'abcdefghijklmnopabcdefghijklmnop',
  origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/',
  offscreenPath: '/offscreen.html',
};
const zohoUrl = 'https://crm.zoho.jp/crm/org123456/tab/Leads/4876876000000123001';

const senders = {
  'our popup': { id: self.id, url: `${self.origin}popup.html`, origin: self.origin.slice(0, -1) },
  'our options page in a tab': { id: self.id, url: `${self.origin}options.html`, tab: { id: 7, url: `${self.origin}options.html` } },
  'our offscreen document': { id: self.id, url: `${self.origin}offscreen.html` },
  'our content script on Zoho': { id: self.id, url: zohoUrl, origin: 'https://crm.zoho.jp', tab: { id: 3, url: zohoUrl }, frameId: 0 },
  'our content script in a frame of a page': {
    id: self.id, url: zohoUrl, origin: 'https://crm.zoho.jp', tab: { id: 3, url: 'https://intranet.example/' }, frameId: 5,
  },
  'another extension': { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/bg.js' },
  'another extension claiming our URL': { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: `${self.origin}popup.html` },
  'a web page': { url: 'https://evil.example/', origin: 'https://evil.example', tab: { id: 9 } },
} satisfies Record<string, MessageSenderInfo>;
type SenderName = keyof typeof senders;

const CALL_SID = `CA${'0a'.repeat(16)}`;
const record = { crm: 'zoho', module: 'Leads', id: '4876876000000123001', name: '山田 太郎', url: zohoUrl };
const messages = {
  dial: { type: 'dial', to: '+81312345678', record },
  getState: { type: 'getState' },
  loadPageUi: { type: 'loadPageUi' },
  signIn: { type: 'signIn', serverUrl: 'https://yobidashi.example.jp', email: 'rep@example.jp', password: 'pw' },
  setOnline: { type: 'setOnline', online: true },
  setOffline: { type: 'setOnline', online: false },
  dismissCallProblem: { type: 'dismissCallProblem' },
  signOut: { type: 'signOut' },
  accept: { type: 'accept' },
  reject: { type: 'reject', callId: 'c1' },
  hangUp: { type: 'hangUp' },
  mute: { type: 'mute', muted: true },
  sendDigits: { type: 'sendDigits', digits: '1#' },
  checkSetup: { type: 'checkSetup' },
  finishWrapUp: { type: 'finishWrapUp', note: 'n' },
  recentCalls: { type: 'recentCalls' },
  phoneEvent: { type: 'phoneEvent', event: { kind: 'registered' } },
  hold: { type: 'hold', callSid: CALL_SID },
  resume: { type: 'resume', callSid: CALL_SID },
  leaveCall: { type: 'leaveCall', callSid: CALL_SID },
  transfer: { type: 'transfer', callSid: CALL_SID, to: { user: 'suzuki' }, mode: 'warm', note: '見積もりの件' },
  completeTransfer: { type: 'completeTransfer', callSid: CALL_SID },
  cancelTransfer: { type: 'cancelTransfer', callSid: CALL_SID },
  pauseRecording: { type: 'pauseRecording', callSid: CALL_SID },
  resumeRecording: { type: 'resumeRecording', callSid: CALL_SID },
  addParty: { type: 'addParty', callSid: CALL_SID, to: { number: '+81355551234' } },
  listColleagues: { type: 'listColleagues', q: 'さとう' },
  monitor: { type: 'monitor', callSid: CALL_SID, mode: 'whisper' },
  stopMonitor: { type: 'stopMonitor', callSid: CALL_SID },
  listLiveCalls: { type: 'listLiveCalls' },
} as const satisfies Record<string, BackgroundMessage>;
type MessageName = keyof typeof messages;

describe('who may send what to the background', () => {
  it.each<[SenderName, MessageName, boolean]>([
    ['our popup', 'signIn', true],
    ['our popup', 'dial', true],
    ['our popup', 'accept', true],
    ['our popup', 'recentCalls', true],
    ['our options page in a tab', 'signIn', true],
    ['our options page in a tab', 'setOnline', true],
    ['our content script on Zoho', 'dial', true],
    ['our content script on Zoho', 'getState', true],
    // Its page UI (dialer, cards) comes on demand, into its own tab's top frame only.
    ['our content script on Zoho', 'loadPageUi', true],
    ['our content script in a frame of a page', 'loadPageUi', false],
    ['our popup', 'loadPageUi', false],
    ['our options page in a tab', 'loadPageUi', false],
    ['our offscreen document', 'loadPageUi', false],
    ['another extension', 'loadPageUi', false],
    ['a web page', 'loadPageUi', false],
    // The page's call card: Accept / Decline, hang up, mute, keypad.
    ['our content script on Zoho', 'accept', true],
    ['our content script on Zoho', 'reject', true],
    ['our content script on Zoho', 'hangUp', true],
    ['our content script on Zoho', 'mute', true],
    ['our content script on Zoho', 'sendDigits', true],
    // The notice of a call that did not start: Close, and "Go online" when offline was the reason.
    ['our content script on Zoho', 'dismissCallProblem', true],
    ['our content script on Zoho', 'setOnline', true],
    ['our popup', 'dismissCallProblem', true],
    ['a web page', 'dismissCallProblem', false],
    ['a web page', 'setOnline', false],
    // Session, going offline, setup and the call log stay with our own pages.
    ['our content script on Zoho', 'signIn', false],
    ['our content script on Zoho', 'signOut', false],
    ['our content script on Zoho', 'setOffline', false],
    ['our popup', 'setOffline', true],
    ['our content script on Zoho', 'checkSetup', false],
    ['our content script on Zoho', 'finishWrapUp', false],
    ['our content script on Zoho', 'recentCalls', false],
    ['our content script on Zoho', 'phoneEvent', false],
    ['our popup', 'reject', true],
    ['our popup', 'mute', true],
    ['our popup', 'finishWrapUp', true],
    ['our offscreen document', 'phoneEvent', true],
    ['our popup', 'phoneEvent', false],
    ['our offscreen document', 'signIn', false],
    ['another extension', 'dial', false],
    ['another extension', 'getState', false],
    ['another extension claiming our URL', 'signIn', false],
    ['a web page', 'dial', false],
    ['a web page', 'signIn', false],
    ['a web page', 'accept', false],
    ['a web page', 'hangUp', false],
    ['another extension', 'reject', false],
    ['another extension', 'sendDigits', false],
    // The page's call card works the call it shows: hold, transfer, add, leave, and the colleagues to pick.
    ['our content script on Zoho', 'hold', true],
    ['our content script on Zoho', 'resume', true],
    ['our content script on Zoho', 'transfer', true],
    ['our content script on Zoho', 'completeTransfer', true],
    ['our content script on Zoho', 'cancelTransfer', true],
    ['our content script on Zoho', 'pauseRecording', true],
    ['our popup', 'resumeRecording', true],
    ['a web page', 'pauseRecording', false],
    ['our content script on Zoho', 'addParty', true],
    ['our content script on Zoho', 'leaveCall', true],
    ['our content script on Zoho', 'listColleagues', true],
    ['our popup', 'transfer', true],
    ['our popup', 'listColleagues', true],
    // Listening in on other reps' calls is for a supervisor's own pages only.
    ['our popup', 'monitor', true],
    ['our popup', 'stopMonitor', true],
    ['our popup', 'listLiveCalls', true],
    ['our content script on Zoho', 'monitor', false],
    ['our content script on Zoho', 'stopMonitor', false],
    ['our content script on Zoho', 'listLiveCalls', false],
    ['a web page', 'hold', false],
    ['a web page', 'transfer', false],
    ['another extension', 'monitor', false],
    ['another extension', 'listColleagues', false],
    ['our offscreen document', 'transfer', false],
  ])('%s → %s: %s', (senderName, messageName, allowed) => {
    const message = backgroundMessage.parse(messages[messageName]);
    expect(authorize(message, senders[senderName], self).allowed).toBe(allowed);
  });

  it('classifies each sender', () => {
    const kinds = Object.fromEntries(Object.entries(senders).map(([name, sender]) => [name, classifySender(sender, self)]));
    expect(kinds).toMatchInlineSnapshot(`
      {
        "a web page": "foreign",
        "another extension": "foreign",
        "another extension claiming our URL": "foreign",
        "our content script in a frame of a page": "content-script",
        "our content script on Zoho": "content-script",
        "our offscreen document": "offscreen",
        "our options page in a tab": "extension-page",
        "our popup": "extension-page",
      }
    `);
  });

  it('refuses a content-script dial about a record on another site', () => {
    const message = backgroundMessage.parse({ ...messages.dial, record: { ...record, url: 'https://crm.zoho.com/crm/org1/tab/Leads/1' } });
    expect(authorize(message, senders['our content script on Zoho'], self)).toMatchObject({ allowed: false });
  });
});

describe('the shapes a content script’s messages must have', () => {
  it.each([
    ['our button’s message', { type: 'dial', to: '+81312345678', record }, true],
    ['a dial without a record (generic site)', { type: 'dial', to: '+14155550100', record: null }, true],
    ['an extra field riding along', { type: 'dial', to: '+81312345678', record, token: 'x' }, false],
    ['a number that is not E.164', { type: 'dial', to: '03-1234-5678', record: null }, false],
    ['a missing record field', { type: 'dial', to: '+81312345678' }, false],
    ['a record with a javascript: URL', { type: 'dial', to: '+81312345678', record: { ...record, url: 'javascript:alert(1)' } }, false],
    ['a record with an extra field', { type: 'dial', to: '+81312345678', record: { ...record, phone: '1' } }, false],
    ['an unknown message type', { type: 'exportSettings' }, false],
    ['keypad digits', { type: 'sendDigits', digits: '123*#' }, true],
    ['keypad text that is not DTMF', { type: 'sendDigits', digits: '1; drop' }, false],
    ['too many digits at once', { type: 'sendDigits', digits: '1'.repeat(33) }, false],
    ['mute without a boolean', { type: 'mute', muted: 'yes' }, false],
    ['an accept with an extra field', { type: 'accept', callId: 'c1', record }, false],
    ['a hang-up naming a call (not in the protocol)', { type: 'hangUp', callId: 'c1' }, false],
    ['asking for the page UI', { type: 'loadPageUi' }, true],
    ['asking for the page UI in another tab', { type: 'loadPageUi', tabId: 9 }, false],
    ['asking for another file', { type: 'loadPageUi', files: ['options.js'] }, false],
    ['a hold naming a call by its CallSid', { type: 'hold', callSid: CALL_SID }, true],
    ['a hold without a call', { type: 'hold' }, false],
    ['a hold naming something that is not a CallSid', { type: 'hold', callSid: '../../api/users' }, false],
    ['a transfer to a colleague', { type: 'transfer', callSid: CALL_SID, to: { user: 'suzuki' }, mode: 'blind' }, true],
    ['a transfer to a typed number not yet E.164', { type: 'transfer', callSid: CALL_SID, to: { number: '03-5555-1234' }, mode: 'blind' }, false],
    ['a transfer to both a colleague and a number', { type: 'transfer', callSid: CALL_SID, to: { user: 'suzuki', number: '+81355551234' }, mode: 'blind' }, false],
    ['a transfer in an unknown mode', { type: 'transfer', callSid: CALL_SID, to: { user: 'suzuki' }, mode: 'silent' }, false],
    ['a transfer note of 501 characters', { type: 'transfer', callSid: CALL_SID, to: { user: 'suzuki' }, mode: 'warm', note: 'あ'.repeat(501) }, false],
    ['an added party by number', { type: 'addParty', callSid: CALL_SID, to: { number: '+81355551234' } }, true],
    ['monitoring in an unknown mode', { type: 'monitor', callSid: CALL_SID, mode: 'record' }, false],
  ])('%s', (_name, raw, valid) => {
    expect(backgroundMessage.safeParse(raw).success).toBe(valid);
  });
});

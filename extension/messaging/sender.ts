import type { BackgroundMessage, BackgroundMessageType } from './protocol';

/** The subset of `runtime.MessageSender` we decide on. */
export interface MessageSenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
  documentId?: string;
}

export interface ExtensionIdentity {
  id: string;
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/` (from `runtime.getURL('/')`). */
  origin: string;
  /** Path of the offscreen document (`/offscreen.html`). */
  offscreenPath: string;
}

export type SenderKind = 'extension-page' | 'offscreen' | 'content-script' | 'foreign';

/**
 * Who sent a message. Our own pages have our id AND a URL under our origin; a content script has our id
 * but the page's URL and a tab; anything else (another extension, a web page) is foreign.
 */
export function classifySender(sender: MessageSenderInfo, self: ExtensionIdentity): SenderKind {
  if (sender.id !== self.id) return 'foreign';
  const url = sender.url ?? '';
  if (url.startsWith(self.origin)) {
    const path = safePath(url);
    return path === self.offscreenPath ? 'offscreen' : 'extension-page';
  }
  if (sender.tab && url && /^(https?|file):/.test(url)) return 'content-script';
  return 'foreign';
}

/**
 * Which kind of sender may send which message. Our content script (the call buttons, the page's call card
 * and its dialer) may dial, read the public state, work the call it shows (answer, decline, hang up, mute,
 * keypad; hold, transfer, add, leave, and the colleagues to pick from), close the notice of a call that
 * did not start, go online from it, and ask for its page UI. The background only ever applies call
 * control to the call being talked on (named by its CallSid): a card cannot reach any other call.
 * Everything else (session, going offline, settings, call log, a supervisor's monitoring of other reps'
 * calls) is for our own pages only.
 */
const allowedSenders: Record<BackgroundMessageType, readonly SenderKind[]> = {
  dial: ['extension-page', 'content-script'],
  getState: ['extension-page', 'content-script'],
  loadPageUi: ['content-script'],
  signIn: ['extension-page'],
  acceptInvite: ['extension-page'],
  signOut: ['extension-page'],
  setOnline: ['extension-page', 'content-script'],
  accept: ['extension-page', 'content-script'],
  reject: ['extension-page', 'content-script'],
  hangUp: ['extension-page', 'content-script'],
  mute: ['extension-page', 'content-script'],
  sendDigits: ['extension-page', 'content-script'],
  checkSetup: ['extension-page'],
  finishWrapUp: ['extension-page'],
  recentCalls: ['extension-page'],
  phoneEvent: ['offscreen'],
  dismissCallProblem: ['extension-page', 'content-script'],
  hold: ['extension-page', 'content-script'],
  resume: ['extension-page', 'content-script'],
  leaveCall: ['extension-page', 'content-script'],
  transfer: ['extension-page', 'content-script'],
  completeTransfer: ['extension-page', 'content-script'],
  cancelTransfer: ['extension-page', 'content-script'],
  pauseRecording: ['extension-page', 'content-script'],
  resumeRecording: ['extension-page', 'content-script'],
  addParty: ['extension-page', 'content-script'],
  listColleagues: ['extension-page', 'content-script'],
  monitor: ['extension-page'],
  stopMonitor: ['extension-page'],
  listLiveCalls: ['extension-page'],
  followUps: ['extension-page'],
  completeFollowUp: ['extension-page'],
  voicemailAudio: ['extension-page'],
};

export type Verdict = { allowed: true; kind: SenderKind } | { allowed: false; kind: SenderKind; reason: string };

/**
 * Whether the (already shape-checked) message may be acted on. A content script's dial must also be about
 * the page it runs on: the record it names lives on the sender's own origin; its page UI goes into its own
 * tab's top frame.
 */
export function authorize(message: BackgroundMessage, sender: MessageSenderInfo, self: ExtensionIdentity): Verdict {
  const kind = classifySender(sender, self);
  if (!allowedSenders[message.type].includes(kind)) {
    return { allowed: false, kind, reason: `${message.type} is not accepted from a ${kind} sender` };
  }
  // A page's notice offers "Go online" after a refused call; taking the rep offline is not a page's business.
  if (kind === 'content-script' && message.type === 'setOnline' && !message.online) {
    return { allowed: false, kind, reason: 'a page may only take the rep online' };
  }
  // Our content script runs in the top frame only: the page UI goes nowhere else.
  if (message.type === 'loadPageUi' && (sender.tab?.id === undefined || sender.frameId !== 0)) {
    return { allowed: false, kind, reason: 'the page UI loads into a tab’s top frame only' };
  }
  if (kind === 'content-script' && message.type === 'dial' && message.record) {
    if (safeOrigin(message.record.url) !== safeOrigin(sender.url ?? '')) {
      return { allowed: false, kind, reason: 'the record is not on the page that asked to dial' };
    }
  }
  return { allowed: true, kind };
}

function safePath(url: string): string | null {
  try {
    return new URL(url).pathname;
  } catch {
    return null;
  }
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

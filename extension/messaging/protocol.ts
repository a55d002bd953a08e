import { z } from 'zod';
import { callInfoSchema, crmRecordSchema, e164Schema } from '@/phone/call-info';
import { audioChoiceSchema, phoneEventSchema } from '@/phone/phone-device';
import type { CallLogEntry } from '@/api/schemas';
import { MONITOR_MODES, type Colleague } from '@/call-control/live-call';
import type { LiveCallView } from '@/call-control/live-call-view';
import { TRANSFER_NOTE_MAX_LENGTH } from '../../server/voice/call-parameters';
import type { FollowUp, WaitingLine } from '@/api/follow-up-schemas';
import type { MessageKey } from '@/locales/messages';
import { publicStateSchema } from './public-state';

/**
 * The one message protocol between the extension's contexts, named by direction.
 * Every message is a strict zod object: unknown fields make it invalid, so nothing rides along.
 *
 * content script → background: dial, getState, accept, reject, hangUp, mute, sendDigits (the page's call card),
 *                               hold, resume, transfer, completeTransfer, cancelTransfer, addParty, leaveCall,
 *                               pauseRecording, resumeRecording,
 *                               listColleagues (the card's call control: the call it shows, nothing else),
 *                               dismissCallProblem and setOnline (only to go online) from the notice of a
 *                               call that did not start, loadPageUi (inject the page UI bundle into the
 *                               sender's own page)
 * popup / options → background: signIn, acceptInvite, signOut, setOnline, dial, accept, reject, hangUp, mute,
 *                               sendDigits, getState, checkSetup, finishWrapUp, recentCalls, dismissCallProblem,
 *                               the call control above, and for supervisors monitor, stopMonitor, listLiveCalls,
 *                               and followUps, completeFollowUp, voicemailAudio
 * offscreen → background: phoneEvent
 * background → offscreen (carry `target: 'offscreen'`): initDevice, updateToken, ensureRegistered, connect,
 *                               accept, reject, hangUp, mute, sendDigits, setAudioDevices, destroyDevice,
 *                               getPhoneSnapshot
 * background → all extension pages and subscribed tabs: stateChanged
 */

// The exact message our call button sends after a click (extension/crm); nothing else may come from a page.
export const dialMessage = z.strictObject({ type: z.literal('dial'), to: e164Schema, record: crmRecordSchema.nullable() });
export const getStateMessage = z.strictObject({ type: z.literal('getState') });
// The launcher was opened or a call needs a card: the background injects `content-scripts/crm-ui.js`
// into the very page (tab, top frame) that asked. Nothing to name: no other target can be asked for.
export const loadPageUiMessage = z.strictObject({ type: z.literal('loadPageUi') });

/** The call-log key of a live call (server: `/api/calls/:callSid/…`): Twilio's CallSid. */
const callSidField = z.string().regex(/^CA[0-9a-fA-F]{32}$/);
/** A colleague by id, or a number the UI already made E.164 (the server guards it like any outgoing call). */
const callTargetSchema = z.union([z.strictObject({ user: z.string().min(1).max(128) }), z.strictObject({ number: e164Schema })]);
const onCall = <T extends string>(type: T) => z.strictObject({ type: z.literal(type), callSid: callSidField });

/** Call control (docs/call-flow.md): each acts on the call being talked on, named by its CallSid. */
const callControlMessages = [
  onCall('hold'),
  onCall('resume'),
  onCall('leaveCall'),
  z.strictObject({
    type: z.literal('transfer'),
    callSid: callSidField,
    to: callTargetSchema,
    mode: z.enum(['blind', 'warm']),
    note: z.string().max(TRANSFER_NOTE_MAX_LENGTH).optional(),
  }),
  onCall('completeTransfer'),
  onCall('cancelTransfer'),
  onCall('pauseRecording'),
  onCall('resumeRecording'),
  z.strictObject({ type: z.literal('addParty'), callSid: callSidField, to: callTargetSchema }),
  z.strictObject({ type: z.literal('listColleagues'), q: z.string().max(100).optional() }),
  // Supervisors and admins, from our own pages only: any live call.
  z.strictObject({ type: z.literal('monitor'), callSid: callSidField, mode: z.enum(MONITOR_MODES) }),
  onCall('stopMonitor'),
  z.strictObject({ type: z.literal('listLiveCalls') }),
] as const;

export const backgroundMessage = z.discriminatedUnion('type', [
  ...callControlMessages,
  dialMessage,
  getStateMessage,
  loadPageUiMessage,
  z.strictObject({
    type: z.literal('signIn'),
    serverUrl: z.url({ protocol: /^https?$/ }),
    email: z.string().min(1).max(320),
    password: z.string().min(1).max(1024),
  }),
  // The options page accepts an invitation: the server from the link, the rep's password (new or existing).
  z.strictObject({
    type: z.literal('acceptInvite'),
    serverUrl: z.url({ protocol: /^https?$/ }),
    token: z.string().regex(/^yi_[\w-]{43}$/),
    password: z.string().min(1).max(1024),
    name: z.string().trim().min(1).max(100).optional(),
  }),
  z.strictObject({ type: z.literal('signOut') }),
  z.strictObject({ type: z.literal('setOnline'), online: z.boolean() }),
  z.strictObject({ type: z.literal('accept'), callId: z.string().optional() }),
  z.strictObject({ type: z.literal('reject'), callId: z.string().optional() }),
  z.strictObject({ type: z.literal('hangUp') }),
  z.strictObject({ type: z.literal('mute'), muted: z.boolean() }),
  z.strictObject({ type: z.literal('sendDigits'), digits: z.string().regex(/^[0-9*#w]{1,32}$/) }),
  z.strictObject({ type: z.literal('checkSetup') }),
  z.strictObject({
    type: z.literal('finishWrapUp'),
    note: z.string().max(4000).optional(),
    disposition: z.string().max(64).optional(),
    /** The call is someone else's (a supervisor took it over): the note goes into its history as the rep's. */
    keep: z.literal('history').optional(),
  }),
  z.strictObject({ type: z.literal('recentCalls'), limit: z.number().int().min(1).max(100).optional() }),
  z.strictObject({ type: z.literal('phoneEvent'), event: phoneEventSchema }),
  z.strictObject({ type: z.literal('dismissCallProblem') }),
  // The popup's "to call back" list and waiting-line indicator (server/routes/follow-ups.ts, waiting-line.ts).
  z.strictObject({ type: z.literal('followUps') }),
  z.strictObject({ type: z.literal('completeFollowUp'), id: z.string().regex(/^\d{1,18}$/) }),
  z.strictObject({ type: z.literal('voicemailAudio'), id: z.string().regex(/^\d{1,18}$/) }),
]);
export type BackgroundMessage = z.infer<typeof backgroundMessage>;
export type BackgroundMessageType = BackgroundMessage['type'];

export const offscreenMessage = z.discriminatedUnion('type', [
  z.strictObject({ target: z.literal('offscreen'), type: z.literal('initDevice'), token: z.string(), audio: audioChoiceSchema }),
  z.strictObject({ target: z.literal('offscreen'), type: z.literal('updateToken'), token: z.string() }),
  z.strictObject({ target: z.literal('offscreen'), type: z.literal('ensureRegistered') }),
  z.strictObject({
    target: z.literal('offscreen'),
    type: z.literal('connect'),
    callId: z.string(),
    params: z.record(z.string(), z.string()),
    call: callInfoSchema,
  }),
  z.strictObject({ target: z.literal('offscreen'), type: z.literal('accept'), callId: z.string() }),
  z.strictObject({ target: z.literal('offscreen'), type: z.literal('reject'), callId: z.string() }),
  z.strictObject({ target: z.literal('offscreen'), type: z.literal('hangUp'), callId: z.string().optional() }),
  z.strictObject({ target: z.literal('offscreen'), type: z.literal('mute'), muted: z.boolean() }),
  z.strictObject({ target: z.literal('offscreen'), type: z.literal('sendDigits'), digits: z.string() }),
  z.strictObject({ target: z.literal('offscreen'), type: z.literal('setAudioDevices'), audio: audioChoiceSchema }),
  z.strictObject({ target: z.literal('offscreen'), type: z.literal('destroyDevice') }),
  // A restarted service worker asks what the phone is doing (registration, live calls) to re-sync.
  z.strictObject({ target: z.literal('offscreen'), type: z.literal('getPhoneSnapshot') }),
]);
export type OffscreenMessage = z.infer<typeof offscreenMessage>;

export const stateChangedMessage = z.strictObject({ type: z.literal('stateChanged'), state: publicStateSchema });
export type StateChangedMessage = z.infer<typeof stateChangedMessage>;

export const setupCheckSchema = z.object({
  steps: z.array(
    z.object({
      step: z.enum(['signedIn', 'microphone', 'server', 'token', 'online', 'twilio', 'outgoingNumber']),
      ok: z.boolean(),
      /** The dictionary's key (extension/locales) saying how to fix it, when not ok. */
      fix: z.custom<MessageKey>((value) => typeof value === 'string').nullable(),
    }),
  ),
});
export type SetupCheck = z.infer<typeof setupCheckSchema>;

/** What each background message answers with (the `value` of a successful reply). */
export interface BackgroundReplies {
  dial: { callId: string };
  getState: z.infer<typeof publicStateSchema>;
  loadPageUi: null;
  signIn: z.infer<typeof publicStateSchema>;
  acceptInvite: z.infer<typeof publicStateSchema>;
  signOut: null;
  setOnline: z.infer<typeof publicStateSchema>;
  accept: null;
  reject: null;
  hangUp: null;
  mute: null;
  sendDigits: null;
  checkSetup: SetupCheck;
  finishWrapUp: null;
  recentCalls: { calls: CallLogEntry[] };
  phoneEvent: null;
  dismissCallProblem: null;
  hold: LiveCallView;
  resume: LiveCallView;
  leaveCall: LiveCallView;
  transfer: LiveCallView;
  completeTransfer: LiveCallView;
  cancelTransfer: LiveCallView;
  pauseRecording: LiveCallView;
  resumeRecording: LiveCallView;
  addParty: LiveCallView;
  listColleagues: { colleagues: Colleague[] };
  monitor: LiveCallView;
  stopMonitor: LiveCallView;
  listLiveCalls: { calls: LiveCallView[] };
  followUps: { followUps: FollowUp[]; waitingLine: WaitingLine };
  completeFollowUp: null;
  /** The voicemail as a `data:` URL the popup's <audio> plays (the popup has no session token). */
  voicemailAudio: { dataUrl: string };
}

export type ProtocolMap = {
  [K in BackgroundMessageType]: { request: Extract<BackgroundMessage, { type: K }>; reply: BackgroundReplies[K] };
};

/** `params`: the values the code's sentence needs (`retryAfterMinutes`…), as the server gave them. */
export const replyErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type Reply<T> = { ok: true; value: T } | { ok: false; error: z.infer<typeof replyErrorSchema> };

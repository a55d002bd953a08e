import type { CountryCode } from 'libphonenumber-js';
import type { LiveCallView } from '@/call-control/live-call-view';
import type { CallInvite } from '@/phone/call-info';
import type { MessageKey } from '@/locales/messages';
import type { CallProblem } from '@/phone/call-problems';
import type { CallNetworkFacts } from '@/phone/network-notice';

/** The phone's registration state, as the core's offscreen Device reports it. */
export const PHONE_STATUSES = [
  'offline',
  'connecting',
  'ready',
  'no-microphone',
  'server-unreachable',
  'twilio-unreachable',
] as const;
export type PhoneStatus = (typeof PHONE_STATUSES)[number];

export const CALL_PHASES = ['idle', 'dialing', 'ringing-out', 'incoming', 'in-call', 'wrap-up'] as const;
export type CallPhase = (typeof CALL_PHASES)[number];

/** The CRM record a call is about (the page the rep clicked on, or the server's match for a caller). */
export interface CrmRecordRef {
  module: string;
  id: string;
  name?: string | null;
  url?: string | null;
}

/** What the UI needs to know about the current call: plain data, never an SDK object. */
export interface CallView {
  /** The phone's own id for the call: what Accept and Decline on its card name. */
  callId: string;
  /** Parent CallSid once known: the call log key for the note and disposition. */
  sid: string | null;
  direction: 'inbound' | 'outbound';
  /** The other party as Twilio reports it (E.164, or one of the withheld stand-ins). */
  number: string;
  /** Inbound: the company number that was called and its label. */
  calledNumber?: string | null;
  calledLabel?: string | null;
  /** Inbound: the labels of the IVR choices the caller made. */
  ivrPath?: readonly string[];
  record?: CrmRecordRef | null;
  /** Inbound: other records that have the caller's number (the card lists them under `record`). */
  others?: readonly CrmRecordRef[];
  /** Inbound: how the CRM lookup ended (`none`: a new caller; `unanswered`: the CRM did not answer in time). */
  crmLookup?: 'matched' | 'none' | 'unanswered' | null;
  /** Epoch ms when the call was answered; the timer counts from here. */
  answeredAt?: number | null;
  muted: boolean;
  /** Rung into a call already under way: a colleague's transfer, consult or invitation, a ring-back, monitoring. */
  invite?: CallInvite | null;
}

export interface PhoneSnapshot {
  status: PhoneStatus;
  /** The rep's online/offline toggle (may be on while the Device is still connecting). */
  available: boolean;
  phase: CallPhase;
  call: CallView | null;
  /** A second inbound call while on a call (call waiting): shown as a card, never a full ring. */
  waiting?: CallView | null;
  defaultCountry?: CountryCode;
  /** False when no admin has assigned this rep an outgoing number (calls out are impossible). */
  canCallOut?: boolean;
  /** The last call that did not start, and why (until the rep closes it or it no longer applies). */
  problem?: CallProblemView | null;
  /** The call being talked on, as its conference room stands (hold, who is on it, a transfer on its way). */
  live?: LiveCallView | null;
  /** How the network carries the call on the card, or that it dropped the one in wrap-up (network-notice.ts). */
  network?: CallNetworkFacts | null;
  /** The call in wrap-up is someone else's after all (a supervisor took it over): `by`, their name when known. */
  takenOver?: { by: string | null } | null;
  /** The call in wrap-up is one the user took over: its notes became theirs after their leg ended. */
  inherited?: boolean;
  /** Wrap-ups of calls the user took over, waiting for the call or wrap-up under way to be over. */
  owedWrapUps?: number;
  /** More of them than could be kept: their notes are not asked for here (call-state.ts `owedDropped`). */
  owedDropped?: number;
}

export interface CallProblemView {
  reason: CallProblem;
  direction: 'inbound' | 'outbound';
  /** The number called, or the caller's ('' for a withheld caller). */
  number: string;
}

export const OFFLINE_SNAPSHOT: PhoneSnapshot = { status: 'offline', available: false, phase: 'idle', call: null };

export interface DialRequest {
  to: string;
  record?: CrmRecordRef | null;
}

/** One link of the "Why can't I call?" chain, checked by the core in this order. */
export const CHECK_IDS = ['signed-in', 'microphone', 'server', 'token', 'online', 'device', 'outgoing-number'] as const;
export type CheckId = (typeof CHECK_IDS)[number];
export interface CheckResult {
  id: CheckId;
  /** null: not checked (an earlier link broke, so this one could not be tested). */
  ok: boolean | null;
  /** How to fix it, when the core says more than the link's usual fix (e.g. Twilio not set up yet). */
  fix?: MessageKey;
  /** Technical detail (error code), shown small under the fix. */
  detail?: string;
}

/**
 * What the UI may ask of the phone. The popup/options entrypoints implement it with the extension's
 * messaging; tests implement it with a plain object. Components never see `browser.*`.
 */
export interface PhoneClient {
  subscribe(listener: (snapshot: PhoneSnapshot) => void): () => void;
  dial(request: DialRequest): Promise<void>;
  /** Answers the ringing call with this id (each card names its own caller). */
  accept(callId: string): Promise<void>;
  decline(callId: string): Promise<void>;
  hangUp(): Promise<void>;
  setMuted(muted: boolean): Promise<void>;
  sendDigits(digits: string): Promise<void>;
  setAvailable(available: boolean): Promise<void>;
  /** Leaves wrap-up (after the note is saved or skipped). */
  finishWrapUp(): Promise<void>;
  /** Closes the notice of a call that did not start. */
  dismissProblem(): Promise<void>;
  runChecks(): Promise<CheckResult[]>;
}

/**
 * What the rest of the server needs from a CRM. Zoho implements it first (server/crm/zoho/);
 * another CRM implements the same interface. Failures are thrown as the errors in ./errors.ts.
 */

export type CrmModule = 'Contacts' | 'Leads' | 'Accounts' | 'Deals';

/** A CRM record a call can hang off, with a link a rep can open. */
export type CrmRecordRef = {
  module: CrmModule;
  id: string;
  name: string;
  url: string;
  modifiedAt: string | null;
};

export type CallerMatch =
  /** `others` are the further matches, most recently modified first, for the rep to pick. */
  | { status: 'matched'; record: CrmRecordRef; others: CrmRecordRef[] }
  | { status: 'new-caller' }
  /** The time budget ran out; `settled` resolves when the lookup finishes, to fill the call in afterwards. */
  | { status: 'pending'; settled: Promise<CallerMatch> }
  | { status: 'unavailable'; reason: string };

export type CallDirection = 'inbound' | 'outbound';
/** `missed` = nobody answered an inbound call; `voicemail` = the caller left a message. */
export type CallOutcome = 'answered' | 'missed' | 'voicemail' | 'unanswered';

export type CallLog = {
  callSid: string;
  direction: CallDirection;
  outcome: CallOutcome;
  startedAt: Date;
  durationSeconds: number;
  /** E.164 */
  from: string;
  /** E.164 */
  to: string;
  /** The other party's display name, when the CRM knows it. */
  counterpartName: string | null;
  /** The record the call is about; null = unknown caller. */
  related: { module: CrmModule; id: string } | null;
  /** The rep's CRM user id (owner of the call record); null = the connection's user. */
  ownerCrmUserId: string | null;
  /** Menu labels the caller went through, in order. */
  ivrPath: string[];
  note: string | null;
  disposition: string | null;
  /** A value of the CRM's call-result picklist. */
  callResult: string | null;
  /** What happened on the call (answer, holds, transfers, consults, added parties, monitoring), people by name. */
  history?: CallHistoryItem[];
  /**
   * The record the call was matched to but the CRM no longer has (merged away, or matched in the
   * org connected before): the call is logged without a link, and its description says so.
   * `other-org`: known to be a record of the org connected before (crm/org-switch.ts).
   */
  unlinkedRecord?: { module: CrmModule; id: string; reason?: 'other-org' } | null;
};

export type CallHistoryItem = {
  at: Date;
  kind: string;
  /** Display names (a user's name, else a number or id as recorded). */
  actor: string | null;
  subject: string | null;
  details: Record<string, unknown>;
};

export type RecordingAttachment = {
  callSid: string;
  /** The CRM record the note goes on (for Zoho: the Calls record). */
  parent: { module: CrmModule | 'Calls'; id: string };
  /** Twilio's RecordingSid: the media URL is built from it (never a URL from a callback). */
  recordingSid: string;
  durationSeconds: number | null;
  /** What was recorded: a conversation (the default), or a caller's voicemail; the note is titled so. */
  kind?: 'conversation' | 'voicemail';
  /** A note already created by an earlier attempt: skip straight to the upload (after checking it has none). */
  existingNoteId?: string | null;
  /** Called as soon as the note exists (created, or found), so a retry does not create a second one. */
  onNoteKnown?: (noteId: string) => Promise<void> | void;
  /** Attempts already made: any of them may have created the note (then it is looked for first). */
  attempts?: number;
  /** When a send went without an answer (or a claim was lost): it may have landed. */
  unconfirmedSince?: Date | null;
  /** epoch ms */
  now?: number;
};

/**
 * What the CRM holds for a recording: the audio file, or only a link to Twilio's media (a recording
 * too large for the CRM). A link dies with the Twilio recording: never delete one that is only linked.
 */
export type RecordingStoredAs = 'file' | 'link';

export type AttachedRecording = { noteId: string; attachmentId: string; storedAs: RecordingStoredAs };

export type CrmUser = { id: string; name: string; email: string; active: boolean };

export interface CrmAdapter {
  lookupCaller(e164: string, options?: { budgetMs?: number }): Promise<CallerMatch>;
  logCall(call: CallLog, options?: { mayAlreadyExist?: boolean }): Promise<{ recordId: string }>;
  /** After the call: `call` already carries the rep's new note / disposition / result. */
  updateCall(recordId: string, call: CallLog): Promise<void>;
  attachRecording(input: RecordingAttachment): Promise<AttachedRecording>;
  listUsers(): Promise<CrmUser[]>;
  /**
   * Which CRM account (for Zoho: the org, in its data centre) the adapter's records are in, as a key
   * compared for equality only; null when it cannot tell now. Ids kept from one account are not sent
   * to another (crm/org-switch.ts).
   */
  orgKey(): Promise<string | null>;
}

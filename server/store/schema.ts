import type { ColumnType, Generated } from 'kysely';

/**
 * The database as Kysely sees it. One schema for both engines (PGlite and PostgreSQL); the tables
 * are created by the forward-only migrations in ./migrations.
 */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

// ── Foundation (0001) ────────────────────────────────────────────────────────────────────────────

export interface UsersTable {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'supervisor' | 'rep';
  password_hash: string | null;
  crm_user_id: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  last_used_at: Timestamp;
}

export interface RateLimitsTable {
  key: string;
  hits: number;
  window_started_at: Timestamp;
}

export interface StoredTwilio {
  accountSid?: string;
  apiKeySid?: string;
  twimlAppSid?: string;
  /** AES-256-GCM ciphertexts (see security/secret-box.ts). */
  authTokenSealed?: string;
  apiKeySecretSealed?: string;
}

export interface AppSettingsTable {
  id: number;
  twilio: Json<StoredTwilio>;
  settings: Json<Record<string, unknown>>;
  revision: number;
  updated_at: Timestamp;
}

export interface IncomingNumbersTable {
  number: string;
  position: number;
  /** The IncomingNumber document (label, voice, messages, route…) as validated. */
  definition: Json<Record<string, unknown>>;
  /** Provisioning bookkeeping (issue 5): the Twilio number SID and what it pointed at before us. */
  twilio_sid: string | null;
  previous_twilio: Json<Record<string, unknown> | null> | null;
  /** The Voice URL we set on that number (PUBLIC_URL then): still ours after PUBLIC_URL changes (0017). */
  twilio_voice_url: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface OutgoingAssignmentsTable {
  user_id: string;
  number: string;
  record: boolean;
}

export interface PresenceTable {
  user_id: string;
  available: boolean;
  heartbeat_at: Timestamp;
  online_since: Timestamp | null;
  /** Sequential-ring order: ascending; a rep who goes online or answers takes the next value. */
  ring_position: string | null;
  on_call_sid: string | null;
  on_call_since: Timestamp | null;
}

export interface AudioFilesTable {
  id: string;
  content_type: string;
  size: number;
  data: Uint8Array;
  original_name: string;
  created_at: CreatedAt;
}

export interface FoundationTables {
  users: UsersTable;
  sessions: SessionsTable;
  rate_limits: RateLimitsTable;
  app_settings: AppSettingsTable;
  incoming_numbers: IncomingNumbersTable;
  outgoing_assignments: OutgoingAssignmentsTable;
  presence: PresenceTable;
  audio_files: AudioFilesTable;
}

// ── Call log (0002, voice engine) ────────────────────────────────────────────────────────────────
// The voice engine adds its tables below.

export type CallDirection = 'inbound' | 'outbound';
/** Final outcomes; `in-progress` until one is known. */
export type CallStatus = 'in-progress' | 'completed' | 'missed' | 'voicemail' | 'busy' | 'failed' | 'canceled';

export interface CallsTable {
  /** The parent CallSid. */
  call_sid: string;
  direction: CallDirection;
  /** Raw `From`: E.164, a withheld-ID spelling, or `client:<rep>` for outgoing calls. */
  from_number: string;
  to_number: string;
  /** Our number: the one called (inbound) or the caller ID used (outbound). */
  number_called: string | null;
  number_label: string | null;
  ivr_path: Json<string[]>;
  /** The rep on the call: who answered (inbound) or who called (outbound). */
  rep_id: string | null;
  /** Reps whose phone rang, in order. */
  rang: ColumnType<string[], string[] | undefined, string[]>;
  status: Generated<CallStatus>;
  /** Monotonic: an update never lowers it (in-progress < missed < canceled < failed < busy < voicemail < completed). */
  status_rank: Generated<number>;
  /** Why the call ended without a rep (`no-outgoing-number`, `premium-rate`, `not-in-service`…). */
  reason: string | null;
  started_at: Timestamp;
  answered_at: Timestamp | null;
  ended_at: Timestamp | null;
  duration_seconds: number | null;
  sequence_number: Generated<number>;
  crm_record: Json<Record<string, string> | null> | null;
  note: string | null;
  disposition: string | null;
  updated_at: Generated<Date>;
  /** 0007: the conference room the answered call lives in (named after the customer's CallSid). */
  room: ColumnType<string | null, string | null | undefined, string | null>;
  conference_sid: ColumnType<string | null, string | null | undefined, string | null>;
  room_state: ColumnType<RoomState | null, RoomState | null | undefined, RoomState | null>;
  /** The customer's leg: the call itself for inbound calls, the `<Number>` child for outbound ones. */
  customer_leg_sid: ColumnType<string | null, string | null | undefined, string | null>;
  /** The first rep to answer (inbound) or the caller (outbound); `rep_id` follows transfers. */
  answered_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** Bumped by every call-control decision: two requests racing on one call cannot both apply. */
  control_version: Generated<number>;
  /** 0008: the keys of the IVR menu path the caller is at (`'21'`); `''` the top menu; null = no menu. */
  ivr_keys: ColumnType<string | null, string | null | undefined, string | null>;
  ivr_state: ColumnType<IvrState | null, IvrState | null | undefined, IvrState | null>;
  /** 0008: when the menu sent the caller to a ring action: the start of their wait for a rep. */
  ivr_routed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** 0008, generated: answered / voicemail / missed, null while going on or failed on our side. */
  outcome: ColumnType<CallOutcome | null, never, never>;
  /** 0008, generated: seconds from the end of the menu (or the start) to the answer. */
  wait_seconds: ColumnType<number | null, never, never>;
  /** 0008, generated: seconds from the answer to the end. */
  talk_seconds: ColumnType<number | null, never, never>;
  /** 0018: null while the room is not recorded; `on`, or `paused` (PCI: card numbers, personal data). */
  recording: ColumnType<RecordingState | null, RecordingState | null | undefined, RecordingState | null>;
  recording_paused_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  recording_paused_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** 0019: how a caller lookup that outlived the ring's budget ended without a record (a match goes to `crm_record`); 0021: `pending` while it goes on. */
  crm_lookup: ColumnType<CrmLookupVerdict | null, CrmLookupVerdict | null | undefined, CrmLookupVerdict | null>;
  /** 0022: the Zoho org (`<api host>/<org id>`) the ids in `crm_record` come from (a record from the page: the org connected when it was called); null = not known. */
  crm_org: ColumnType<string | null, string | null | undefined, string | null>;
}

/**
 * `none`: nobody in the CRM has the caller's number; `unavailable`: the CRM failed or timed out;
 * `pending`: the lookup outlived the ring's budget and has not answered yet.
 */
export type CrmLookupVerdict = 'pending' | 'none' | 'unavailable';

export type RecordingState = 'on' | 'paused';

export type RoomState = 'joining' | 'live' | 'ended';

export type CallOutcome = 'answered' | 'voicemail' | 'missed';

/** Where the caller stands in the IVR: still choosing, sent on to a ring action, or out of tries. */
export type IvrState = 'menu' | 'routed' | 'gave-up';

export interface CallLegsTable {
  call_sid: string;
  parent_call_sid: string;
  rep_id: string | null;
  to_number: string;
  status: string;
  sequence_number: number;
  started_at: Timestamp;
  answered_at: Timestamp | null;
  ended_at: Timestamp | null;
  duration_seconds: number | null;
}

export interface CallRecordingsTable {
  recording_sid: string;
  call_sid: string;
  url: string;
  status: string;
  status_rank: number;
  duration_seconds: number | null;
  channels: number | null;
  source: string | null;
  created_at: Timestamp;
}

export type PartyKind = 'customer' | 'rep' | 'guest' | 'supervisor';
export type PartyPurpose = 'customer' | 'answer' | 'transfer' | 'consult' | 'add' | 'monitor' | 'recall';
export type PartyState = 'ringing' | 'talking' | 'held' | 'left' | 'failed';
export type MonitorMode = 'listen' | 'whisper' | 'barge';

/** 0007: everyone in (or invited to) a call's room, one row per leg. */
export interface CallPartiesTable {
  id: Generated<string>;
  call_sid: string;
  /** The conference participant label: `customer`, `rep:<id>`, `sup:<id>`, `guest:<n>`. */
  label: string;
  kind: PartyKind;
  purpose: PartyPurpose;
  user_id: string | null;
  number: string | null;
  leg_sid: string | null;
  state: PartyState;
  monitor: MonitorMode | null;
  invited_by: string | null;
  /** The transferring rep's note for the colleague. */
  note: string | null;
  /**
   * How an invitation ended when it never joined: `no-answer`, `busy`, `failed`, `canceled`; while
   * still listed, `taken-out` or `cancelling` when we asked Twilio to take the leg out (call-parties.ts).
   */
  outcome: string | null;
  /** The conference `SequenceNumber` of the last event applied to this party. */
  event_seq: Generated<number>;
  invited_at: Timestamp;
  joined_at: Timestamp | null;
  left_at: Timestamp | null;
  held_since: Timestamp | null;
}

/** 0007: the call's history, for the call log and the CRM record. */
export interface CallEventsTable {
  id: Generated<string>;
  call_sid: string;
  at: Timestamp;
  kind: string;
  actor: string | null;
  subject: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** Twilio retries and races between instances record an event once. */
  dedupe_key: string | null;
}

export interface CallLogTables {
  calls: CallsTable;
  call_legs: CallLegsTable;
  call_recordings: CallRecordingsTable;
  call_parties: CallPartiesTable;
  call_events: CallEventsTable;
}

// ── CRM write-back (0003, crm-outbox) ────────────────────────────────────────────────────────────

export type CrmOutboxKind = 'log-call' | 'update-call' | 'attach-recording' | 'create-task' | 'close-task';
export type CrmOutboxStatus = 'pending' | 'sending' | 'done' | 'parked';

export interface CrmConnectionTable {
  id: number;
  /** New on every connect: a token refresh of an older connection never overwrites a newer one. */
  connection_id: string;
  provider: 'zoho';
  data_centre: string;
  accounts_url: string;
  api_domain: string;
  refresh_token_sealed: string;
  access_token_sealed: string | null;
  access_token_expires_at: Timestamp | null;
  /** Self Client credentials given with the grant code; null = the server's ZOHO_CLIENT_ID / SECRET. */
  client_id: string | null;
  client_secret_sealed: string | null;
  org: Json<{ id: string; name: string | null; timeZone: string | null } | null> | null;
  connected_user: Json<{ id: string; name: string; email: string } | null> | null;
  connected_by: string | null;
  /** Why deliveries are on hold (revoked grant…); null while healthy. */
  problem: string | null;
  connected_at: Timestamp;
  updated_at: Timestamp;
}

export interface CrmOutboxTable {
  id: Generated<string>;
  call_sid: string;
  kind: CrmOutboxKind;
  payload: ColumnType<Record<string, unknown>, string | undefined, string>;
  status: Generated<CrmOutboxStatus>;
  attempts: Generated<number>;
  revision: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  zoho_record_id: string | null;
  claimed_by: string | null;
  claimed_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** 0005: when the entry was last sent without an answer; it searches before creating again. */
  unconfirmed_since: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** 0014: an `attach-recording` entry's RecordingSid ('' for other kinds): one entry per recording. */
  recording_sid: Generated<string>;
}

export interface CrmCallRecordsTable {
  call_sid: string;
  zoho_call_id: string;
  /** 0022: the Zoho org (`<api host>/<org id>`) the call was logged in; null = logged before 0022. */
  org: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** 0014: per recording, its note and attachment in the CRM, and when it was deleted from Twilio. */
export interface CrmRecordingsTable {
  recording_sid: string;
  call_sid: string;
  note_id: string | null;
  attachment_id: string | null;
  /** What the CRM holds: the mp3, or only a link to Twilio's media. Null: not attached yet (or unknown, before 0014). */
  stored_as: 'file' | 'link' | null;
  deleted_from_twilio_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** 0004: the admin's CRM settings; no row = the defaults. */
export interface CrmSettingsTable {
  id: number;
  delete_recordings_after_upload: boolean;
  updated_at: Timestamp;
}

export interface CrmTables {
  crm_connection: CrmConnectionTable;
  crm_outbox: CrmOutboxTable;
  crm_call_records: CrmCallRecordsTable;
  crm_recordings: CrmRecordingsTable;
  crm_settings: CrmSettingsTable;
}

// ── Invitations (0006, rollout) ──────────────────────────────────────────────────────────────────

export interface InvitesTable {
  id: string;
  email: string;
  /** The name the admin's list gave, offered to the rep as theirs; null = from the e-mail address. */
  name: string | null;
  /** SHA-256 of the one-time token in the link (security/session-tokens.ts); the token itself is never stored. */
  token_hash: string;
  invited_by: string | null;
  created_at: Timestamp;
  /** When the current link was issued (created or resent). */
  sent_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_user_id: string | null;
  revoked_at: Timestamp | null;
}

export interface InviteTables {
  invites: InvitesTable;
}

// ── Hardening (0005, issue 9) ────────────────────────────────────────────────────────────────────

/** A Zoho authorization in progress: its `state` (hashed), taken once by the callback. */
export interface OAuthStatesTable {
  state_hash: string;
  user_id: string;
  data_centre: string;
  expires_at: Timestamp;
  created_at: Timestamp;
}

export interface HardeningTables {
  oauth_states: OAuthStatesTable;
}

// ── Live board (0008) ────────────────────────────────────────────────────────────────────────────

/** What changed, written by triggers in the writing transaction (see store/live-feed.ts). */
export interface LiveFeedTable {
  id: Generated<string>;
  /** The writing transaction's id (`pg_current_xact_id()`): readers go up to the oldest one running. */
  tx: Generated<string>;
  at: Generated<Date>;
  topic: string;
  /** Users whose board card may have changed. */
  reps: ColumnType<string[], string[] | undefined, string[]>;
}

/** The oldest transaction horizon the pruned feed can still replay from. */
export interface LiveFeedFloorTable {
  id: number;
  tx: string;
}

export interface LiveBoardTables {
  live_feed: LiveFeedTable;
  live_feed_floor: LiveFeedFloorTable;
}


// ── Business hours and the waiting line (0010, hours) ────────────────────────────────────────────

export type WaitingState = 'waiting' | 'ringing' | 'left';
export type WaitingOutcome = 'answered' | 'voicemail' | 'callback' | 'timeout' | 'hung-up' | 'unavailable';
export type FollowUpKind = 'missed' | 'voicemail' | 'callback';

/** A caller in (or once in) a ring action's waiting line. */
export interface WaitingCallersTable {
  call_sid: string;
  /** Our number the caller called. */
  number: string;
  /** The IVR keys to the ring action ("12"); '' for a number that rings reps directly. */
  path: string;
  language: string;
  /** The ring action's reps when the caller joined: who may take them. */
  users: ColumnType<string[], string[], string[]>;
  priority: number;
  announce_seconds: number;
  max_wait_seconds: number;
  state: WaitingState;
  outcome: WaitingOutcome | null;
  /** The reps ringing for this caller now (state `ringing`): nobody else in line rings them meanwhile. */
  ringing: ColumnType<string[], string[] | undefined, string[]>;
  enqueued_at: Timestamp;
  announced_at: Timestamp | null;
  /** After a ring nobody answered: this caller rings again no sooner than this. */
  ring_after: Timestamp | null;
  /** When the caller's leg should next be brought back to `/queue/wait` (announcement, max wait). */
  next_check_at: Timestamp;
  left_at: Timestamp | null;
}

/** "Call this person back": one open follow-up per caller number. */
export interface FollowUpsTable {
  id: Generated<string>;
  caller_number: string;
  number_called: string | null;
  kind: FollowUpKind;
  first_call_sid: string;
  last_call_sid: string;
  last_call_at: Timestamp;
  /** The number's owner, else the first rep rung; null: anyone responsible. */
  owner_id: string | null;
  /** Reps who see it in their "to call back" list (besides admins and supervisors). */
  responsible: ColumnType<string[], string[] | undefined, string[]>;
  /** The number notifies its reps of voicemails. */
  notify: boolean;
  due_at: Timestamp;
  created_at: Timestamp;
  done_at: Timestamp | null;
  done_by: string | null;
  zoho_task_id: string | null;
  /** 0022: the Zoho org (`<api host>/<org id>`) the task was created in; null = created before 0022. */
  zoho_task_org: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface FollowUpCallsTable {
  call_sid: string;
  follow_up_id: string;
  kind: FollowUpKind;
  at: Timestamp;
}

export interface HoursTables {
  waiting_callers: WaitingCallersTable;
  follow_ups: FollowUpsTable;
  follow_up_calls: FollowUpCallsTable;
}

export interface Database extends FoundationTables, CallLogTables, CrmTables, HardeningTables, InviteTables, LiveBoardTables, HoursTables {}

/**
 * The API's error contract, shared by the server (which answers with it) and the extension (which
 * words it for people in Japanese and English, `extension/locales/api-error-messages.ts`).
 *
 * Every error response is
 *
 *   { error: { code, message, params?, issues?: [{ path, code, params?, message }], ...details } }
 *
 * - `code`: one of the codes below, stable; the extension chooses its sentence by it.
 * - `params`: the values the sentence needs (`{ max: 100 }`), named here per code.
 * - `message`: English, for logs and curl; never shown to a person by the extension.
 * - `issues`: field problems (`invalid_input`, `invalid_config`), each with the JSON path of the
 *   field (`users[1].email`), its own code and params. Paths stay in `path`; no sentence names an
 *   internal index.
 * - other keys (`twilioCode`, `moreInfo`, `usedBy`) are details for the page, not for wording.
 *
 * One namespace serves both levels: a code can be the error itself or a field's issue. `status` is
 * the HTTP status when the code is the error itself (400 for codes that only ever label a field).
 *
 * Pure data: no Node, DOM or zod here, so both halves import it as is.
 */

export type ParamKind = 'string' | 'number';

export interface ApiErrorSpec {
  readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 412 | 413 | 415 | 429 | 500 | 502 | 503;
  readonly params?: Readonly<Record<string, ParamKind>>;
  /** The English `message`, `{name}` replaced by params. */
  readonly en: string;
}

const S = 'string';
const N = 'number';

export const API_ERRORS = {
  // ── The HTTP edge: before any route reads the request ─────────────────────────────────────────
  no_route: { status: 404, params: { method: S, path: S }, en: 'No route for {method} {path}.' },
  body_too_large: { status: 413, params: { maxBytes: N }, en: 'The request body is larger than the limit of {maxBytes} bytes.' },
  invalid_json: { status: 400, en: 'The request body must be JSON.' },
  json_too_deep: { status: 400, params: { maxDepth: N }, en: 'The JSON body nests deeper than {maxDepth} levels.' },
  json_too_many_values: { status: 400, params: { maxValues: N }, en: 'The JSON body holds more than {maxValues} values.' },
  not_an_object: { status: 400, en: 'The request body must be a JSON object.' },
  invalid_input: { status: 400, en: 'Some of the input is not valid.' },
  invalid_config: { status: 400, en: 'The phone configuration has problems.' },
  unsupported_characters: { status: 400, en: 'The request holds characters the database cannot store.' },
  internal: { status: 500, en: 'Something went wrong on the server. It has been logged.' },

  // ── Sessions and limits ──────────────────────────────────────────────────────────────────────
  unauthenticated: { status: 401, en: 'Sign in first: the session is missing, has expired or was revoked.' },
  forbidden: { status: 403, en: 'Your role does not allow this (admins only, or supervisors and admins).' },
  invalid_credentials: { status: 401, en: 'The e-mail address or password is incorrect.' },
  too_many_attempts: { status: 429, params: { retryAfterMinutes: N }, en: 'Too many wrong passwords. Try again in {retryAfterMinutes} minutes.' },
  wrong_password: { status: 400, en: 'The current password is not correct.' },
  account_inactive: { status: 403, en: 'Your account is deactivated. Ask your admin to reactivate it.' },
  rate_limited: { status: 429, params: { retryAfterSeconds: N }, en: 'Too many requests. Try again in {retryAfterSeconds} s.' },

  // ── Resources ────────────────────────────────────────────────────────────────────────────────
  user_not_found: { status: 404, params: { id: S }, en: 'There is no user "{id}".' },
  user_exists: { status: 409, params: { id: S }, en: 'A user "{id}" already exists.' },
  user_id_immutable: { status: 400, en: "A user's id cannot change: it is their identity for Twilio and in the call log." },
  incoming_number_not_found: { status: 404, params: { number: S }, en: '{number} is not one of the incoming numbers.' },
  incoming_number_immutable: { status: 400, params: { number: S }, en: 'This is {number}: a number cannot be renamed. Add the other number and delete this one.' },
  outgoing_not_found: { status: 404, params: { user: S }, en: '"{user}" has no outgoing number.' },
  config_changed: { status: 412, en: 'The phone configuration changed since it was read (If-Match): read it again and redo the change.' },
  call_not_found: { status: 404, en: 'There is no such call among yours (it may have ended).' },
  not_rep_on_call: { status: 403, en: 'Only the rep on the call can change its note and disposition.' },
  call_taken_over: { status: 409, params: { owner: S }, en: '{owner} took this call over and will write its notes.' },
  call_owner_pending: { status: 409, en: 'Twilio has not yet reported who finished this call. Save again in a few seconds.' },
  call_notes_full: { status: 409, params: { max: N }, en: 'You have kept {max} notes on this call, the most one person can.' },
  outbox_entry_not_found: { status: 404, en: 'No such outbox entry.' },
  outbox_entry_not_parked: { status: 409, params: { status: S }, en: 'This entry is {status}, not parked.' },
  follow_up_not_found: { status: 404, en: 'No such follow-up among yours.' },
  recording_not_found: { status: 404, en: 'This follow-up has no voicemail to play.' },
  recording_unavailable: { status: 502, en: 'Twilio did not hand out the recording; try again in a moment.' },

  // ── Invitations ──────────────────────────────────────────────────────────────────────────────
  invite_unknown: { status: 404, en: 'This invitation link is not valid. Check that it was copied whole, or ask your admin for a new one.' },
  invite_expired: { status: 410, en: 'This invitation has expired. Ask your admin to send it again.' },
  invite_used: { status: 410, en: 'This invitation has already been used. Sign in with your e-mail address and password.' },
  invite_revoked: { status: 410, en: 'This invitation was withdrawn by your admin.' },
  invite_not_found: { status: 404, params: { id: S }, en: 'There is no invitation "{id}".' },
  invite_already_accepted: { status: 409, en: 'This invitation has already been accepted: there is nothing to resend or withdraw.' },
  invite_already_revoked: { status: 409, en: 'This invitation was already withdrawn.' },

  // ── Call control (conference calls) ──────────────────────────────────────────────────────────
  not_a_party: { status: 403, en: 'Only someone on this call can do that.' },
  not_a_supervisor: { status: 403, en: 'Only supervisors and admins can monitor calls.' },
  call_not_live: { status: 409, en: 'This call is not connected (it may have just ended).' },
  call_moving: { status: 409, en: 'The call is being switched over. Try again in a few seconds.' },
  resume_recording_first: { status: 409, en: 'This call cannot be switched over while its recording is paused. Hold, transfer, adding someone and monitoring become available once the recording is resumed.' },
  already_on_the_call: { status: 409, en: 'They are already on this call.' },
  cannot_transfer_to_self: { status: 400, en: 'Choose a colleague other than yourself.' },
  transfer_in_progress: { status: 409, en: 'A transfer is already under way on this call. Complete or cancel it first.' },
  no_transfer_in_progress: { status: 409, en: 'There is no transfer of yours to complete or cancel.' },
  consult_not_connected: { status: 409, en: 'Your colleague has not answered yet.' },
  nobody_to_coach: { status: 409, en: 'No rep is talking on this call to whisper to.' },
  caller_would_be_alone: {
    status: 409,
    en: 'You are the only one still talking with the caller, so you cannot switch to listening. Keep talking, or stop monitoring to end the call.',
  },
  colleague_unavailable: { status: 409, en: 'That colleague is offline or on another call.' },
  unknown_colleague: { status: 404, en: 'There is no such colleague.' },
  destination_not_allowed: { status: 400, en: 'This number cannot be called (invalid, premium-rate, or a country not allowed).' },
  call_changed: { status: 409, en: 'The call changed while you asked. Look at it again and retry.' },
  call_ended: { status: 409, en: 'The call ended before this could be done.' },
  go_online_to_monitor: { status: 409, en: 'Go online (and finish your own call) to monitor a call.' },
  finish_monitored_call_first: {
    status: 409,
    en: 'On the call you barged into, nobody else is talking with the caller: leaving would end that call. Finish it first, then monitor another call.',
  },
  monitored_call_is_yours: {
    status: 409,
    en: 'You took over the call you were monitoring, so you are its rep now. Finish or transfer it first, then monitor another call.',
  },
  still_leaving_call: { status: 409, en: 'You are still being disconnected from your previous monitoring of this call. Try again in a moment.' },
  call_not_recorded: { status: 409, en: 'This call is not recorded: there is no recording to pause or resume.' },
  recording_not_active: { status: 409, en: 'The recording of this call has not started yet, or has stopped. Try again in a moment.' },

  // ── The live board and analytics ─────────────────────────────────────────────────────────────
  too_many_board_streams: { status: 429, en: 'This account has too many live boards open. Close one and try again.' },
  board_busy: { status: 503, en: 'The server has too many live boards open. Try again in a minute.' },
  invalid_range: { status: 400, params: { maxDays: N }, en: 'Give both from and to (YYYY-MM-DD), from not after to, at most {maxDays} days apart; or a preset.' },

  // ── Audio uploads ────────────────────────────────────────────────────────────────────────────
  audio_not_found: { status: 404, en: 'No such audio file.' },
  audio_missing: { status: 400, en: 'Send the audio file in the form field "file".' },
  audio_too_large: { status: 413, params: { maxMegabytes: N }, en: 'The audio file is larger than {maxMegabytes} MB.' },
  audio_empty: { status: 400, en: 'The audio file is empty.' },
  audio_unsupported: { status: 415, en: 'This file is not an mp3 or wav recording (checked by its content, not its name).' },
  audio_in_use: { status: 409, params: { numbers: S }, en: 'This audio file is still used by {numbers}.' },
  audio_in_use_outgoing: { status: 409, en: 'This audio file is still the hold music of outgoing calls.' },
  audio_in_use_recording_notice: { status: 409, en: 'This audio file is still the recording announcement.' },

  // ── Twilio setup ─────────────────────────────────────────────────────────────────────────────
  twilio_not_configured: { status: 409, en: 'Twilio is not set up yet (Account SID and Auth Token, API key, TwiML App).' },
  caller_id_not_usable: { status: 400, params: { number: S }, en: '{number} is neither a number of this Twilio account nor a verified caller ID, so Twilio would refuse calls from it.' },
  caller_id_unchecked: { status: 502, params: { number: S }, en: 'Twilio could not confirm that {number} can be used as caller ID, so nothing was saved.' },
  public_url_missing: { status: 409, en: 'PUBLIC_URL is not set, so Twilio cannot reach this server.' },
  preview_failed: { status: 502, params: { path: S, status: N }, en: 'The call flow refused the preview ({path} answered {status}).' },
  no_fix: { status: 400, params: { id: S }, en: 'There is no automatic repair for "{id}".' },
  not_an_incoming_number: { status: 409, params: { number: S }, en: 'Add {number} as an incoming number first, then connect it.' },
  number_in_use: { status: 409, params: { number: S, target: S }, en: '{number} currently answers calls through {target}. Confirm to connect it anyway.' },
  not_connected: { status: 404, en: 'This Twilio number is not connected to any incoming number here.' },
  twilio_auth_failed: { status: 400, en: 'Twilio rejected the Account SID or Auth Token.' },
  twilio_test_credentials: { status: 400, en: 'These are Twilio test credentials; the live ones are needed.' },
  twilio_not_found: { status: 400, en: 'Twilio could not find this resource.' },
  twilio_account_suspended: { status: 400, en: 'This Twilio account is suspended.' },
  twilio_account_closed: { status: 400, en: 'This Twilio account is closed.' },
  twilio_account_inactive: { status: 400, en: 'This Twilio account is not active (suspended or closed).' },
  twilio_trial_unverified_number: { status: 400, en: 'A Twilio trial account can only call numbers verified in the Twilio Console.' },
  twilio_geo_permission: { status: 400, en: 'The Twilio account is not allowed to call this country (Geo permissions).' },
  twilio_rate_limited: { status: 502, en: 'Twilio received too many requests.' },
  twilio_unreachable: { status: 502, en: 'The server could not reach Twilio.' },
  twilio_unavailable: { status: 502, en: 'Twilio is having a problem right now.' },
  twilio_rejected: { status: 400, params: { detail: S }, en: 'Twilio refused the change: {detail}' },
  twilio_secondary_auth_token: { status: 400, en: 'This is the secondary Auth Token. Twilio signs its requests to this server with the primary one: enter the primary Auth Token.' },
  twilio_secrets_unreadable: { status: 409, en: "The stored Twilio secrets cannot be decrypted: SECRET_KEY changed since they were saved. Enter the Auth Token again." },

  // ── The CRM ──────────────────────────────────────────────────────────────────────────────────
  crm_not_connected: { status: 409, en: 'Connect Zoho CRM first.' },
  zoho_client_missing: { status: 400, en: "Give the Self Client's client id and secret (or set ZOHO_CLIENT_ID and ZOHO_CLIENT_SECRET on the server)." },
  zoho_server_client_missing: { status: 409, en: 'Set ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and PUBLIC_URL (or ZOHO_REDIRECT_URI) on the server, or use a Self Client.' },
  zoho_unavailable: { status: 502, en: 'Zoho did not answer. Try again in a moment.' },
  zoho_invalid_code: { status: 400, en: 'Zoho refused the grant code (wrong, used or expired).' },
  zoho_invalid_client: { status: 400, en: 'Zoho does not know this client id and secret.' },
  zoho_untrusted_api_domain: { status: 400, en: 'Zoho named an API address that is not a Zoho API host of the chosen data centre.' },
  zoho_rejected: { status: 400, params: { zohoCode: S }, en: 'Zoho refused the connection ({zohoCode}).' },
  zoho_scope_missing: { status: 400, params: { scopes: S }, en: 'The grant lacks scopes Yobidashi needs: {scopes}. Generate a code with every scope listed in the README.' },
  zoho_secrets_unreadable: { status: 409, en: 'The stored Zoho CRM tokens cannot be decrypted: SECRET_KEY changed since Zoho CRM was connected. Connect Zoho CRM again.' },

  // ── Field issues: the shape of a value ───────────────────────────────────────────────────────
  required: { status: 400, en: 'required' },
  empty: { status: 400, en: 'must not be empty' },
  invalid_characters: { status: 400, en: 'must not contain the NUL character (U+0000) or unpaired surrogates' },
  expected_text: { status: 400, en: 'must be text' },
  expected_number: { status: 400, en: 'must be a number' },
  expected_whole_number: { status: 400, en: 'must be a whole number' },
  expected_true_false: { status: 400, en: 'must be true or false' },
  expected_object: { status: 400, en: 'must be an object' },
  expected_list: { status: 400, en: 'must be a list' },
  too_long: { status: 400, params: { max: N }, en: 'must be at most {max} characters' },
  too_small: { status: 400, params: { min: N }, en: 'must be at least {min}' },
  too_large: { status: 400, params: { max: N }, en: 'must be at most {max}' },
  too_many_items: { status: 400, params: { max: N }, en: 'must have at most {max} items' },
  not_one_of: { status: 400, params: { options: S }, en: 'must be one of {options}' },
  unknown_fields: { status: 400, params: { fields: S }, en: 'unknown field(s): {fields}' },
  invalid_email: { status: 400, en: 'is not a valid e-mail address' },
  not_https_url: { status: 400, en: 'must be an https:// URL' },
  invalid_date: { status: 400, en: 'must be a date (2026-11-24) or a date and time with its offset' },
  invalid_user_id: { status: 400, en: 'use letters, digits and underscore only (it is the Twilio client identity)' },
  invalid_account_sid: { status: 400, en: 'an Account SID is AC followed by 32 hex digits' },
  invalid_auth_token: { status: 400, en: 'an Auth Token is 32 hex digits' },
  invalid_api_key_sid: { status: 400, en: 'an API key SID is SK followed by 32 hex digits' },
  invalid_twiml_app_sid: { status: 400, en: 'a TwiML App SID is AP followed by 32 hex digits' },
  invalid_phone_number_sid: { status: 400, en: 'a phone number SID is PN followed by 32 hex digits' },
  invalid_country_code: { status: 400, en: 'a country is two capital letters (JP, US)' },
  invalid_key_press: { status: 400, en: 'one key: 0-9, * or #' },
  invalid_menu_branch: { status: 400, en: 'a menu branch is the keys 1-9 pressed at each level, in order (21), at most 10' },
  invalid_cursor: { status: 400, en: 'not a cursor this server returned' },
  client_id_and_secret_together: { status: 400, en: 'clientId and clientSecret go together' },
  nothing_to_change: { status: 400, en: 'send a note, a disposition, or both' },
  invalid_invite_token: { status: 400, en: 'not an invitation token' },
  invalid_time_zone: { status: 400, en: 'must be a time zone name such as Asia/Tokyo' },
  invalid_calendar_date: { status: 400, en: 'must be a date as YYYY-MM-DD' },
  invalid_time_of_day: { status: 400, en: 'must be a time of day as HH:MM' },

  // ── Field issues: business hours and the waiting line (server/phone-config/hours-rules.ts) ──
  open_day_needs_hours: { status: 400, en: 'an open day needs its hours' },
  hours_range_order: { status: 400, params: { from: S, to: S }, en: 'the range ends ({to}) before it starts ({from})' },
  hours_ranges_overlap: { status: 400, params: { range: N }, en: 'overlaps range {range} of the same day' },
  hours_dates_order: { status: 400, params: { from: S, to: S }, en: 'the last day ({to}) is before the first ({from})' },
  hours_required: { status: 400, en: 'only in business hours needs business hours on this number' },
  forward_not_a_number: { status: 400, params: { number: S }, en: '"{number}" cannot be a forwarding number: it is not a valid phone number' },
  forward_premium_rate: { status: 400, params: { number: S }, en: '"{number}" cannot be a forwarding number: premium-rate numbers are refused' },
  forward_country_not_allowed: { status: 400, params: { number: S }, en: '"{number}" cannot be a forwarding number: its country is not allowed for outgoing calls' },
  queue_keys_same: { status: 400, params: { key: S }, en: 'the voicemail and callback keys are both "{key}"' },

  // ── Field issues: the phone configuration's rules (server/phone-config/) ────────────────────
  no_users_chosen: { status: 400, en: 'choose at least one user' },
  menu_key_range: { status: 400, en: 'keys are 1-9' },
  label_missing: { status: 400, en: 'every item needs a label' },
  ivr_menu_empty: { status: 400, en: 'an IVR needs at least one item' },
  submenu_empty: { status: 400, en: 'a submenu needs at least one item' },
  menu_too_many_items: { status: 400, params: { max: N }, en: 'a menu has at most {max} items (keys 1-9)' },
  cycles_one_or_two: { status: 400, en: 'sequential ringing goes round at most 2 cycles (1 or 2)' },
  voicemail_length_range: { status: 400, params: { min: N, max: N }, en: 'the longest voicemail is {min} to {max} seconds' },
  unknown_country: { status: 400, params: { country: S }, en: 'unknown country "{country}"' },
  not_a_phone_number: { status: 400, params: { value: S, country: S }, en: '"{value}" is not a valid phone number (national numbers are read as {country})' },
  duplicate_number: { status: 400, params: { number: S }, en: '{number} is configured more than once' },
  unknown_user: { status: 400, params: { user: S }, en: 'unknown user "{user}"' },
  user_deactivated: { status: 400, params: { user: S }, en: 'user "{user}" is deactivated' },
  user_listed_twice: { status: 400, params: { user: S }, en: 'user "{user}" is listed twice' },
  duplicate_outgoing_user: { status: 400, params: { user: S }, en: 'user "{user}" already has an outgoing number' },
  duplicate_user_id: { status: 400, params: { id: S }, en: 'user id "{id}" is used by another user' },
  duplicate_email: { status: 400, params: { email: S }, en: 'e-mail "{email}" is used by another user' },
  password_too_short: { status: 400, params: { min: N }, en: 'a password needs at least {min} characters' },
  new_user_needs_password: { status: 400, en: 'a new user needs a password' },
  no_active_admin: { status: 400, en: 'at least one active admin is required, or nobody could manage the phone setup' },
  cannot_remove_self: { status: 400, params: { id: S }, en: 'you cannot remove your own account ("{id}")' },
  cannot_demote_self: { status: 400, en: 'you cannot remove your own admin role' },
  cannot_deactivate_self: { status: 400, en: 'you cannot deactivate your own account' },
  duplicate_menu_key: { status: 400, params: { key: N, label: S }, en: 'key {key} is already used by "{label}" in this menu' },
  menu_too_deep: { status: 400, params: { max: N }, en: 'menus nest at most {max} levels deep' },
  repeat_needs_sequential: { status: 400, en: 'repeat (a second cycle) applies to sequential ringing only' },
  cycles_need_sequential: { status: 400, en: 'a second cycle applies to sequential ringing only' },
  ivr_text_prompts_only: { status: 400, params: { type: S }, en: 'an IVR with submenus plays text prompts only (type "text"), not "{type}"' },
  menu_template_placeholders: { status: 400, params: { missing: S }, en: 'the menu template must contain {missing}' },
  voice_language_mismatch: { status: 400, params: { voice: S, spoken: S, language: S }, en: '{voice} speaks {spoken}, not {language}' },
  voice_not_offered: { status: 400, params: { voice: S, language: S }, en: 'Twilio has no voice {voice} for {language}' },
  say_too_long: { status: 400, params: { over: N }, en: 'too long for Twilio to speak in one go: shorten it by at least {over} characters' },
  menu_sentence_too_long: {
    status: 400,
    params: { over: N, label: S },
    en: 'with "{label}" in it, a menu sentence is too long for Twilio to speak in one go: shorten the sentence or the label by at least {over} characters',
  },
  masked_secret_not_stored: { status: 400, en: 'no value is stored on this server to keep: enter it' },
  twilio_change_needs_twilio_step: { status: 400, en: 'changes only on the Twilio step, which checks it with Twilio: an import keeps the stored value' },
  connected_number_removed: { status: 400, params: { number: S }, en: '{number} is connected to a Twilio number: delete it on the numbers page first, which gives the Twilio number back' },
  masked_secret_mismatch: { status: 400, params: { value: S, stored: S }, en: '{value} does not match the stored value ({stored}): enter it, or leave the field out to keep the stored one' },
} as const satisfies Record<string, ApiErrorSpec>;

export type ApiErrorCode = keyof typeof API_ERRORS;

type KindType<K> = K extends 'number' ? number : string;
type SpecParams<S> = S extends { params: infer P } ? { [K in keyof P]: KindType<P[K]> } : undefined;

/** The params a code takes: `ApiErrorParams<'too_long'>` is `{ max: number }`; undefined when none. */
export type ApiErrorParams<C extends ApiErrorCode> = SpecParams<(typeof API_ERRORS)[C]>;

export type ParamValues = Readonly<Record<string, string | number>>;

/** One field problem, as the server sends it. */
export interface ApiIssue {
  path: string;
  code: ApiErrorCode;
  params?: ParamValues;
  message: string;
}

/** The `error` object of every error response. */
export interface ApiErrorPayload {
  code: ApiErrorCode;
  message: string;
  params?: ParamValues;
  issues?: ApiIssue[];
}

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && Object.hasOwn(API_ERRORS, value);
}

/** `{name}` placeholders filled from params; one pass, so a value containing `{x}` stays as it is. */
export function fillTemplate(template: string, params: ParamValues | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params?.[name];
    return value === undefined ? whole : String(value);
  });
}

/** The English `message` for a code and its params. */
export function englishMessage(code: ApiErrorCode, params?: ParamValues): string {
  return fillTemplate(API_ERRORS[code].en, params);
}

/** The placeholders a template uses, e.g. `['max']`. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
}

import pRetry, { AbortError } from 'p-retry';
import { createTwilioClient, type TwilioClient } from './rest-client.ts';

/**
 * The REST calls that drive a conference room (twilio-conference.md §2): redirect a live leg, put a
 * participant on hold, ring someone into the room, take someone out, stop a leg still ringing, coach,
 * end the room, pause or resume its recording (or a plain call's own).
 *
 * Every call is retried on 429, 5xx and network failures, with backoff. Updates are absolute
 * (Hold=true twice is Hold=true) and safe to repeat; creating a participant is not (a retry after a
 * timeout could ring a colleague twice), so before retrying a create we look the label up first.
 * A room or leg that is already gone is an answer, not an error: `'gone'`.
 */

/** A participant or room that no longer exists (Twilio: resource not found). */
const NOT_FOUND_CODES = new Set([20404]);
/**
 * A leg that can no longer be redirected or updated because it ended. 21220 "Invalid call state for
 * this operation" is Twilio's documented code for it; which HTTP status comes with it is [inferred].
 */
const CALL_ENDED_CODES = new Set([21220]);
export const ROOM_REQUEST_TIMEOUT_MS = 8_000;
/**
 * The recording under way, in place of its RecordingSid: documented for both the room's and the
 * call's recordings [oai UpdateConferenceRecording, UpdateCallRecording]. That it names a `<Dial
 * record>` recording on the call's parent leg (Twilio: a two-leg call's recordings are the parent's)
 * is [unverified].
 */
export const CURRENT_RECORDING = 'Twilio.CURRENT';
const RETRIES = 3;

export type Gone = 'gone';

export interface ParticipantInvite {
  from: string;
  to: string;
  label: string;
  earlyMedia: boolean;
  muted: boolean;
  coachCallSid: string | null;
  timeoutSeconds: number;
  statusCallback: string;
}

export interface RoomClient {
  /**
   * A live leg runs new TwiML fetched from `url` (POST). `once`: no retries of its own (a caller that
   * has its own back-off, and must not hold the call in between: a late move into the room).
   */
  redirect(callSid: string, url: string, options?: { once?: boolean }): Promise<'ok' | Gone>;
  /** The room's ConferenceSid while it exists (started or not), by its name. */
  findRoom(name: string): Promise<string | null>;
  hold(conferenceSid: string, label: string, on: boolean, holdUrl: string): Promise<'ok' | Gone>;
  invite(conferenceSid: string, invite: ParticipantInvite): Promise<{ callSid: string } | Gone>;
  kick(conferenceSid: string, label: string): Promise<'ok' | Gone>;
  /** A leg we placed that still rings stops ringing (`Status=canceled`; an answered leg is left as it is). */
  cancel(callSid: string): Promise<'ok' | Gone>;
  monitor(conferenceSid: string, label: string, settings: { muted: boolean; coachCallSid: string | null }): Promise<'ok' | Gone>;
  endRoom(conferenceSid: string): Promise<'ok' | Gone>;
  /**
   * Pauses (skipping the pause) or resumes the room's recording under way (`Recordings/Twilio.CURRENT`,
   * twilio-conference.md §6). `'gone'`: no recording under way (not started, stopped, or the room ended).
   */
  recording(conferenceSid: string, change: RecordingUpdate): Promise<'ok' | Gone>;
  /**
   * The same for the call's own recording (`Calls(CA).Recordings/Twilio.CURRENT`, UpdateCallRecording):
   * the ring `<Dial record>` of a call that stayed a plain bridge, on its parent leg. `'gone'`: no
   * recording under way (stopped, or the call ended).
   */
  callRecording(callSid: string, change: RecordingUpdate): Promise<'ok' | Gone>;
  /** Whether the call is still going on at Twilio (queued, ringing or in progress). */
  callLive(callSid: string): Promise<boolean>;
}

export type RecordingUpdate = { status: 'paused'; pauseBehavior: 'skip' } | { status: 'in-progress' };

const LIVE_CALL_STATUSES = new Set(['queued', 'ringing', 'in-progress']);

interface TwilioFailure {
  status?: number;
  code?: number;
}

function failureOf(error: unknown): TwilioFailure {
  return typeof error === 'object' && error !== null ? (error as TwilioFailure) : {};
}

function isGone(error: unknown): boolean {
  const { status, code } = failureOf(error);
  return status === 404 || (code !== undefined && (NOT_FOUND_CODES.has(code) || CALL_ENDED_CODES.has(code)));
}

function isRetryable(error: unknown): boolean {
  const { status } = failureOf(error);
  // No status: the request never got an answer (timeout, connection refused).
  return status === undefined || status === 429 || status >= 500;
}

async function withRetries<T>(attempt: (attemptNumber: number) => Promise<T>, retries: number = RETRIES): Promise<T | Gone> {
  try {
    return await pRetry(
      async (attemptNumber) => {
        try {
          return await attempt(attemptNumber);
        } catch (error) {
          if (isGone(error)) return 'gone' as const;
          if (!isRetryable(error)) throw new AbortError(error instanceof Error ? error : String(error));
          throw error;
        }
      },
      { retries, minTimeout: 200, maxTimeout: 2_000, factor: 2 },
    );
  } catch (error) {
    throw error instanceof AbortError && error.cause ? error.cause : error;
  }
}

export function createRoomClient(credentials: () => Promise<{ accountSid: string; authToken: string } | null>, apiBaseUrl: string): RoomClient {
  let cached: { key: string; client: TwilioClient } | null = null;
  async function client(): Promise<TwilioClient> {
    const account = await credentials();
    if (!account) throw new Error('Twilio is not set up: no account credentials');
    const key = `${account.accountSid}:${account.authToken}`;
    if (cached?.key !== key) cached = { key, client: createTwilioClient({ ...account, apiBaseUrl, timeoutMs: ROOM_REQUEST_TIMEOUT_MS }) };
    return cached.client;
  }

  return {
    async redirect(callSid, url, options = {}) {
      const twilio = await client();
      const result = await withRetries(() => twilio.calls(callSid).update({ url, method: 'POST' }), options.once ? 0 : RETRIES);
      return result === 'gone' ? 'gone' : 'ok';
    },
    async findRoom(name) {
      const twilio = await client();
      // A room with one participant has not started yet (`init`): it still has to be ended.
      const result = await withRetries(() => twilio.conferences.list({ friendlyName: name, limit: 20 }));
      return result === 'gone' ? null : (result.find((conference) => conference.status !== 'completed')?.sid ?? null);
    },
    async hold(conferenceSid, label, on, holdUrl) {
      const twilio = await client();
      const result = await withRetries(() =>
        twilio.conferences(conferenceSid).participants(label).update(on ? { hold: true, holdUrl, holdMethod: 'POST' } : { hold: false }),
      );
      return result === 'gone' ? 'gone' : 'ok';
    },
    async invite(conferenceSid, invite) {
      const twilio = await client();
      const participants = twilio.conferences(conferenceSid).participants;
      const result = await withRetries(async (attemptNumber) => {
        if (attemptNumber > 1) {
          // The earlier attempt may have rung them already: never ring a colleague twice.
          const existing = await participants(invite.label).fetch().catch(() => null);
          if (existing) return { callSid: existing.callSid };
        }
        const created = await participants.create({
          from: invite.from,
          to: invite.to,
          label: invite.label,
          earlyMedia: invite.earlyMedia,
          beep: 'false',
          startConferenceOnEnter: true,
          endConferenceOnExit: false,
          muted: invite.muted,
          ...(invite.coachCallSid ? { coaching: true, callSidToCoach: invite.coachCallSid } : {}),
          timeout: invite.timeoutSeconds,
          statusCallback: invite.statusCallback,
          statusCallbackMethod: 'POST',
          statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
        });
        return { callSid: created.callSid };
      });
      return result;
    },
    async kick(conferenceSid, label) {
      const twilio = await client();
      const result = await withRetries(() => twilio.conferences(conferenceSid).participants(label).remove());
      return result === 'gone' ? 'gone' : 'ok';
    },
    async cancel(callSid) {
      const twilio = await client();
      const result = await withRetries(() => twilio.calls(callSid).update({ status: 'canceled' }));
      return result === 'gone' ? 'gone' : 'ok';
    },
    async monitor(conferenceSid, label, settings) {
      const twilio = await client();
      const result = await withRetries(() =>
        twilio
          .conferences(conferenceSid)
          .participants(label)
          .update(
            settings.coachCallSid
              ? { muted: false, coaching: true, callSidToCoach: settings.coachCallSid }
              : { muted: settings.muted, coaching: false },
          ),
      );
      return result === 'gone' ? 'gone' : 'ok';
    },
    async endRoom(conferenceSid) {
      const twilio = await client();
      const result = await withRetries(() => twilio.conferences(conferenceSid).update({ status: 'completed' }));
      return result === 'gone' ? 'gone' : 'ok';
    },
    async recording(conferenceSid, change) {
      const twilio = await client();
      // Absolute, like Hold: a retry of a pause that reached Twilio pauses nothing twice.
      const result = await withRetries(() => twilio.conferences(conferenceSid).recordings(CURRENT_RECORDING).update(change));
      return result === 'gone' ? 'gone' : 'ok';
    },
    async callRecording(callSid, change) {
      const twilio = await client();
      const result = await withRetries(() => twilio.calls(callSid).recordings(CURRENT_RECORDING).update(change));
      return result === 'gone' ? 'gone' : 'ok';
    },
    async callLive(callSid) {
      const twilio = await client();
      const result = await withRetries(() => twilio.calls(callSid).fetch());
      return result !== 'gone' && LIVE_CALL_STATUSES.has(result.status);
    },
  };
}

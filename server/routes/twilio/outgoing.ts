import { Hono } from 'hono';
import type { AppDeps } from '../../http/deps.ts';
import { orgCallLanguage } from '../../phone-config/defaults.ts';
import { languageSchema, type Language } from '../../phone-config/schema.ts';
import { setDurationIfUnknown, settleCall, startOutboundCall } from '../../store/calls.ts';
import { normaliseNumber } from '../../phone-config/normalise.ts';
import { connectedOrgKey } from '../../crm/org-switch.ts';
import { enqueueCallDelivery } from '../../store/crm-outbox.ts';
import { findOutgoingAssignment, loadSettings } from '../../store/phone-config-store.ts';
import { findUserById } from '../../store/users.ts';
import { clearOnCall, markOnCall } from '../../store/presence.ts';
import type { CallStatus } from '../../store/schema.ts';
import type { TwilioParams, TwilioWebhookEnv } from '../../twilio/signature.ts';
import { clientIdentity } from '../../voice/caller-id.ts';
import { TWILIO_PATHS } from '../../voice/flow-state.ts';
import { hangupTwiml } from '../../voice/incoming-twiml.ts';
import { guardDestination } from '../../services/destination-guard.ts';
import { outgoingDialTwiml, outgoingRefusedTwiml } from '../../voice/outgoing.ts';
import { speakerForLanguage } from '../../voice/speech.ts';
import { twiml, voiceHandler } from './respond.ts';
import { OUTGOING_PARAMETERS } from '../../voice/call-parameters.ts';
import type { CallControl } from '../../services/call-control/index.ts';
import { repLabel } from '../../voice/room.ts';

export { OUTGOING_PARAMETERS };

export interface OutgoingVoiceOptions {
  control: CallControl;
  /** Called after a CRM delivery was queued (wakes the outbox worker). */
  onCrmDelivery?: () => void;
}

const numberOrNull = (value: string | undefined) => (value && /^\d+$/.test(value) ? Number(value) : null);

const DIAL_OUTCOME: Record<string, CallStatus> = {
  completed: 'completed',
  answered: 'completed',
  busy: 'busy',
  'no-answer': 'missed',
  failed: 'failed',
  canceled: 'canceled',
};

const CRM_RECORD_FIELDS = [
  ['provider', OUTGOING_PARAMETERS.crm],
  ['module', OUTGOING_PARAMETERS.crmModule],
  ['id', OUTGOING_PARAMETERS.crmId],
  ['name', OUTGOING_PARAMETERS.crmName],
  ['url', OUTGOING_PARAMETERS.crmUrl],
] as const;

/** Reps open this link from the call log: anything but a web address (`javascript:`…) is dropped. */
const isWebUrl = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);

/** The call log's `crm_record`: `{provider?, module?, id?, name?, url?}` from the extension's parameters. */
export function crmRecordOf(params: TwilioParams): Record<string, string> | null {
  const record: Record<string, string> = {};
  for (const [field, key] of CRM_RECORD_FIELDS) {
    const value = params[key]?.trim().slice(0, field === 'url' ? 2000 : 500);
    if (!value || (field === 'url' && !isWebUrl(value))) continue;
    record[field] = value;
  }
  // Which CRM alone says nothing about the record.
  return Object.keys(record).some((field) => field !== 'provider') ? record : null;
}

/** Longer than any phone number, however it is written (E.164 has at most 15 digits). */
const MAX_LOGGED_DESTINATION = 64;

/**
 * The destination as the call log keeps it: E.164 when it is a phone number (the same the toll-fraud
 * guard dials), else what the browser sent cut short, without control characters: any Voice SDK client
 * with a token can send any `To`, and a refused call is logged too.
 */
function loggedDestination(to: string, defaultCountry: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it removes
  return normaliseNumber(to, defaultCountry) ?? to.slice(0, MAX_LOGGED_DESTINATION).replace(/[\u0000-\u001f\u007f]/g, '');
}

/** Calls placed from the extension (the TwiML App's Voice URL). Paths relative to `/twilio`. */
export function outgoingVoiceRoutes(deps: AppDeps, options: OutgoingVoiceOptions) {
  const { db } = deps.store;
  const publicUrl = deps.publicUrl ?? '';

  async function languageOf(params: TwilioParams): Promise<Language> {
    const asked = languageSchema.safeParse(params[OUTGOING_PARAMETERS.language]);
    if (asked.success) return asked.data;
    const settings = await loadSettings(db);
    return orgCallLanguage(settings);
  }

  return new Hono<TwilioWebhookEnv>()
    .post(
      TWILIO_PATHS.outgoing.replace('/twilio', ''),
      voiceHandler(deps, async (c, params) => {
        const log = deps.logger;
        const callSid = params.CallSid ?? '';
        const repId = clientIdentity(params.From);
        const speaker = speakerForLanguage(await languageOf(params), publicUrl);
        if (!repId) {
          log.warn({ from: params.From, callSid }, 'outgoing call not from a rep’s browser');
          return twiml(c, outgoingRefusedTwiml(speaker, 'technicalProblem'));
        }
        // A Voice token outlives the rep's session (Twilio checks only its signature and expiry, up to
        // an hour): who may call is decided here, at every call. A removed or deactivated user keeps
        // any outgoing number stored for them, but calls from nobody's number; no call log row either.
        // They hear that their account is off, not that a number is missing (which would send the admin looking).
        const user = await findUserById(db, repId);
        if (!user?.active) {
          log.warn({ repId, callSid, reason: user ? 'user-inactive' : 'user-unknown' }, 'outgoing call refused: not an active user');
          return twiml(c, outgoingRefusedTwiml(speaker, 'accountDeactivated'));
        }
        const to = params[OUTGOING_PARAMETERS.to] ?? '';
        const assignment = await findOutgoingAssignment(db, repId);
        const now = deps.now();
        const logged = loggedDestination(to, (await loadSettings(db)).defaultCountry);
        const crmRecord = crmRecordOf(params);
        // Kept with the org connected now: the page's link names no org id (only its web segment), and only a
        // record of the connected org can be linked anyway. A delivery after the admin connects another org
        // then drops it rather than sending it (crm/org-switch.ts).
        const crmOrg = crmRecord?.['id'] ? await connectedOrgKey(db) : null;
        await startOutboundCall(db, { callSid, repId, to: logged, callerId: assignment?.number ?? null, crmRecord, crmOrg, now });
        if (!assignment) {
          log.warn({ repId, callSid }, 'outgoing call refused: the rep has no outgoing number');
          await settleCall(db, callSid, 'failed', { reason: 'no-outgoing-number' });
          return twiml(c, outgoingRefusedTwiml(speaker, 'noOutgoingNumber'));
        }
        const check = await guardDestination(db, to);
        if (!check.ok) {
          log.warn({ repId, callSid, reason: check.reason }, 'outgoing call refused: destination not allowed');
          await settleCall(db, callSid, 'failed', { reason: check.reason });
          return twiml(c, outgoingRefusedTwiml(speaker, 'destinationNotAllowed'));
        }
        await markOnCall(db, repId, callSid, now);
        return twiml(c, outgoingDialTwiml({ publicUrl, speaker, callerId: assignment.number, to: check.e164, record: assignment.record }));
      }),
    )
    .post(
      TWILIO_PATHS.outgoingDialed.replace('/twilio', ''),
      voiceHandler(deps, async (c, params) => {
        const callSid = params.CallSid ?? '';
        const repId = clientIdentity(params.From);
        // The customer answered and was moved into the call's room, which ended this <Dial>: the rep follows.
        if (repId && (params.DialCallStatus === 'completed' || params.DialCallStatus === 'answered')) {
          const join = await options.control.move.joinTwiml(callSid, repLabel(repId));
          if (join) return twiml(c, join);
        }
        const outcome = DIAL_OUTCOME[params.DialCallStatus ?? ''] ?? 'failed';
        const now = deps.now();
        // The call ends with this Dial: its outcome, talk time and CRM delivery commit together.
        await db.transaction().execute(async (trx) => {
          await settleCall(trx, callSid, outcome, outcome === 'completed' ? {} : { reason: params.DialCallStatus ?? null });
          const talkSeconds = numberOrNull(params.DialCallDuration);
          if (outcome === 'completed' && talkSeconds !== null) await setDurationIfUnknown(trx, callSid, talkSeconds);
          await enqueueCallDelivery(trx, { callSid, kind: 'log-call', now });
        });
        options.onCrmDelivery?.();
        if (repId) await clearOnCall(db, repId, callSid);
        return twiml(c, hangupTwiml());
      }),
    );
}

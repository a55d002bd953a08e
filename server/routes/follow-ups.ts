import { Hono } from 'hono';
import { requireUser } from '../http/auth.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { apiError, type ApiError } from '../http/errors.ts';
import { completeFollowUp, findFollowUp, listFollowUps, type FollowUpView, type Viewer } from '../store/follow-ups.ts';
import { loadTwilioCredentials } from '../store/phone-config-store.ts';
import type { UserRow } from '../store/users.ts';

/**
 * `/api/follow-ups`: the rep's "to call back" list (missed calls, voicemails, callback requests of
 * their numbers; everyone's for admins and supervisors), ticking one off, and its voicemail, streamed
 * from Twilio to the signed-in rep — never a Twilio URL that would need the account's credentials.
 */

const RECORDING_TIMEOUT_MS = 15_000;

const viewerOf = (user: UserRow): Viewer => ({ id: user.id, seesAll: user.role !== 'rep' });

function notFound(): ApiError {
  return apiError('follow_up_not_found');
}

function toJson(followUp: FollowUpView, names: Map<string, string>) {
  return {
    id: followUp.id,
    kind: followUp.kind,
    callerNumber: followUp.callerNumber,
    numberCalled: followUp.numberCalled,
    numberLabel: followUp.numberLabel,
    calls: followUp.calls,
    lastCallSid: followUp.lastCallSid,
    lastCallAt: followUp.lastCallAt.toISOString(),
    dueAt: followUp.dueAt.toISOString(),
    owner: followUp.ownerId ? { id: followUp.ownerId, name: names.get(followUp.ownerId) ?? followUp.ownerId } : null,
    crmRecord: followUp.crmRecord,
    hasRecording: followUp.recordingSid !== null,
    notify: followUp.notify,
    mine: followUp.mine,
    done: followUp.doneAt !== null,
  };
}

export function followUpRoutes(deps: AppDeps, options: { onCrmDelivery?: () => void } = {}) {
  const { db } = deps.store;
  const names = async () => new Map((await db.selectFrom('users').select(['id', 'name']).execute()).map((user) => [user.id, user.name]));
  return new Hono<AppEnv>()
    .use(requireUser(deps))
    .get('/', async (c) => {
      const followUps = await listFollowUps(db, viewerOf(c.get('user')));
      const named = await names();
      return c.json({ followUps: followUps.map((followUp) => toJson(followUp, named)) });
    })
    .post('/:id/done', async (c) => {
      const done = await completeFollowUp(db, viewerOf(c.get('user')), c.req.param('id'), deps.now());
      if (!done) throw notFound();
      options.onCrmDelivery?.();
      return c.json(toJson(done, await names()));
    })
    .get('/:id/recording', async (c) => {
      const followUp = await findFollowUp(db, viewerOf(c.get('user')), c.req.param('id'));
      if (!followUp) throw notFound();
      if (!followUp.recordingSid) throw apiError('recording_not_found');
      const twilio = await loadTwilioCredentials(db, deps.secretBox);
      if (!twilio) throw apiError('twilio_not_configured');
      const url = `${deps.twilioApiUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${twilio.accountSid}/Recordings/${followUp.recordingSid}.mp3`;
      const upstream = await fetch(url, {
        headers: { authorization: `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}` },
        // The credentials go to the configured Twilio API only, never wherever a redirect points.
        redirect: 'manual',
        signal: AbortSignal.timeout(RECORDING_TIMEOUT_MS),
      }).catch(() => null);
      if (!upstream?.ok || !upstream.body) throw apiError('recording_unavailable');
      // Through the context, so the headers set before the handler (CORS, request id) go out too.
      return c.body(upstream.body, 200, {
        'content-type': upstream.headers.get('content-type') ?? 'audio/mpeg',
        'cache-control': 'private, no-store',
        'content-disposition': 'inline; filename="voicemail.mp3"',
      });
    });
}

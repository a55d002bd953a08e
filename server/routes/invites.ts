import { Hono } from 'hono';
import { z } from 'zod';
import { requireAdmin } from '../http/auth.ts';
import { readJson } from '../http/body.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { apiError, type ApiError } from '../http/errors.ts';
import { MIN_PASSWORD_LENGTH } from '../phone-config/user-rules.ts';
import { hashPassword, verifyPassword } from '../security/passwords.ts';
import { clearRateLimit, hitRateLimit } from '../security/rate-limit.ts';
import {
  claimInvite,
  findInviteByToken,
  INVITE_DEFAULT_DAYS,
  INVITE_MAX_DAYS,
  inviteStatus,
  issueInvites,
  linkTokenWith,
  listInvites,
  recordInvitedUser,
  reissueInvite,
  revokeInvite,
  type InviteRow,
} from '../store/invites.ts';
import { lockPhoneConfig } from '../store/phone-config-store.ts';
import { createSession } from '../store/sessions.ts';
import { findUserByEmail, freeUserId, listUsers, toPublicUser } from '../store/users.ts';
import { LOGIN_LIMITS } from './auth.ts';
import { invitePageRoutes } from './invite-page.ts';

/**
 * Invitations. Admins invite reps by e-mail and get each link once, to copy or send from their own
 * mail (the server has no mail transport); the link (`<server>/invite#<token>`) carries its token in
 * the fragment, so it never reaches a server log. The rep's extension (or the page at /invite) looks
 * the token up, and accepting it either creates the rep with the password they choose or signs an
 * existing user in with theirs; either way it answers with a session, like /api/auth/login.
 */

const emailSchema = z.email().max(320);
const nameSchema = z.string().trim().min(1).max(100);
const tokenSchema = z.string().regex(/^yi_[\w-]{43}$/, 'invalid_invite_token');

const createBody = z.object({
  invites: z.array(z.object({ email: emailSchema, name: nameSchema.optional() })).min(1).max(200),
  expiresInDays: z.number().int().min(1).max(INVITE_MAX_DAYS).optional(),
});
const resendBody = z.object({ expiresInDays: z.number().int().min(1).max(INVITE_MAX_DAYS).optional() });
const lookupBody = z.object({ token: tokenSchema });
const acceptBody = z.object({ token: tokenSchema, password: z.string().min(1).max(1024), name: nameSchema.optional() });

/** Why a link cannot be used, as the contract's code (the extension words it in ja/en). */
const refusals = {
  expired: 'invite_expired',
  accepted: 'invite_used',
  revoked: 'invite_revoked',
} as const;

function refuse(invite: InviteRow | undefined, now: Date): ApiError | null {
  if (!invite) return apiError('invite_unknown');
  const status = inviteStatus(invite, now);
  return status === 'pending' ? null : apiError(refusals[status]);
}

function adminView(invite: InviteRow, now: Date) {
  return {
    id: invite.id,
    email: invite.email,
    name: invite.name,
    status: inviteStatus(invite, now),
    invitedBy: invite.invited_by,
    createdAt: new Date(invite.created_at).toISOString(),
    sentAt: new Date(invite.sent_at).toISOString(),
    expiresAt: new Date(invite.expires_at).toISOString(),
    acceptedAt: invite.accepted_at ? new Date(invite.accepted_at).toISOString() : null,
    revokedAt: invite.revoked_at ? new Date(invite.revoked_at).toISOString() : null,
  };
}

export function invitesRoutes(deps: AppDeps) {
  const { db } = deps.store;

  const adminOnly = requireAdmin(deps);
  const admin = new Hono<AppEnv>()
    .get('/', adminOnly, async (c) => {
      const now = deps.now();
      return c.json({ invites: (await listInvites(db)).map((invite) => adminView(invite, now)) });
    })
    .post('/', adminOnly, async (c) => {
      const body = await readJson(c, createBody);
      const now = deps.now();
      // A pasted list may name an address twice: one invite, with the first name given.
      const seen = new Set<string>();
      const entries = body.invites.flatMap(({ email, name }) =>
        seen.has(email.toLowerCase()) ? [] : (seen.add(email.toLowerCase()), [{ email, name: name ?? null }]),
      );
      const issued = await issueInvites(db, entries, {
        invitedBy: c.get('user').id,
        now,
        days: body.expiresInDays ?? INVITE_DEFAULT_DAYS,
        linkToken: linkTokenWith(deps.secretBox),
      });
      const members = new Set((await listUsers(db)).map((user) => user.email.toLowerCase()));
      deps.logger.info({ event: 'invites_issued', count: issued.length }, 'invitations issued');
      return c.json(
        {
          invites: issued.map(({ invite, token, reissued }) => ({
            invite: adminView(invite, now),
            token,
            reissued,
            existingUser: members.has(invite.email.toLowerCase()),
          })),
        },
        201,
      );
    })
    .post('/:id/resend', adminOnly, async (c) => {
      // The body is optional: no body, the default expiry.
      const { expiresInDays } = (await c.req.text()).trim() ? await readJson(c, resendBody) : {};
      const now = deps.now();
      const result = await reissueInvite(db, c.req.param('id'), {
        now,
        days: expiresInDays ?? INVITE_DEFAULT_DAYS,
        linkToken: linkTokenWith(deps.secretBox),
      });
      if (!result) throw await notPending(c.req.param('id'), now);
      return c.json({ invite: adminView(result.invite, now), token: result.token, reissued: result.reissued });
    })
    .post('/:id/revoke', adminOnly, async (c) => {
      const now = deps.now();
      const invite = await revokeInvite(db, c.req.param('id'), now);
      if (!invite) throw await notPending(c.req.param('id'), now);
      return c.json({ invite: adminView(invite, now) });
    });

  /** Why an admin action on an invite found nothing to act on. */
  async function notPending(id: string, now: Date): Promise<ApiError> {
    const invite = await db.selectFrom('invites').selectAll().where('id', '=', id).executeTakeFirst();
    if (!invite) return apiError('invite_not_found', { id });
    return apiError(inviteStatus(invite, now) === 'accepted' ? 'invite_already_accepted' : 'invite_already_revoked');
  }

  // Public: whoever holds the link. 256-bit tokens cannot be guessed; a password for an existing
  // account is rate-limited exactly like /api/auth/login.
  const publicRoutes = new Hono<AppEnv>()
    .post('/lookup', async (c) => {
      const { token } = await readJson(c, lookupBody);
      const now = deps.now();
      const invite = await findInviteByToken(db, token);
      const refusal = refuse(invite, now);
      if (refusal || !invite) throw refusal;
      const user = await findUserByEmail(db, invite.email);
      return c.json({
        email: invite.email,
        name: invite.name ?? user?.name ?? null,
        expiresAt: new Date(invite.expires_at).toISOString(),
        existingUser: Boolean(user),
      });
    })
    .post('/accept', async (c) => {
      const { token, password, name } = await readJson(c, acceptBody);
      const now = deps.now();
      const invite = await findInviteByToken(db, token);
      const refusal = refuse(invite, now);
      if (refusal || !invite) throw refusal;
      const existing = await findUserByEmail(db, invite.email);
      const user = existing ? await signInExisting(existing, password, token, now) : await createRep(invite, token, password, name, now);
      const session = await createSession(db, user.id, now);
      deps.logger.info({ event: 'invite_accepted', userId: user.id, created: !existing }, 'invitation accepted');
      return c.json({ token: session, user: toPublicUser(user) });
    });

  async function signInExisting(user: NonNullable<Awaited<ReturnType<typeof findUserByEmail>>>, password: string, token: string, now: Date) {
    if (!user.active) throw apiError('account_inactive');
    const key = `login:account:${user.email.toLowerCase()}`;
    // Counted before the password is checked, in one atomic step, as for sign-in (routes/auth.ts).
    const state = await hitRateLimit(db, key, LOGIN_LIMITS.perAccount, now);
    if (!state.allowed) {
      throw apiError('too_many_attempts', { retryAfterMinutes: Math.ceil(state.retryAfterSeconds / 60) });
    }
    if (!(await verifyPassword(password, user.password_hash))) {
      throw apiError('invalid_credentials');
    }
    await clearRateLimit(db, key);
    const claimed = await claimInvite(db, token, user.id, now);
    if (!claimed) throw refuse(await findInviteByToken(db, token), now) ?? apiError('invite_used');
    return user;
  }

  async function createRep(invite: InviteRow, token: string, password: string, name: string | undefined, now: Date) {
    if ([...password].length < MIN_PASSWORD_LENGTH) {
      throw apiError('password_too_short', { min: MIN_PASSWORD_LENGTH });
    }
    const passwordHash = await hashPassword(password, deps.passwordCost);
    const displayName = name ?? invite.name ?? invite.email.split('@')[0] ?? invite.email;
    // The used link and the user in one transaction holding the configuration's lock, as an admin's
    // save does (services/phone-config-service.ts): a save that read the users before this one was
    // added would drop it, and an address or id an admin is giving out at the same moment would collide.
    // A link raced by two tabs makes one user: the other tab finds the link claimed, and is told so.
    return db.transaction().execute(async (trx) => {
      await lockPhoneConfig(trx);
      const claimed = await claimInvite(trx, token, null, now);
      if (!claimed) throw refuse(await findInviteByToken(trx, token), now) ?? apiError('invite_used');
      // An admin gave the address to a user after this request looked: their account, not a second one.
      const taken = await findUserByEmail(trx, invite.email);
      if (taken) throw apiError('user_exists', { id: taken.id });
      const id = await freeUserId(trx, invite.email);
      const user = await trx
        .insertInto('users')
        .values({ id, name: displayName, email: invite.email, role: 'rep', password_hash: passwordHash, crm_user_id: null, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordInvitedUser(trx, claimed.id, user.id);
      return user;
    });
  }

  return new Hono<AppEnv>().route('/api/invites', publicRoutes).route('/api/invites', admin).route('/invite', invitePageRoutes(deps));
}

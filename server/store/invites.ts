import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { hashSessionToken } from '../security/session-tokens.ts';
import type { Database, InvitesTable } from './schema.ts';

/**
 * Invitations: one open invite per e-mail address, its link's token stored only as a hash. A link is
 * shown to the admin once, when it is issued (created or resent); resending issues a new token, so the
 * old link stops working.
 */

export type InviteRow = Selectable<InvitesTable>;
export type InviteStatus = 'pending' | 'accepted' | 'revoked' | 'expired';
type Db = Kysely<Database> | Transaction<Database>;

/** How long a link works unless the admin chose otherwise. */
export const INVITE_DEFAULT_DAYS = 7;
export const INVITE_MAX_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The one-time token in an invite link: 256 random bits, like a session token, with its own prefix. */
export function newInviteToken(): string {
  return `yi_${randomBytes(32).toString('base64url')}`;
}

export function inviteStatus(invite: Pick<InviteRow, 'accepted_at' | 'revoked_at' | 'expires_at'>, now: Date): InviteStatus {
  if (invite.accepted_at) return 'accepted';
  if (invite.revoked_at) return 'revoked';
  return new Date(invite.expires_at).getTime() <= now.getTime() ? 'expired' : 'pending';
}

export interface IssuedInvite {
  invite: InviteRow;
  token: string;
  /** The address already had an open invite: it got a new link (the old one no longer works). */
  reissued: boolean;
}

/** Invites each address, or gives its open invite a new link and expiry. */
export async function issueInvites(
  db: Kysely<Database>,
  entries: readonly { email: string; name: string | null }[],
  options: { invitedBy: string; now: Date; days: number },
): Promise<IssuedInvite[]> {
  const { invitedBy, now, days } = options;
  const expiresAt = new Date(now.getTime() + days * DAY_MS);
  return db.transaction().execute(async (trx) => {
    const issued: IssuedInvite[] = [];
    for (const entry of entries) {
      const token = newInviteToken();
      const id = randomBytes(12).toString('base64url');
      // The partial unique index (one open invite per address) decides: a second invite of the same
      // address, even from another admin at the same moment, becomes a new link on the open one.
      const invite = await trx
        .insertInto('invites')
        .values({
          id,
          email: entry.email,
          name: entry.name,
          token_hash: hashSessionToken(token),
          invited_by: invitedBy,
          created_at: now,
          sent_at: now,
          expires_at: expiresAt,
        })
        .onConflict((oc) =>
          oc
            .expression(sql`lower(email)`)
            .where('accepted_at', 'is', null)
            .where('revoked_at', 'is', null)
            .doUpdateSet({
              token_hash: hashSessionToken(token),
              sent_at: now,
              expires_at: expiresAt,
              name: sql`coalesce(excluded.name, invites.name)`,
            }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      issued.push({ invite, token, reissued: invite.id !== id });
    }
    return issued;
  });
}

export function listInvites(db: Db): Promise<InviteRow[]> {
  return db.selectFrom('invites').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
}

export function findInvite(db: Db, id: string): Promise<InviteRow | undefined> {
  return db.selectFrom('invites').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findInviteByToken(db: Db, token: string): Promise<InviteRow | undefined> {
  return db.selectFrom('invites').selectAll().where('token_hash', '=', hashSessionToken(token)).executeTakeFirst();
}

/** A new link (and expiry) for an invite not yet accepted or revoked; undefined otherwise. */
export async function reissueInvite(
  db: Db,
  id: string,
  options: { now: Date; days: number },
): Promise<{ invite: InviteRow; token: string } | undefined> {
  const token = newInviteToken();
  const invite = await db
    .updateTable('invites')
    .set({ token_hash: hashSessionToken(token), sent_at: options.now, expires_at: new Date(options.now.getTime() + options.days * DAY_MS) })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return invite ? { invite, token } : undefined;
}

/** Revokes an invite not yet accepted; undefined when it was accepted or revoked already. */
export function revokeInvite(db: Db, id: string, now: Date): Promise<InviteRow | undefined> {
  return db
    .updateTable('invites')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Marks the link used, atomically: of two acceptances racing with the same link, one gets the row and
 * the other undefined (PostgreSQL re-checks the conditions once the first commits). Only a pending
 * (unexpired, unrevoked, unused) invite can be claimed. `userId` null: the user is made after the claim,
 * in the same transaction, and named with `recordInvitedUser`.
 */
export function claimInvite(db: Db, token: string, userId: string | null, now: Date): Promise<InviteRow | undefined> {
  return db
    .updateTable('invites')
    .set({ accepted_at: now, accepted_user_id: userId })
    .where('token_hash', '=', hashSessionToken(token))
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}

export async function recordInvitedUser(db: Db, inviteId: string, userId: string): Promise<void> {
  await db.updateTable('invites').set({ accepted_user_id: userId }).where('id', '=', inviteId).execute();
}

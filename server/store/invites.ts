import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { hashSessionToken } from '../security/session-tokens.ts';
import type { Database, InvitesTable } from './schema.ts';

/**
 * Invitations: one open invite per e-mail address, its link's token stored only as a hash. A link is
 * shown to the admin once, when it is issued (created or resent); resending issues a new token, so the
 * old link stops working. Inviting an address whose link was issued moments ago (SAME_LINK_SECONDS: a
 * double click, two admins at once) answers with that same link rather than replacing it: the other
 * answer's link must not die. The server can give it again because an invite's link is computed
 * (`linkToken`: a keyed hash of the invite and the instant its link was issued), never stored.
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

/** A send this soon after the address's link was issued gets that link again (a double click). */
export const SAME_LINK_SECONDS = 30;

/** The link of an invite whose link was issued at `sentAt`: computable again, by this server only. */
export type LinkToken = (inviteId: string, sentAt: Date) => string;

/** The link token of the send route: 256 bits of HMAC under the server's SECRET_KEY, like a random token. */
export function linkTokenWith(box: { mac(purpose: string, message: string): Buffer }): LinkToken {
  return (inviteId, sentAt) => `yi_${box.mac('invite-link', `${inviteId}|${sentAt.getTime()}`).toString('base64url')}`;
}

/**
 * Invites each address, or gives its open invite a new link and expiry; one whose link was issued
 * moments ago (by a send racing this one) keeps that link, with this send's expiry and name.
 */
export async function issueInvites(
  db: Kysely<Database>,
  entries: readonly { email: string; name: string | null }[],
  options: { invitedBy: string; now: Date; days: number; linkToken: LinkToken },
): Promise<IssuedInvite[]> {
  const { now, days, linkToken } = options;
  const expiresAt = new Date(now.getTime() + days * DAY_MS);
  return db.transaction().execute(async (trx) => {
    const issued: IssuedInvite[] = [];
    for (const entry of entries) issued.push(await issueOne(trx, entry, { ...options, expiresAt }));
    return issued;
  });

  async function issueOne(
    trx: Transaction<Database>,
    entry: { email: string; name: string | null },
    { invitedBy, expiresAt }: { invitedBy: string; expiresAt: Date },
  ): Promise<IssuedInvite> {
    for (;;) {
      const id = randomBytes(12).toString('base64url');
      const token = linkToken(id, now);
      // The partial unique index (one open invite per address) decides: an open invite of the address,
      // even one another request is inserting at this moment (PostgreSQL waits for it), is kept.
      const created = await trx
        .insertInto('invites')
        .values({ id, email: entry.email, name: entry.name, token_hash: hashSessionToken(token), invited_by: invitedBy, created_at: now, sent_at: now, expires_at: expiresAt })
        .onConflict((oc) => oc.expression(sql`lower(email)`).where('accepted_at', 'is', null).where('revoked_at', 'is', null).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (created) return { invite: created, token, reissued: false };
      const open = await trx
        .selectFrom('invites')
        .selectAll()
        .where(sql<boolean>`lower(email) = lower(${entry.email})`)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .forUpdate()
        .executeTakeFirst();
      // Accepted or withdrawn between the two statements: the address is free again.
      if (!open) continue;
      const sentAt = new Date(open.sent_at);
      const age = now.getTime() - sentAt.getTime();
      const current = linkToken(open.id, sentAt);
      // Issued moments ago by this route (a link of *New link* is random, and is replaced as before).
      const same = age >= 0 && age < SAME_LINK_SECONDS * 1000 && hashSessionToken(current) === open.token_hash;
      const fresh = same ? current : linkToken(open.id, now);
      const invite = await trx
        .updateTable('invites')
        .set({
          ...(same ? {} : { token_hash: hashSessionToken(fresh), sent_at: now }),
          expires_at: expiresAt,
          name: sql`coalesce(${entry.name}, name)`,
        })
        .where('id', '=', open.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      // A re-issue when the invite is older than its link: the same answer for both of a double click.
      return { invite, token: fresh, reissued: new Date(invite.created_at).getTime() !== new Date(invite.sent_at).getTime() };
    }
  }
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

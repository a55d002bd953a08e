import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { hashSessionToken } from '../security/session-tokens.ts';
import type { Database, InvitesTable } from './schema.ts';

/**
 * Invitations: one open invite per e-mail address, its link's token stored only as a hash. A link is
 * shown to the admin once, when it is issued (created or resent); resending issues a new token, so the
 * old link stops working. Inviting or resending when the link was issued moments ago (SAME_LINK_SECONDS:
 * a double click, two admins at once) answers with that same link rather than replacing it: the other
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

/** A send or resend this soon after the invite's link was issued gets that link again (a double click). */
export const SAME_LINK_SECONDS = 30;

/** The link of an invite whose link was issued at `sentAt`: computable again, by this server only. */
export type LinkToken = (inviteId: string, sentAt: Date) => string;

/** The link token of the routes: 256 bits of HMAC under the server's SECRET_KEY, as strong as a random token. */
export function linkTokenWith(box: { mac(purpose: string, message: string): Buffer }): LinkToken {
  return (inviteId, sentAt) => `yi_${box.mac('invite-link', `${inviteId}|${sentAt.getTime()}`).toString('base64url')}`;
}

/**
 * Invites each address, or gives its open invite a new link and expiry; one whose link was issued
 * moments ago (by a send or resend racing this one) keeps that link, with this send's expiry and name.
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
      const recent = recentLink(open, now, linkToken);
      const fresh = recent ?? linkToken(open.id, now);
      const invite = await trx
        .updateTable('invites')
        .set({
          ...(recent ? {} : { token_hash: hashSessionToken(fresh), sent_at: now }),
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

/**
 * The link of an open invite issued moments ago (by a send or *New link* racing this one), to be given
 * again; null when a new one is due: issued longer ago, or a random link of an older server version,
 * which cannot be computed again.
 */
function recentLink(open: InviteRow, now: Date, linkToken: LinkToken): string | null {
  const sentAt = new Date(open.sent_at);
  const age = now.getTime() - sentAt.getTime();
  if (age < 0 || age >= SAME_LINK_SECONDS * 1000) return null;
  const token = linkToken(open.id, sentAt);
  return hashSessionToken(token) === open.token_hash ? token : null;
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

/**
 * A new link (and expiry) for an invite not yet accepted or revoked; undefined otherwise. One whose
 * link was issued moments ago (the other click of a double click on *New link*) keeps that link, with
 * this resend's expiry, and `reissued` false: the admin is not told the link changed. The row is locked
 * while deciding, so of two resends at once the second sees the first's link.
 */
export function reissueInvite(
  db: Kysely<Database>,
  id: string,
  options: { now: Date; days: number; linkToken: LinkToken },
): Promise<{ invite: InviteRow; token: string; reissued: boolean } | undefined> {
  const { now, days, linkToken } = options;
  return db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('invites')
      .selectAll()
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!open) return undefined;
    const recent = recentLink(open, now, linkToken);
    const token = recent ?? linkToken(open.id, now);
    const invite = await trx
      .updateTable('invites')
      .set({ ...(recent ? {} : { token_hash: hashSessionToken(token), sent_at: now }), expires_at: new Date(now.getTime() + days * DAY_MS) })
      .where('id', '=', open.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { invite, token, reissued: recent === null };
  });
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

import type { Kysely, Transaction } from 'kysely';
import { settingsSchema, type IncomingNumber, type OutgoingAssignment, type PhoneConfig, type Settings } from '../phone-config/schema.ts';
import { openOrNull, type SecretBox } from '../security/secret-box.ts';
import { issue, type ApiIssue } from '../validation/issues.ts';
import { forgetIncomingNumbers } from './incoming-number-cache.ts';
import { revokeUserSessions } from './sessions.ts';
import type { Database, StoredTwilio } from './schema.ts';

/**
 * The phone configuration in the database: users, incoming numbers, outgoing assignments, the
 * Twilio account (secrets sealed) and settings. `replacePhoneConfig` writes a validated document in
 * one transaction, so a rejected or failed save changes nothing.
 */

export type Db = Kysely<Database> | Transaction<Database>;

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
  apiKeySid: string | null;
  apiKeySecret: string | null;
  twimlAppSid: string | null;
}

export class ConfigConflict extends Error {
  readonly issues: ApiIssue[];
  constructor(issues: ApiIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    this.name = 'ConfigConflict';
    this.issues = issues;
  }
}

export async function loadSettings(db: Db): Promise<Settings> {
  const row = await db.selectFrom('app_settings').select('settings').where('id', '=', 1).executeTakeFirstOrThrow();
  // Settings saved before a field existed get its default.
  return settingsSchema.parse(row.settings);
}

export async function loadStoredTwilio(db: Db): Promise<StoredTwilio> {
  const row = await db.selectFrom('app_settings').select('twilio').where('id', '=', 1).executeTakeFirstOrThrow();
  return row.twilio;
}

/**
 * The Twilio account with secrets opened, or null while the admin has not authenticated Twilio.
 * A secret this server cannot open (SECRET_KEY changed) counts as missing: no Auth Token, no
 * account; no API key secret, no voice tokens — "not configured", until Step 1 is done again.
 */
export async function loadTwilioCredentials(db: Db, secretBox: SecretBox): Promise<TwilioCredentials | null> {
  return openStoredTwilio(await loadStoredTwilio(db), secretBox).credentials;
}

/** The stored account's secrets opened, and which of those stored could not be (see loadTwilioCredentials). */
export function openStoredTwilio(
  stored: StoredTwilio,
  secretBox: SecretBox,
): { credentials: TwilioCredentials | null; unreadable: ('authToken' | 'apiKeySecret')[] } {
  const authToken = stored.authTokenSealed ? openOrNull(secretBox, stored.authTokenSealed) : null;
  const apiKeySecret = stored.apiKeySecretSealed ? openOrNull(secretBox, stored.apiKeySecretSealed) : null;
  const unreadable = [
    ...(stored.authTokenSealed && authToken === null ? (['authToken'] as const) : []),
    ...(stored.apiKeySecretSealed && apiKeySecret === null ? (['apiKeySecret'] as const) : []),
  ];
  if (!stored.accountSid || authToken === null) return { credentials: null, unreadable };
  return {
    credentials: { accountSid: stored.accountSid, authToken, apiKeySid: stored.apiKeySid ?? null, apiKeySecret, twimlAppSid: stored.twimlAppSid ?? null },
    unreadable,
  };
}

export async function saveStoredTwilio(db: Db, twilio: StoredTwilio, now: Date): Promise<void> {
  await db
    .updateTable('app_settings')
    .set((eb) => ({ twilio: JSON.stringify(twilio), updated_at: now, revision: eb('revision', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}

export async function findIncomingNumber(db: Db, e164: string): Promise<IncomingNumber | null> {
  const row = await db.selectFrom('incoming_numbers').select('definition').where('number', '=', e164).executeTakeFirst();
  return row ? ({ ...row.definition, number: e164 } as IncomingNumber) : null;
}

export async function listIncomingNumbers(db: Db): Promise<IncomingNumber[]> {
  const rows = await db.selectFrom('incoming_numbers').select(['number', 'definition']).orderBy('position').execute();
  return rows.map((row) => ({ ...row.definition, number: row.number }) as IncomingNumber);
}

export async function findOutgoingAssignment(db: Db, userId: string): Promise<OutgoingAssignment | null> {
  const row = await db.selectFrom('outgoing_assignments').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row ? { user: row.user_id, number: row.number, record: row.record } : null;
}

/**
 * The whole document as stored. Secrets and passwords are left out (undefined = "keep the stored
 * value"), so the result can be edited and written back; masking for display happens in routes.
 */
export async function loadPhoneConfig(db: Db): Promise<PhoneConfig> {
  const [settingsRow, users, incoming, outgoing] = await Promise.all([
    db.selectFrom('app_settings').select(['twilio', 'settings']).where('id', '=', 1).executeTakeFirstOrThrow(),
    db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute(),
    listIncomingNumbers(db),
    db.selectFrom('outgoing_assignments').selectAll().orderBy('user_id').execute(),
  ]);
  const { accountSid, apiKeySid, twimlAppSid } = settingsRow.twilio;
  return {
    twilio: { accountSid, apiKeySid, twimlAppSid },
    settings: settingsSchema.parse(settingsRow.settings),
    users: users.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      crmUserId: u.crm_user_id,
      active: u.active,
    })),
    incoming,
    outgoing: outgoing.map((o) => ({ user: o.user_id, number: o.number, record: o.record })),
  };
}

export interface ReplaceOptions {
  secretBox: SecretBox;
  /** Password hashes for users whose document carries a new password, computed before the transaction. */
  passwordHashes: Map<string, string>;
  now: Date;
  /** The bearer token of the session making the change: kept when its own user's password changes. */
  keepSession?: string;
}

/** What a writer holds once it has the configuration's lock. */
export interface LockedConfig {
  twilio: StoredTwilio;
  /** Raised by every write of the document or of the Twilio account. */
  revision: number;
}

/**
 * Takes the configuration's lock (the settings row) until `trx` ends. Every writer of the document
 * takes it first, so a writer that loads, edits and writes inside one transaction never loses
 * another's change (a lost update): the second waits here, then loads what the first wrote.
 */
export async function lockPhoneConfig(trx: Transaction<Database>): Promise<LockedConfig> {
  return trx.selectFrom('app_settings').select(['twilio', 'revision']).where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
}

/** The document's revision: raised by every write of the document or of the Twilio account. */
export async function loadConfigRevision(db: Db): Promise<number> {
  const row = await db.selectFrom('app_settings').select('revision').where('id', '=', 1).executeTakeFirstOrThrow();
  return row.revision;
}

/** Writes a validated document atomically. Throws ConfigConflict (nothing written) for stored-state conflicts. */
export async function replacePhoneConfig(db: Kysely<Database>, config: PhoneConfig, options: ReplaceOptions): Promise<void> {
  await db.transaction().execute(async (trx) => writePhoneConfig(trx, await lockPhoneConfig(trx), config, options));
  forgetIncomingNumbers(db);
}

/**
 * Writes a validated document inside the caller's transaction, which holds the lock
 * (`lockPhoneConfig`). Throws ConfigConflict for stored-state conflicts; the caller's rollback then
 * leaves everything as it was. The caller forgets the incoming-number cache after the commit.
 */
export async function writePhoneConfig(trx: Transaction<Database>, locked: LockedConfig, config: PhoneConfig, options: ReplaceOptions): Promise<void> {
  const { secretBox, passwordHashes, now } = options;
  const existingUsers = new Map(
    (await trx.selectFrom('users').select(['id', 'email', 'password_hash']).execute()).map((u) => [u.id, u]),
  );
  const provisioning = new Map(
    (await trx.selectFrom('incoming_numbers').select(['number', 'twilio_sid', 'previous_twilio', 'twilio_voice_url']).execute()).map((r) => [r.number, r]),
  );
  const issues = config.users.flatMap((user, index) =>
    !existingUsers.has(user.id) && !passwordHashes.has(user.id) ? [issue(`users[${index}].password`, 'new_user_needs_password')] : [],
  );
  // A number connected to Twilio points the Twilio number at this server and keeps its previous
  // setup only here: dropping the row would leave Twilio sending calls to a number we no longer
  // know, with nothing to give back. Deleting it on the numbers page (DELETE /api/incoming) gives
  // the Twilio number back first.
  const kept = new Set(config.incoming.map((incoming) => incoming.number));
  for (const row of provisioning.values()) {
    if (row.twilio_sid && !kept.has(row.number)) issues.push(issue('incoming', 'connected_number_removed', { number: row.number }));
  }
  if (issues.length > 0) throw new ConfigConflict(issues);

  const keptUserIds = config.users.map((u) => u.id);
  await trx
    .deleteFrom('users')
    .$if(keptUserIds.length > 0, (qb) => qb.where('id', 'not in', keptUserIds))
    .execute();
  // Addresses are unique (lower(email)) row by row, not at the commit: two users swapping addresses,
  // or one taking the address another gives up, would collide halfway. Park every changed address
  // on a value no e-mail address can be (no @; the id keeps it unique) before writing the new ones.
  const moving = config.users.filter((user) => {
    const stored = existingUsers.get(user.id);
    return stored !== undefined && stored.email.toLowerCase() !== user.email.toLowerCase();
  });
  for (const user of moving) {
    await trx.updateTable('users').set({ email: `(moving) ${user.id}` }).where('id', '=', user.id).execute();
  }
  for (const user of config.users) {
    const values = {
      name: user.name,
      email: user.email,
      role: user.role,
      crm_user_id: user.crmUserId ?? null,
      active: user.active,
      updated_at: now,
    };
    const hash = passwordHashes.get(user.id);
    if (existingUsers.has(user.id)) {
      await trx
        .updateTable('users')
        .set({ ...values, ...(hash ? { password_hash: hash } : {}) })
        .where('id', '=', user.id)
        .execute();
    } else {
      await trx
        .insertInto('users')
        .values({ id: user.id, ...values, password_hash: hash ?? null })
        .execute();
    }
    if (!user.active) await revokeUserSessions(trx, user.id);
    // A new password ends the user's other sessions: whoever knew the old one is signed out.
    else if (hash && existingUsers.has(user.id)) await revokeUserSessions(trx, user.id, { except: options.keepSession });
  }

  await trx.deleteFrom('incoming_numbers').execute();
  for (const [position, incoming] of config.incoming.entries()) {
    const { number, ...definition } = incoming;
    const link = provisioning.get(number);
    await trx
      .insertInto('incoming_numbers')
      .values({
        number,
        position,
        definition: JSON.stringify(definition),
        twilio_sid: link?.twilio_sid ?? null,
        previous_twilio: link?.previous_twilio ? JSON.stringify(link.previous_twilio) : null,
        twilio_voice_url: link?.twilio_voice_url ?? null,
        updated_at: now,
      })
      .execute();
  }

  await trx.deleteFrom('outgoing_assignments').execute();
  for (const assignment of config.outgoing) {
    await trx
      .insertInto('outgoing_assignments')
      .values({ user_id: assignment.user, number: assignment.number, record: assignment.record })
      .execute();
  }

  const twilio = mergeTwilio(locked.twilio, config.twilio, secretBox);
  await trx
    .updateTable('app_settings')
    .set((eb) => ({
      twilio: JSON.stringify(twilio),
      settings: JSON.stringify(config.settings),
      updated_at: now,
      revision: eb('revision', '+', 1),
    }))
    .where('id', '=', 1)
    .execute();
}

/**
 * A unique violation (23505) on the users table, as the field it concerns: possible only when a
 * writer that does not take the configuration's lock (the first admin's creation at start) took the
 * address or id after the document was loaded; an invitation's new rep is written under the lock.
 * Null for any other error.
 */
export function uniqueViolationIssue(error: unknown, config: PhoneConfig): ApiIssue | null {
  if (!error || typeof error !== 'object' || (error as { code?: unknown }).code !== '23505') return null;
  const { constraint, detail } = error as { constraint?: unknown; detail?: unknown };
  // "Key (lower(email))=(sato@example.jp) already exists."
  const value = typeof detail === 'string' ? /\)=\((.*)\) already exists/.exec(detail)?.[1] : undefined;
  if (constraint === 'users_email_unique') {
    const index = config.users.findIndex((user) => user.email.toLowerCase() === value?.toLowerCase());
    return index >= 0 ? issue(`users[${index}].email`, 'duplicate_email', { email: config.users[index]!.email }) : issue('users', 'duplicate_email', { email: value ?? '' });
  }
  if (constraint === 'users_pkey') {
    const index = config.users.findIndex((user) => user.id === value);
    return issue(index >= 0 ? `users[${index}].id` : 'users', 'duplicate_user_id', { id: value ?? '' });
  }
  return null;
}

/** Secrets: undefined keeps the stored value, an empty string clears it, anything else is sealed. */
function mergeTwilio(stored: StoredTwilio, incoming: PhoneConfig['twilio'], secretBox: SecretBox): StoredTwilio {
  const sealOrKeep = (value: string | undefined, kept: string | undefined) =>
    value === undefined ? kept : value === '' ? undefined : secretBox.seal(value);
  const switchedAccount = incoming.accountSid !== undefined && incoming.accountSid !== stored.accountSid;
  return {
    accountSid: incoming.accountSid,
    apiKeySid: incoming.apiKeySid,
    twimlAppSid: incoming.twimlAppSid,
    // A different account invalidates the old token unless a new one comes with it.
    authTokenSealed: sealOrKeep(incoming.authToken, switchedAccount ? undefined : stored.authTokenSealed),
    apiKeySecretSealed: sealOrKeep(incoming.apiKeySecret, switchedAccount ? undefined : stored.apiKeySecretSealed),
  };
}

import type { Kysely, Transaction } from 'kysely';
import { settingsSchema, type IncomingNumber, type OutgoingAssignment, type PhoneConfig, type Settings } from '../phone-config/schema.ts';
import type { SecretBox } from '../security/secret-box.ts';
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

/** The Twilio account with secrets opened, or null while the admin has not authenticated Twilio. */
export async function loadTwilioCredentials(db: Db, secretBox: SecretBox): Promise<TwilioCredentials | null> {
  const stored = await loadStoredTwilio(db);
  if (!stored.accountSid || !stored.authTokenSealed) return null;
  return {
    accountSid: stored.accountSid,
    authToken: secretBox.open(stored.authTokenSealed),
    apiKeySid: stored.apiKeySid ?? null,
    apiKeySecret: stored.apiKeySecretSealed ? secretBox.open(stored.apiKeySecretSealed) : null,
    twimlAppSid: stored.twimlAppSid ?? null,
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

/** Writes a validated document atomically. Throws ConfigConflict (nothing written) for stored-state conflicts. */
export async function replacePhoneConfig(db: Kysely<Database>, config: PhoneConfig, options: ReplaceOptions): Promise<void> {
  const { secretBox, passwordHashes, now } = options;
  await db.transaction().execute(async (trx) => {
    // Serialises concurrent saves across instances: every writer locks the settings row first.
    const current = await trx
      .selectFrom('app_settings')
      .select(['twilio'])
      .where('id', '=', 1)
      .forUpdate()
      .executeTakeFirstOrThrow();

    const existingUsers = new Map(
      (await trx.selectFrom('users').select(['id', 'password_hash']).execute()).map((u) => [u.id, u]),
    );
    const issues = config.users.flatMap((user, index) =>
      !existingUsers.has(user.id) && !passwordHashes.has(user.id)
        ? [issue(`users[${index}].password`, 'new_user_needs_password')]
        : [],
    );
    if (issues.length > 0) throw new ConfigConflict(issues);

    const keptUserIds = config.users.map((u) => u.id);
    await trx
      .deleteFrom('users')
      .$if(keptUserIds.length > 0, (qb) => qb.where('id', 'not in', keptUserIds))
      .execute();
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

    const provisioning = new Map(
      (await trx.selectFrom('incoming_numbers').select(['number', 'twilio_sid', 'previous_twilio']).execute()).map((r) => [
        r.number,
        r,
      ]),
    );
    await trx.deleteFrom('incoming_numbers').execute();
    for (const [position, incoming] of config.incoming.entries()) {
      const { number, ...definition } = incoming;
      const kept = provisioning.get(number);
      await trx
        .insertInto('incoming_numbers')
        .values({
          number,
          position,
          definition: JSON.stringify(definition),
          twilio_sid: kept?.twilio_sid ?? null,
          previous_twilio: kept?.previous_twilio ? JSON.stringify(kept.previous_twilio) : null,
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

    const twilio = mergeTwilio(current.twilio, config.twilio, secretBox);
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
  });
  forgetIncomingNumbers(db);
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

import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AppDeps } from '../http/deps.ts';
import { ApiError, apiError, invalidConfig, issue } from '../http/errors.ts';
import { audioReferencesOf, checkAudioFiles } from '../phone-config/audio-rules.ts';
import { audioIdsIn } from './audio-service.ts';
import { maskConfigForRead } from '../phone-config/masking.ts';
import type { PhoneConfig } from '../phone-config/schema.ts';
import { validatePhoneConfig, type ConfigIssue } from '../phone-config/validate.ts';
import { hashPassword } from '../security/passwords.ts';
import type { SecretBox } from '../security/secret-box.ts';
import { forgetIncomingNumbers } from '../store/incoming-number-cache.ts';
import {
  ConfigConflict,
  loadConfigRevision,
  loadPhoneConfig,
  loadTwilioCredentials,
  lockPhoneConfig,
  uniqueViolationIssue,
  writePhoneConfig,
  type Db,
  type LockedConfig,
} from '../store/phone-config-store.ts';
import type { Database } from '../store/schema.ts';
import { sessionCacheOf } from '../store/session-cache.ts';
import type { UserRow } from '../store/users.ts';

/**
 * Reading and writing the phone configuration as a whole. The resource routes (users, incoming,
 * outgoing, settings) go through `editPhoneConfig` too, so every change, big or small, meets the same
 * rules. Every save loads, edits, validates and writes the document in one transaction holding the
 * configuration's lock: two admins saving at the same moment both keep their change.
 */

/** The masked document and its ETag (`"<revision>-<digest>"`), read from one snapshot. */
export interface ConfigWithTag {
  config: PhoneConfig;
  etag: string;
}

export async function readMaskedConfig(deps: AppDeps): Promise<PhoneConfig> {
  return (await readConfigWithTag(deps)).config;
}

/**
 * The document for `GET /api/config`, with the ETag a later `PUT` sends back as If-Match. One
 * repeatable-read transaction, so the tag names exactly the document returned.
 */
export async function readConfigWithTag(deps: AppDeps): Promise<ConfigWithTag> {
  return deps.store.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const config = await loadPhoneConfig(trx);
      const revision = await loadConfigRevision(trx);
      const secrets = await storedSecrets(trx, deps.secretBox);
      return { config: maskConfigForRead({ ...config, twilio: { ...config.twilio, ...secrets } }), etag: configEtag(revision, config) };
    });
}

/**
 * The revision (raised by every save of the document and of the Twilio account) and a digest of the
 * stored document: the digest also notices writers that do not go through the document, such as
 * a rep joining through an invitation.
 */
function configEtag(revision: number, stored: PhoneConfig): string {
  const digest = createHash('sha256').update(JSON.stringify(stored)).digest('base64url').slice(0, 16);
  return `"${revision}-${digest}"`;
}

/** If-Match (RFC 9110 §13.1.1): `*`, or a list of strong tags one of which is the current one. */
function etagMatches(ifMatch: string, current: string): boolean {
  const value = ifMatch.trim();
  if (value === '*') return true;
  return value.split(',').some((tag) => tag.trim() === current);
}

async function storedSecrets(db: Db, secretBox: SecretBox): Promise<{ authToken?: string; apiKeySecret?: string }> {
  const credentials = await loadTwilioCredentials(db, secretBox);
  return {
    ...(credentials?.authToken ? { authToken: credentials.authToken } : {}),
    ...(credentials?.apiKeySecret ? { apiKeySecret: credentials.apiKeySecret } : {}),
  };
}

export interface SaveOptions {
  /** The actor's own session, kept when the actor changes their own password. */
  actorSessionToken?: string;
  /** The request's If-Match: the save goes ahead only while the stored document still has this tag. */
  ifMatch?: string;
  /**
   * Every audio file the document plays must be stored here: for a whole document (an import), which
   * may come from another server. An edit may keep the files the stored document already plays; a
   * file it newly plays must be stored (see playableAudioIds).
   */
  checkAudio?: boolean;
}

/**
 * Validates and stores a whole document (PUT /api/config, an import). Nothing changes on any error.
 * A user whose password changes is signed out everywhere, except in the actor's own session
 * (`actorSessionToken`) when the actor changed their own password. With `ifMatch`, a document
 * changed since the admin read it is refused (412 config_changed); without, the import overwrites.
 */
export async function savePhoneConfig(deps: AppDeps, input: unknown, actor: UserRow, options: SaveOptions = {}): Promise<ConfigWithTag> {
  return saveDocument(deps, actor, () => input, { ...options, checkAudio: true });
}

/**
 * Applies an edit to the stored document and saves it. Used by the resource routes. `edit` gets a
 * JSON copy (secrets and passwords absent = kept) of the document as stored once the lock is held,
 * and may throw ApiError (e.g. 404). It may run twice (again after a new password was hashed outside
 * the lock), so it must do nothing but change the document.
 */
export async function editPhoneConfig(
  deps: AppDeps,
  actor: UserRow,
  edit: (document: EditableConfig) => void,
  pathPrefix?: (issue: ConfigIssue) => ConfigIssue,
  actorSessionToken?: string,
): Promise<PhoneConfig> {
  const produce = (stored: PhoneConfig) => {
    const document = structuredClone(stored) as EditableConfig;
    edit(document);
    return document;
  };
  try {
    return (await saveDocument(deps, actor, produce, actorSessionToken ? { actorSessionToken } : {})).config;
  } catch (error) {
    if (error instanceof ApiError && error.issues && pathPrefix) {
      throw invalidConfig(error.issues.map(pathPrefix));
    }
    throw error;
  }
}

type Hashes = Map<string, { password: string; hash: string }>;
type Attempt = { done: true } | { done: false; passwords: { id: string; password: string }[] };

/**
 * Load, edit, validate and write in one transaction that holds the lock. scrypt takes a few hundred
 * milliseconds and PGlite has one connection, held by the transaction: a new password found in the
 * first attempt is hashed after it (which wrote nothing), and the second attempt uses the hash.
 */
async function saveDocument(deps: AppDeps, actor: UserRow, produce: (stored: PhoneConfig) => unknown, options: SaveOptions): Promise<ConfigWithTag> {
  const { db } = deps.store;
  const hashes: Hashes = new Map();
  for (let attempt = 0; ; attempt++) {
    const outcome = await db.transaction().execute((trx) => saveLocked(deps, trx, actor, produce, options, hashes, attempt > 0));
    if (outcome.done) break;
    for (const { id, password } of outcome.passwords) hashes.set(id, { password, hash: await hashPassword(password, deps.passwordCost) });
  }
  forgetIncomingNumbers(db);
  // Users may have been removed, deactivated, given another role or password: this instance's own
  // next request must not beat the database's notice.
  sessionCacheOf(deps.store).forgetAll();
  deps.logger.info({ event: 'config_saved', actor: actor.id }, 'phone configuration saved');
  return readConfigWithTag(deps);
}

async function saveLocked(
  deps: AppDeps,
  trx: Transaction<Database>,
  actor: UserRow,
  produce: (stored: PhoneConfig) => unknown,
  options: SaveOptions,
  hashes: Hashes,
  hashInside: boolean,
): Promise<Attempt> {
  const locked = await lockPhoneConfig(trx);
  const stored = await loadPhoneConfig(trx);
  if (options.ifMatch !== undefined && !etagMatches(options.ifMatch, configEtag(locked.revision, stored))) throw apiError('config_changed');

  const result = validatePhoneConfig(produce(stored), {
    stored: { twilio: await storedSecrets(trx, deps.secretBox) },
    storedUsers: stored.users,
  });
  if (!result.ok) throw invalidConfig(result.issues);
  const config = result.config;
  const issues = [...checkActorKeepsAccess(config, actor), ...checkTwilioUnchanged(config, locked), ...checkTwilioSecretsKept(config)];
  issues.push(...checkAudioFiles(config, await playableAudioIds(trx, stored, options.checkAudio === true)));
  if (issues.length > 0) throw invalidConfig(issues);

  const unhashed = config.users.flatMap((user) =>
    user.password && hashes.get(user.id)?.password !== user.password ? [{ id: user.id, password: user.password }] : [],
  );
  if (unhashed.length > 0 && !hashInside) return { done: false, passwords: unhashed };
  // Only when the edit gave another password the second time: correct, if slower.
  for (const { id, password } of unhashed) hashes.set(id, { password, hash: await hashPassword(password, deps.passwordCost) });

  const passwordHashes = new Map(config.users.flatMap((user) => (user.password ? [[user.id, hashes.get(user.id)!.hash] as const] : [])));
  try {
    await writePhoneConfig(trx, locked, keepTwilioSids(config, locked), {
      secretBox: deps.secretBox,
      passwordHashes,
      now: deps.now(),
      ...(options.actorSessionToken ? { keepSession: options.actorSessionToken } : {}),
    });
  } catch (error) {
    if (error instanceof ConfigConflict) throw invalidConfig(error.issues);
    // A writer outside the lock took an address or id meanwhile (see uniqueViolationIssue).
    const conflict = uniqueViolationIssue(error, config);
    if (conflict) throw invalidConfig([conflict]);
    throw error;
  }
  return { done: true };
}

/** An admin cannot lock themselves out by removing, demoting or deactivating their own account. */
function checkActorKeepsAccess(config: PhoneConfig, actor: UserRow): ConfigIssue[] {
  const index = config.users.findIndex((user) => user.id === actor.id);
  const self = config.users[index];
  if (!self) return [issue('users', 'cannot_remove_self', { id: actor.id })];
  if (self.role !== 'admin') return [issue(`users[${index}].role`, 'cannot_demote_self')];
  if (!self.active) return [issue(`users[${index}].active`, 'cannot_deactivate_self')];
  return [];
}

const TWILIO_SIDS = ['accountSid', 'apiKeySid', 'twimlAppSid'] as const;

/**
 * The Twilio account, API key and TwiML App change only on the Twilio step (PUT /api/twilio/account),
 * which checks them with Twilio and seals the matching secrets. Stored as sent, another account's
 * SID would drop the Auth Token and every webhook would be refused. Absent means "keep".
 */
function checkTwilioUnchanged(config: PhoneConfig, locked: LockedConfig): ConfigIssue[] {
  return TWILIO_SIDS.flatMap((key) =>
    config.twilio[key] !== undefined && config.twilio[key] !== locked.twilio[key] ? [issue(`twilio.${key}`, 'twilio_change_needs_twilio_step')] : [],
  );
}

const TWILIO_SECRETS = ['authToken', 'apiKeySecret'] as const;

/**
 * The Auth Token and the API key secret are set on the Twilio step too, which checks them with Twilio.
 * A document carries them masked (`••••9f9f`, which means "keep"; a mask that is not the stored one
 * is refused by the validation); any other value — blanked, replaced, pasted from another project —
 * would be stored unchecked: with another Auth Token every webhook is refused (its signature no
 * longer matches), without the API key secret no rep gets a Voice token.
 */
function checkTwilioSecretsKept(config: PhoneConfig): ConfigIssue[] {
  return TWILIO_SECRETS.flatMap((key) => (config.twilio[key] !== undefined ? [issue(`twilio.${key}`, 'twilio_change_needs_twilio_step')] : []));
}

/**
 * The audio files the saved document may play, read under the lock, so that a file deleted meanwhile
 * (deleteAudio takes the same lock) is not one of them. A whole document (an import) may come from
 * another server: only the files stored here. An edit leaves the other numbers' files as they were:
 * also those the stored document already plays.
 */
async function playableAudioIds(trx: Transaction<Database>, stored: PhoneConfig, wholeDocument: boolean): Promise<Set<string>> {
  const ids = await audioIdsIn(trx);
  if (!wholeDocument) for (const reference of audioReferencesOf(stored)) ids.add(reference.audioId);
  return ids;
}

function keepTwilioSids(config: PhoneConfig, locked: LockedConfig): PhoneConfig {
  const { accountSid, apiKeySid, twimlAppSid } = locked.twilio;
  return { ...config, twilio: { ...config.twilio, accountSid, apiKeySid, twimlAppSid } };
}

/** The document as plain JSON for editing: inputs, not yet validated. */
export type EditableConfig = {
  twilio: Record<string, unknown>;
  settings: Record<string, unknown>;
  users: Record<string, unknown>[];
  incoming: Record<string, unknown>[];
  outgoing: Record<string, unknown>[];
};

/** Rewrites `users[3].email` as `email` for a route that edits users[3] alone. */
export function relativeTo(prefix: string): (issue: ConfigIssue) => ConfigIssue {
  return (issue) =>
    issue.path === prefix
      ? { ...issue, path: '' }
      : issue.path.startsWith(`${prefix}.`)
        ? { ...issue, path: issue.path.slice(prefix.length + 1) }
        : issue;
}

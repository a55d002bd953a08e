import type { AppDeps } from '../http/deps.ts';
import { ApiError, invalidConfig, issue } from '../http/errors.ts';
import { maskConfigForRead } from '../phone-config/masking.ts';
import type { PhoneConfig } from '../phone-config/schema.ts';
import { validatePhoneConfig, type ConfigIssue } from '../phone-config/validate.ts';
import { hashPassword } from '../security/passwords.ts';
import {
  ConfigConflict,
  loadPhoneConfig,
  loadTwilioCredentials,
  replacePhoneConfig,
} from '../store/phone-config-store.ts';
import { sessionCacheOf } from '../store/session-cache.ts';
import type { UserRow } from '../store/users.ts';

/**
 * Reading and writing the phone configuration as a whole. The resource routes (users, incoming,
 * outgoing) go through `editPhoneConfig` too, so every change, big or small, meets the same rules and
 * is written in one transaction.
 */

export async function readMaskedConfig(deps: AppDeps): Promise<PhoneConfig> {
  const { db } = deps.store;
  const [config, credentials] = await Promise.all([loadPhoneConfig(db), storedSecrets(deps)]);
  return maskConfigForRead({ ...config, twilio: { ...config.twilio, ...credentials } });
}

async function storedSecrets(deps: AppDeps): Promise<{ authToken?: string; apiKeySecret?: string }> {
  const credentials = await loadTwilioCredentials(deps.store.db, deps.secretBox);
  return {
    ...(credentials?.authToken ? { authToken: credentials.authToken } : {}),
    ...(credentials?.apiKeySecret ? { apiKeySecret: credentials.apiKeySecret } : {}),
  };
}

/**
 * Validates and stores a whole document (PUT /api/config, an import). Nothing changes on any error.
 * A user whose password changes is signed out everywhere, except in the actor's own session
 * (`actorSessionToken`) when the actor changed their own password.
 */
export async function savePhoneConfig(deps: AppDeps, input: unknown, actor: UserRow, actorSessionToken?: string): Promise<PhoneConfig> {
  const result = validatePhoneConfig(input, { stored: { twilio: await storedSecrets(deps) } });
  if (!result.ok) throw invalidConfig(result.issues);
  const config = result.config;
  const actorIssues = checkActorKeepsAccess(config, actor);
  if (actorIssues.length > 0) throw invalidConfig(actorIssues);

  const passwordHashes = new Map<string, string>();
  for (const user of config.users) {
    if (user.password) passwordHashes.set(user.id, await hashPassword(user.password, deps.passwordCost));
  }
  try {
    await replacePhoneConfig(deps.store.db, config, {
      secretBox: deps.secretBox,
      passwordHashes,
      now: deps.now(),
      ...(actorSessionToken ? { keepSession: actorSessionToken } : {}),
    });
  } catch (error) {
    if (error instanceof ConfigConflict) throw invalidConfig(error.issues);
    throw error;
  }
  // Users may have been removed, deactivated, given another role or password: this instance's own
  // next request must not beat the database's notice.
  sessionCacheOf(deps.store).forgetAll();
  deps.logger.info({ event: 'config_saved', actor: actor.id }, 'phone configuration saved');
  return readMaskedConfig(deps);
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

/**
 * Applies an edit to the stored document and saves it. Used by the resource routes. `edit` gets a
 * JSON copy (secrets and passwords absent = kept) and may throw ApiError (e.g. 404).
 */
export async function editPhoneConfig(
  deps: AppDeps,
  actor: UserRow,
  edit: (document: EditableConfig) => void,
  pathPrefix?: (issue: ConfigIssue) => ConfigIssue,
  actorSessionToken?: string,
): Promise<PhoneConfig> {
  const document = structuredClone(await loadPhoneConfig(deps.store.db)) as EditableConfig;
  edit(document);
  try {
    return await savePhoneConfig(deps, document, actor, actorSessionToken);
  } catch (error) {
    if (error instanceof ApiError && error.issues && pathPrefix) {
      throw invalidConfig(error.issues.map(pathPrefix));
    }
    throw error;
  }
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

import { issue } from '../validation/issues.ts';
import type { ConfigIssue } from './issues.ts';
import { normaliseNumber } from './normalise.ts';
import type { IncomingNumber, OutgoingAssignment, PhoneConfig, User } from './schema.ts';
import type { StoredSecrets } from './secret-rules.ts';
import { validatePhoneConfig } from './validate.ts';

/**
 * The options page edits one user, incoming number or outgoing assignment at a time. Each change is
 * checked by placing it in the current document and validating the whole, so the rules are exactly
 * those of `PUT /api/config`.
 *
 * Issue paths: problems in the resource itself are relative to it (`email`, `route.menu[0].key`, or
 * `` for the resource as a whole); problems the change causes elsewhere keep their document path
 * (`incoming[0].route.users[1]: user "sato" is deactivated`). The two cannot be confused: a document
 * path starts with `users`, `incoming`, `outgoing`, `twilio` or `settings`, none of them a field of a resource.
 */
export interface ResourceContext {
  /** The current document (valid; passwords may be left out). */
  config: PhoneConfig;
  stored?: StoredSecrets;
  /** The key of the resource the input replaces (user id, incoming number, outgoing user); absent to create one. */
  replacing?: string;
}

/** `config` is the whole new document to store; `value` the resource as stored (undefined secret = keep). */
export type ResourceResult<T> = { ok: true; value: T; config: PhoneConfig } | { ok: false; issues: ConfigIssue[] };

export function validateUser(input: unknown, context: ResourceContext): ResourceResult<User> {
  const { config, replacing } = context;
  const index = replacing === undefined ? config.users.length : config.users.findIndex((user) => user.id === replacing);
  if (index === -1) return refused(issue('', 'user_not_found', { id: replacing ?? '' }));
  const id = typeof input === 'object' && input !== null ? (input as { id?: unknown }).id : undefined;
  if (replacing !== undefined && id !== replacing) return refused(issue('id', 'user_id_immutable'));
  return validateIn(context, 'users', index, input, (next) => next.users[index]);
}

export function validateIncomingNumber(input: unknown, context: ResourceContext): ResourceResult<IncomingNumber> {
  const { config, replacing } = context;
  const key = replacing === undefined ? undefined : (normaliseNumber(replacing, config.settings.defaultCountry) ?? replacing);
  const index = key === undefined ? config.incoming.length : config.incoming.findIndex((incoming) => incoming.number === key);
  if (index === -1) return refused(issue('', 'incoming_number_not_found', { number: replacing ?? '' }));
  return validateIn(context, 'incoming', index, input, (next) => next.incoming[index]);
}

export function validateOutgoing(input: unknown, context: ResourceContext): ResourceResult<OutgoingAssignment> {
  const { config, replacing } = context;
  const index = replacing === undefined ? config.outgoing.length : config.outgoing.findIndex((assignment) => assignment.user === replacing);
  if (index === -1) return refused(issue('', 'outgoing_not_found', { user: replacing ?? '' }));
  return validateIn(context, 'outgoing', index, input, (next) => next.outgoing[index]);
}

/**
 * Removing a user also removes their outgoing number (it is theirs); ring lists that still name
 * them are reported, not edited, so the admin decides who takes those calls instead.
 */
export function validateUserRemoval(id: string, context: Omit<ResourceContext, 'replacing'>): { ok: true; config: PhoneConfig } | { ok: false; issues: ConfigIssue[] } {
  const { config } = context;
  if (!config.users.some((user) => user.id === id)) return refused(issue('', 'user_not_found', { id }));
  const document = withoutPasswords(config);
  return validatePhoneConfig(
    {
      ...document,
      users: document.users.filter((user) => user.id !== id),
      outgoing: document.outgoing.filter((assignment) => assignment.user !== id),
    },
    { stored: context.stored },
  );
}

type Section = 'users' | 'incoming' | 'outgoing';

function validateIn<T>(context: ResourceContext, section: Section, index: number, input: unknown, pick: (config: PhoneConfig) => T | undefined): ResourceResult<T> {
  const document = withoutPasswords(context.config);
  const list: unknown[] = [...document[section]];
  list[index] = input;
  const result = validatePhoneConfig({ ...document, [section]: list }, { stored: context.stored });
  if (!result.ok) return { ok: false, issues: result.issues.map((issue) => relativeTo(issue, `${section}[${index}]`)) };
  const value = pick(result.config);
  if (value === undefined) throw new Error(`${section}[${index}] disappeared while validating`);
  return { ok: true, value, config: result.config };
}

/** Other users' password fields (hashes, or nothing) are not re-checked: undefined keeps them. */
function withoutPasswords(config: PhoneConfig): PhoneConfig {
  return { ...config, users: config.users.map(({ password: _password, ...user }) => user) };
}

function relativeTo(problem: ConfigIssue, prefix: string): ConfigIssue {
  if (problem.path === prefix) return { ...problem, path: '' };
  if (problem.path.startsWith(`${prefix}.`)) return { ...problem, path: problem.path.slice(prefix.length + 1) };
  return problem;
}

function refused(problem: ConfigIssue): { ok: false; issues: ConfigIssue[] } {
  return { ok: false, issues: [problem] };
}

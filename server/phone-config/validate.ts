import { fromZodIssues, inDocumentOrder, type ConfigIssue } from './issues.ts';
import { isMasked } from './masking.ts';
import { normaliseNumber } from './normalise.ts';
import { checkRules } from './rules.ts';
import { phoneConfigSchema, type PhoneConfig } from './schema.ts';
import type { StoredSecrets } from './secret-rules.ts';
import type { StoredUser } from './user-rules.ts';

export type { ConfigIssue } from './issues.ts';
export { formatIssues, renderPath } from './issues.ts';
export type { StoredSecrets } from './secret-rules.ts';
export type { StoredUser } from './user-rules.ts';

export interface ValidateOptions {
  /** What this server stores now; when given, a masked secret must match it. */
  stored?: StoredSecrets;
  /** The users as stored now; when given, an address used twice is reported on the user given it now. */
  storedUsers?: readonly StoredUser[];
}

export type PhoneConfigResult = { ok: true; config: PhoneConfig } | { ok: false; issues: ConfigIssue[] };

/**
 * Reads a whole phone configuration (a `PUT /api/config` body, an imported export) and lists every
 * problem at once, each with its path (`incoming[0].route.menu[1].action.users[0]`).
 *
 * In the returned config, numbers are E.164, and a secret or password that is `undefined` means
 * "keep the stored value": that is what a masked secret (`••••1a2b`), an empty or absent password
 * become. Any other Twilio secret, `""` included, stays as sent; the save refuses it (secrets change
 * only on the Twilio step, services/phone-config-service.ts).
 */
export function validatePhoneConfig(input: unknown, options: ValidateOptions = {}): PhoneConfigResult {
  const parsed = phoneConfigSchema.safeParse(input);
  const issues = [...(parsed.success ? [] : fromZodIssues(parsed.error.issues, input)), ...checkRules(input, options.stored, options.storedUsers)];
  if (!parsed.success || issues.length > 0) return { ok: false, issues: inDocumentOrder(issues, input) };
  return { ok: true, config: toStoredForm(parsed.data) };
}

function toStoredForm(config: PhoneConfig): PhoneConfig {
  const country = config.settings.defaultCountry;
  const e164 = (number: string) => normaliseNumber(number, country) ?? number;
  return {
    ...config,
    twilio: {
      ...config.twilio,
      authToken: keepIfMasked(config.twilio.authToken),
      apiKeySecret: keepIfMasked(config.twilio.apiKeySecret),
    },
    users: config.users.map((user) => ({
      ...user,
      email: user.email.trim(),
      password: user.password === '' ? undefined : keepIfMasked(user.password),
    })),
    incoming: config.incoming.map((incoming) => ({ ...incoming, number: e164(incoming.number) })),
    outgoing: config.outgoing.map((assignment) => ({ ...assignment, number: e164(assignment.number) })),
  };
}

function keepIfMasked(value: string | undefined): string | undefined {
  return isMasked(value) ? undefined : value;
}

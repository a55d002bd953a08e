import { isMasked, maskSecret } from './masking.ts';
import { field, type Reporter } from './raw.ts';

/** The secrets currently stored on this server (decrypted), to check that a masked value refers to them. */
export interface StoredSecrets {
  twilio?: { authToken?: string | undefined; apiKeySecret?: string | undefined };
}

const SECRET_NAMES = { authToken: 'Auth Token', apiKeySecret: 'API key secret' } as const;

/**
 * A masked value means "keep the stored secret". When we know what is stored, a mask that does not
 * match it (an export from another server) is refused instead of silently keeping a different secret.
 */
export function checkMaskedSecrets(document: unknown, stored: StoredSecrets | undefined, reporter: Reporter): void {
  if (stored === undefined) return;
  const twilio = field(document, 'twilio');
  for (const key of ['authToken', 'apiKeySecret'] as const) {
    const value = field(twilio, key);
    if (!isMasked(value)) continue;
    const name = SECRET_NAMES[key];
    const current = maskSecret(stored.twilio?.[key]);
    if (current === undefined) {
      reporter.report(['twilio', key], `no ${name} is stored on this server to keep: enter the ${name}`);
    } else if (current !== value) {
      reporter.report(['twilio', key], `${value} does not match the stored ${name} (${current}): enter the ${name}, or leave the field out to keep the stored one`);
    }
  }
}

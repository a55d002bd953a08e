import { isMasked, maskSecret } from './masking.ts';
import { field, type Reporter } from './raw.ts';

/** The secrets currently stored on this server (decrypted), to check that a masked value refers to them. */
export interface StoredSecrets {
  twilio?: { authToken?: string | undefined; apiKeySecret?: string | undefined };
}

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
    const current = maskSecret(stored.twilio?.[key]);
    if (current === undefined) reporter.report(['twilio', key], 'masked_secret_not_stored');
    else if (current !== value) reporter.report(['twilio', key], 'masked_secret_mismatch', { value, stored: current });
  }
}

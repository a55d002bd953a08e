import { checkBusinessHours } from './hours-rules.ts';
import type { FoundIssue } from './issues.ts';
import { checkCountries, checkIncomingNumbers, checkOutgoing } from './number-rules.ts';
import { createReporter } from './raw.ts';
import { checkIncomingRoutes } from './route-rules.ts';
import { checkSpokenTexts } from './say-rules.ts';
import { checkTimeZone } from './time-zone-rules.ts';
import { checkMaskedSecrets, type StoredSecrets } from './secret-rules.ts';
import { checkUsers, type StoredUser } from './user-rules.ts';
import { checkVoicemail } from './voicemail-rules.ts';

/** Every rule that spans more than one field, run on the document as sent (see raw.ts). */
export function checkRules(document: unknown, stored?: StoredSecrets, storedUsers?: readonly StoredUser[]): FoundIssue[] {
  const reporter = createReporter();
  checkMaskedSecrets(document, stored, reporter);
  checkCountries(document, reporter);
  checkUsers(document, reporter, storedUsers);
  checkIncomingNumbers(document, reporter);
  checkIncomingRoutes(document, reporter);
  checkVoicemail(document, reporter);
  checkSpokenTexts(document, reporter);
  checkOutgoing(document, reporter);
  checkBusinessHours(document, reporter);
  checkTimeZone(document, reporter);
  return reporter.issues;
}

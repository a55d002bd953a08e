import { t, uiLanguage } from '@/locales/i18n';
import type { MessageKey } from '@/locales/messages';
import { apiErrorText } from '@/locales/api-error-text';
import type { PreviousAccount } from '@/models/admin-schemas';
import { displayNumber } from '../call-party';
import { useOrgCountry } from './org-settings';

/** `03-1234-5678、06-1234-5678` / `03-1234-5678 and 06-1234-5678`. */
const listed = (items: string[]) => new Intl.ListFormat(uiLanguage.value === 'ja' ? 'ja-JP' : 'en-US').format(items);

/** Why the old account could not be tidied, said of that account (not as advice about the form above). */
const causes: Record<string, MessageKey> = {
  twilio_auth_failed: 'twilio.previous.cause.auth',
  twilio_account_inactive: 'twilio.previous.cause.inactive',
  twilio_account_suspended: 'twilio.previous.cause.inactive',
  twilio_account_closed: 'twilio.previous.cause.inactive',
  twilio_unreachable: 'twilio.previous.cause.unreachable',
  twilio_unavailable: 'twilio.previous.cause.unreachable',
  twilio_rate_limited: 'twilio.previous.cause.unreachable',
  twilio_secrets_unreadable: 'twilio.previous.cause.secrets',
};

/**
 * After switching Twilio accounts: what became of the previous one. Tidied, a line says so; otherwise
 * the admin learns what of ours is still there — the API key, the TwiML App, and above all numbers
 * that still send their calls here, which this server now refuses (they are signed with the old
 * account's token).
 */
export function PreviousAccountNotice({ previous }: { previous: PreviousAccount }) {
  const { accountSid, cleanup } = previous;
  const country = useOrgCountry();
  if (!cleanup.problem) {
    return (
      <p class="yb-alert yb-alert--ok" role="status">
        {cleanup.numbersRestored > 0
          ? t(cleanup.numbersRestored === 1 ? 'twilio.previous.tidiedAndRestored.one' : 'twilio.previous.tidiedAndRestored', { accountSid, count: cleanup.numbersRestored })
          : t('twilio.previous.tidied', { accountSid })}
      </p>
    );
  }
  const causeKey = causes[cleanup.problem.code];
  // The sentence ends the notice's own: its final full stop goes.
  const cause = causeKey ? t(causeKey) : apiErrorText(uiLanguage.value, cleanup.problem).replace(/[.。]$/, '');
  // Servers that do not send `left` yet: what was not deleted may still be there (its SID unknown here).
  const left = cleanup.left ?? {
    apiKeySid: cleanup.apiKeyDeleted ? null : '',
    twimlAppSid: cleanup.twimlAppDeleted ? null : '',
    numbers: [],
  };
  const items = [
    left.apiKeySid !== null && t('twilio.previous.left.apiKey', { sid: left.apiKeySid }),
    left.twimlAppSid !== null && t('twilio.previous.left.twimlApp', { sid: left.twimlAppSid }),
    left.numbers.length > 0 && t('twilio.previous.left.numbers', { numbers: listed(left.numbers.map((number) => displayNumber(number, country))) }),
  ].filter((item): item is string => Boolean(item));
  return (
    <div class="yb-alert yb-alert--error" role="alert" data-testid="previous-account">
      <p>{t('twilio.previous.notTidied', { accountSid, cause })}</p>
      {items.length > 0 && (
        <>
          <p>{t('twilio.previous.leftIntro')}</p>
          <ul>{items.map((item) => <li key={item}>{item.trim()}</li>)}</ul>
        </>
      )}
    </div>
  );
}

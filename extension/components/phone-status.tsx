import { t } from '@/locales/i18n';
import type { PhoneStatus } from '@/models/phone-state';

const TONE: Record<PhoneStatus, 'ok' | 'busy' | 'off' | 'bad'> = {
  ready: 'ok',
  connecting: 'busy',
  offline: 'off',
  'no-microphone': 'bad',
  'server-unreachable': 'bad',
  'twilio-unreachable': 'bad',
};

/** The phone's state in a word, with what to do about it. */
export function PhoneStatusView({ status, compact = false }: { status: PhoneStatus; compact?: boolean }) {
  return (
    <div class={`yb-status yb-status--${TONE[status]}`} role="status">
      <span class="yb-status__dot" aria-hidden="true" />
      <span class="yb-status__label">{t(`status.${status}`)}</span>
      {!compact && <p class="yb-status__help">{t(`status.${status}.help`)}</p>}
    </div>
  );
}

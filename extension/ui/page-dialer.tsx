import { Dialer } from '@/components/dialer';
import { PhoneStatusView } from '@/components/phone-status';
import { t } from '@/locales/i18n';
import type { DialerModel } from '@/models/dialer-model';
import type { PhoneModel } from '@/models/phone-model';

/**
 * The launcher's compact dialer: the phone's state and the popup's number field, keypad and call button.
 * The call itself then shows in the page's call card; going online, the call log and the after-call
 * note stay in the popup (a page may not ask for those).
 */
export function PageDialer({ phone, dialer }: { phone: PhoneModel; dialer: DialerModel }) {
  const snapshot = phone.snapshot.value;
  const free = snapshot.phase === 'idle' || snapshot.phase === 'wrap-up';
  const canDial = snapshot.status === 'ready' && free && snapshot.canCallOut !== false;
  return (
    <div class="yb-phone yb-phone--compact">
      <div class="yb-phone__bar">
        <PhoneStatusView status={snapshot.status} compact />
      </div>
      {phone.lastError.value && (
        <p class="yb-alert yb-alert--error" role="alert">
          {phone.lastError.value}
        </p>
      )}
      {free ? (
        <Dialer dialer={dialer} canDial={canDial} onCall={(to) => void phone.dial({ to })} />
      ) : (
        <p class="yb-muted">{t(`call.${snapshot.phase === 'incoming' ? 'incoming' : 'in-call'}`)}</p>
      )}
      {snapshot.canCallOut === false && <p class="yb-alert">{t('check.outgoing-number.fix')}</p>}
      {snapshot.status !== 'ready' && <p class="yb-muted">{t(`status.${snapshot.status}.help`)}</p>}
      {snapshot.phase === 'wrap-up' && <p class="yb-muted">{t('page.wrapUpInPopup')}</p>}
    </div>
  );
}

import { t } from '@/locales/i18n';
import type { NetworkNotice } from '@/phone/network-notice';

/**
 * What the network is doing to the call: a lost connection, loud (an alert: the rep is talking to
 * nobody), a quality problem as a quiet line, or, in wrap-up, that the network ended the call.
 */
export function CallNetworkNotice({ notice }: { notice: NetworkNotice | null }) {
  if (!notice) return null;
  if (notice.dropped) {
    return (
      <p class="yb-alert yb-alert--error" role="status">
        {t('call.network.dropped')}
      </p>
    );
  }
  if (notice.reconnecting) {
    return (
      <p class="yb-alert yb-alert--error" role="alert">
        {t('call.network.reconnecting')}
      </p>
    );
  }
  return notice.quality ? (
    <p class="yb-muted yb-in-call__quality" role="status">
      {t(`call.network.quality.${notice.quality}`)}
    </p>
  ) : null;
}

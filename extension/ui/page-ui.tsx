import { render } from 'preact';
import type { CountryCode } from 'libphonenumber-js/core';
import { pickLanguage, uiLanguage } from '@/locales/i18n';
import { createCallControlModel } from '@/models/call-control-model';
import { createMessagingCallControlClient } from '@/models/call-control-client';
import { createDialerModel } from '@/models/dialer-model';
import { createMessagingPhoneClient } from '@/models/messaging-phone-client';
import { createPhoneModel, type Clock } from '@/models/phone-model';
import { PageCallCard } from './page-call-card';
import { PageDialer } from './page-dialer';
import type { PageUiHost } from './page-ui-contract';

/**
 * The page UI, loaded on demand into the launcher's shadow root (page-shell.ts): the incoming / in-call
 * card while there is a call, and the compact dialer in the launcher's panel. It follows the phone's
 * state from the background on its own (getState, then the pushes).
 */
export function mountPageUi(host: PageUiHost, options: { css: string; clock?: Clock }): { unmount(): void } {
  // The page's own language (<html lang>) is the CRM's, not the rep's: only our signal changes.
  uiLanguage.value = pickLanguage(globalThis.navigator?.language, host.language);
  const style = host.shadowRoot.ownerDocument.createElement('style');
  style.textContent = options.css;
  host.shadowRoot.prepend(style);

  const country = host.country as CountryCode;
  const client = createMessagingPhoneClient(host.link, () => country);
  const phone = createPhoneModel(client, options.clock);
  const dialer = createDialerModel(() => country);
  const control = createCallControlModel(createMessagingCallControlClient(host.link), phone, { country: () => country });
  render(<PageCallCard phone={phone} control={control} country={country} guardSight={host.guardSight} />, host.card);
  render(<PageDialer phone={phone} dialer={dialer} />, host.panel);
  return {
    unmount() {
      render(null, host.card);
      render(null, host.panel);
      phone.dispose();
      control.dispose();
      style.remove();
    },
  };
}

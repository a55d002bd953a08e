import { afterEach, describe, expect, it } from 'vitest';
import { CallProblemCard } from '@/components/call-problem-card';
import { PhonePanel } from '@/components/phone-panel';
import { t, uiLanguage, type UiLanguage } from '@/locales/i18n';
import { createDialerModel } from '@/models/dialer-model';
import { formatAsYouType } from '@/models/phone-number-format';
import { createPhoneModel } from '@/models/phone-model';
import { createWrapUpModel } from '@/models/wrap-up-model';
import { createFakePhoneClient } from '../models/fake-phone-client';
import { flush, renderUi } from './render';

/** Where the settings page keeps the microphone, in the words of its own menu and heading. */
const microphonePlace = () => `${t('tab.account')} › ${t('account.microphone')}`;

describe('the popup sends the rep to the microphone setting by the names the settings page shows', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it.each(['ja', 'en'] as const)('when the phone has no microphone (%s)', async (language: UiLanguage) => {
    uiLanguage.value = language;
    const fake = createFakePhoneClient({ status: 'ready', available: true });
    const models = { phone: createPhoneModel(fake.client), dialer: createDialerModel(() => 'JP', formatAsYouType), wrapUp: createWrapUpModel({ updateCall: async () => ({}) as never }) };
    const { container } = renderUi(<PhonePanel models={models} />);
    fake.emit({ status: 'no-microphone' });
    await flush();
    expect(container.textContent).toContain(microphonePlace());
  });

  it.each(['ja', 'en'] as const)('when a call could not start for want of one (%s)', (language: UiLanguage) => {
    uiLanguage.value = language;
    const { container } = renderUi(
      <CallProblemCard problem={{ reason: 'no-microphone', direction: 'outbound', number: '+81312345678' }} online onGoOnline={() => {}} onClose={() => {}} />,
    );
    expect(container.querySelector('.yb-call-problem__reason')?.textContent).toContain(microphonePlace());
  });
});

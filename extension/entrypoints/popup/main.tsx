import '@/assets/ui.css';
import { effect, signal } from '@preact/signals';
import type { CountryCode, MetadataJson } from 'libphonenumber-js/core';
import fullMetadata from 'libphonenumber-js/min/metadata';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '@/components/popup-app';
import { setLanguageOverride } from '@/locales/i18n';
import { onStateChanged, sendToBackground } from '@/messaging/client';
import { createChecklistModel } from '@/models/checklist-model';
import { createDialerModel } from '@/models/dialer-model';
import { createFollowUpsModel } from '@/models/follow-ups-model';
import { createMessagingCallLog } from '@/models/messaging-call-log';
import { createMessagingPhoneClient, type BackgroundLink } from '@/models/messaging-phone-client';
import { formatAsYouType, usePhoneMetadata } from '@/models/phone-number-format';
import { createPhoneModel } from '@/models/phone-model';
import { createRecentCallsModel } from '@/models/recent-calls-model';
import { createWrapUpModel } from '@/models/wrap-up-model';
import { defaultCountry, languageOverride } from '@/storage/items';

// Wiring only: models and components decide; the background does the work.
async function main() {
  // Every country's numbering plan here (the page's dialer makes do with a smaller set).
  usePhoneMetadata(fullMetadata as MetadataJson);
  const [override, country] = await Promise.all([languageOverride.getValue(), defaultCountry.getValue()]);
  setLanguageOverride(override);
  const link: BackgroundLink = { send: sendToBackground, onStateChanged };
  const signedIn = signal(false);
  onStateChanged((state) => (signedIn.value = state.signedIn));
  sendToBackground({ type: 'getState' }).then((state) => (signedIn.value = state.signedIn), () => undefined);

  const client = createMessagingPhoneClient(link, () => country as CountryCode);
  const callLog = createMessagingCallLog(link);
  const models = {
    phone: createPhoneModel(client),
    dialer: createDialerModel(() => country as CountryCode, formatAsYouType),
    wrapUp: createWrapUpModel(callLog),
    recent: createRecentCallsModel(callLog),
    checklist: createChecklistModel(() => client.runChecks()),
    followUps: createFollowUpsModel(link),
  };
  const App = () => (
    <PopupApp signedIn={signedIn.value} models={models} onOpenSettings={() => void browser.runtime.openOptionsPage()} />
  );
  render(<App />, document.getElementById('app')!);
  void models.recent.load();
  // The waiting line changes by the second: refreshed while the popup is open.
  // Loaded once signed in (the popup may open before the session is known), then kept fresh.
  effect(() => {
    if (signedIn.value) void models.followUps.load();
  });
  setInterval(() => signedIn.value && void models.followUps.load(), FOLLOW_UP_REFRESH_MS);
  // Opened from a voicemail notification's Play button.
  const play = new URLSearchParams(location.search).get('play');
  if (play && /^\d{1,18}$/.test(play)) void models.followUps.play(play);
}

const FOLLOW_UP_REFRESH_MS = 10_000;

void main();

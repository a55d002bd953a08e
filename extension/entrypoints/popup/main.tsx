import '@/assets/ui.css';
import { effect, signal } from '@preact/signals';
import type { CountryCode, MetadataJson } from 'libphonenumber-js/core';
// The server's numbering data (max): with min, 090-1234-567 reads as valid and Call would be offered for a number the server refuses.
import fullMetadata from 'libphonenumber-js/max/metadata';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '@/components/popup-app';
import { setLanguageOverride } from '@/locales/i18n';
import { onStateChanged, sendToBackground } from '@/messaging/client';
import { createMessagingCallControlClient } from '@/models/call-control-client';
import { createCallControlModel } from '@/models/call-control-model';
import { createChecklistModel } from '@/models/checklist-model';
import { createLiveCallsModel } from '@/models/live-calls-model';
import { createDialerModel } from '@/models/dialer-model';
import { createFollowUpsModel } from '@/models/follow-ups-model';
import { createMessagingCallLog } from '@/models/messaging-call-log';
import { createMessagingPhoneClient, type BackgroundLink } from '@/models/messaging-phone-client';
import { formatAsYouType, usePhoneMetadata } from '@/models/phone-number-format';
import { createPhoneModel } from '@/models/phone-model';
import { createRecentCallsModel } from '@/models/recent-calls-model';
import { createWrapUpModel } from '@/models/wrap-up-model';
import { defaultCountry, languageOverride, popupIntent } from '@/storage/items';

/** How long the transfer shortcut's request to open the transfer panel stays good. */
const INTENT_MS = 10_000;

// Wiring only: models and components decide; the background does the work.
async function main() {
  // Every country's numbering plan here (the page's dialer makes do with a smaller set).
  usePhoneMetadata(fullMetadata as MetadataJson);
  const [override, country] = await Promise.all([languageOverride.getValue(), defaultCountry.getValue()]);
  setLanguageOverride(override);
  const link: BackgroundLink = { send: sendToBackground, onStateChanged };
  const signedIn = signal(false);
  // Supervisors and admins also see every live call (the server refuses monitoring to anyone else anyway).
  const supervises = signal(false);
  const follow = (state: { signedIn: boolean; user: { role: string } | null }) => {
    signedIn.value = state.signedIn;
    supervises.value = state.user?.role === 'supervisor' || state.user?.role === 'admin';
  };
  onStateChanged(follow);
  sendToBackground({ type: 'getState' }).then(follow, () => undefined);

  const client = createMessagingPhoneClient(link, () => country as CountryCode);
  const callLog = createMessagingCallLog(link);
  const controlClient = createMessagingCallControlClient(link);
  const phone = createPhoneModel(client);
  const models = {
    phone,
    dialer: createDialerModel(() => country as CountryCode, formatAsYouType),
    wrapUp: createWrapUpModel(callLog),
    recent: createRecentCallsModel(callLog),
    checklist: createChecklistModel(() => client.runChecks()),
    control: createCallControlModel(controlClient, phone, { country: () => country as CountryCode, format: formatAsYouType }),
    followUps: createFollowUpsModel(link),
  };
  const liveCalls = createLiveCallsModel(controlClient, phone);
  const App = () => (
    <PopupApp
      signedIn={signedIn.value}
      models={{ ...models, liveCalls: supervises.value ? liveCalls : null }}
      onOpenSettings={() => void browser.runtime.openOptionsPage()}
    />
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
  await openTransferIfAsked(models.control);
}

/** Opened by the transfer shortcut: the transfer panel opens as soon as the call can be transferred. */
async function openTransferIfAsked(control: ReturnType<typeof createCallControlModel>) {
  const intent = await popupIntent.getValue().catch(() => null);
  if (!intent || Date.now() - intent.at > INTENT_MS) return;
  await popupIntent.setValue(null);
  const stop = effect(() => {
    if (!control.controllable.value) return;
    control.openPanel('transfer');
    queueMicrotask(() => stop());
  });
  setTimeout(() => stop(), INTENT_MS);
}

const FOLLOW_UP_REFRESH_MS = 10_000;

void main();

import '@/assets/ui.css';
import '@/assets/options.css';
import { signal } from '@preact/signals';
import type { MetadataJson } from 'libphonenumber-js/core';
// The server's numbering data (max): with min, 090-1234-567 reads as valid and Call would be offered for a number the server refuses.
import fullMetadata from 'libphonenumber-js/max/metadata';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsApp } from '@/components/options/options-app';
import { pickLanguage, setLanguageOverride, uiLanguage, type UiLanguage } from '@/locales/i18n';
import { onStateChanged, sendToBackground } from '@/messaging/client';
import { signedOutState, type PublicState } from '@/messaging/public-state';
import { createApiClient } from '@/api/client';
import { createAdminApi } from '@/models/admin-api';
import type { InviteLink } from '@/models/invite-link';
import { ownPasswordChanger } from '@/models/own-password';
import { createBoardApi, type BoardApi } from '@/models/board-api';
import { usePhoneMetadata } from '@/models/phone-number-format';
import { createUnsavedChanges } from '@/models/unsaved-changes';
import type { AudioChoice, AudioDevice } from '@/components/options/audio-settings';
import { audioDevices, defaultCountry, enabledSites, languageOverride, launcherPositions, ringtoneVolume, session } from '@/storage/items';
import { readManagedSettings } from '@/storage/managed';

// Wiring only: storage, permissions and messaging in; components and models decide.
async function main() {
  usePhoneMetadata(fullMetadata as MetadataJson);
  const state = signal<PublicState>(signedOutState);
  const language = signal<UiLanguage | null>(await languageOverride.getValue());
  const country = signal(await defaultCountry.getValue());
  const sites = signal(await enabledSites.getValue());
  const unsaved = createUnsavedChanges();
  const audio = signal<{ devices: AudioDevice[]; choice: AudioChoice }>({
    devices: await listAudioDevices(),
    choice: { ...(await audioDevices.getValue()), ringtoneVolume: await ringtoneVolume.getValue() },
  });
  // The organisation's policy, shown as such (the background has applied it to the settings above).
  const managed = await readManagedSettings((browser.storage as unknown as { managed?: { get(): Promise<Record<string, unknown>> } }).managed);
  setLanguageOverride(language.value);

  onStateChanged((next) => (state.value = next));
  state.value = await sendToBackground({ type: 'getState' }).catch(() => signedOutState);
  window.addEventListener('beforeunload', (event) => {
    if (unsaved.any.value) event.preventDefault();
  });

  let adminFor: string | null = null;
  let admin: ReturnType<typeof createAdminApi> | null = null;
  const adminApi = () => {
    const { serverUrl, user } = state.value;
    if (!serverUrl || user?.role !== 'admin') return null;
    if (adminFor !== serverUrl) {
      admin = createAdminApi({
        baseUrl: serverUrl,
        getToken: async () => (await session.getValue())?.token ?? null,
        // The server answers in the page language; bilingual errors carry both anyway.
        language: () => uiLanguage.value,
      });
      adminFor = serverUrl;
    }
    return admin;
  };

  // The live board and analytics: admins and supervisors.
  let boardFor: string | null = null;
  let board: BoardApi | null = null;
  const boardApi = () => {
    const { serverUrl, user } = state.value;
    if (!serverUrl || (user?.role !== 'admin' && user?.role !== 'supervisor')) return null;
    if (boardFor !== serverUrl) {
      board = createBoardApi({ baseUrl: serverUrl, getToken: async () => (await session.getValue())?.token ?? null, language: () => uiLanguage.value });
      boardFor = serverUrl;
    }
    return board;
  };

  const actions = {
    async signIn(serverUrl: string, email: string, password: string) {
      state.value = await sendToBackground({ type: 'signIn', serverUrl, email, password });
    },
    lookupInvite: ({ serverUrl, token }: InviteLink) => createApiClient({ serverUrl }).lookupInvite(token),
    async acceptInvite({ serverUrl, token }: InviteLink, password: string, name?: string) {
      state.value = await sendToBackground({ type: 'acceptInvite', serverUrl, token, password, ...(name ? { name } : {}) });
    },
    async signOut() {
      await sendToBackground({ type: 'signOut' });
      state.value = signedOutState;
    },
    openMicrophoneStep() {
      // Our own page (same origin as this one): the one tab where Chrome can show the microphone prompt.
      void browser.tabs.create({ url: new URL('/microphone.html', location.origin).href });
    },
    async setLanguage(next: UiLanguage | null) {
      await languageOverride.setValue(next);
      language.value = next;
      setLanguageOverride(next ?? null, navigator.language);
      document.documentElement.lang = pickLanguage(navigator.language, next);
    },
    async setDefaultCountry(next: string) {
      await defaultCountry.setValue(next);
      country.value = next;
    },
    async addSite(origin: string) {
      // Asked at the moment the rep adds the site (optional host permission), never at install.
      const granted = await browser.permissions.request({ origins: [`${origin}/*`] });
      if (!granted) return false;
      const next = [...new Set([...sites.value, origin])];
      await enabledSites.setValue(next);
      sites.value = next;
      return true;
    },
    async setAudio({ ringtoneVolume: volume, ...devices }: AudioChoice) {
      // The background watches these items and passes them to the phone.
      await Promise.all([audioDevices.setValue(devices), ringtoneVolume.setValue(volume)]);
      audio.value = { ...audio.value, choice: { ...devices, ringtoneVolume: volume } };
    },
    async showLaunchersAgain() {
      const places = await launcherPositions.getValue();
      const shown = Object.fromEntries(Object.entries(places).map(([origin, place]) => [origin, { ...place, hidden: false }]));
      await launcherPositions.setValue(shown);
    },
    async removeSite(origin: string) {
      await browser.permissions.remove({ origins: [`${origin}/*`] }).catch(() => false);
      const next = sites.value.filter((site) => site !== origin);
      await enabledSites.setValue(next);
      sites.value = next;
    },
  };

  const getToken = async () => (await session.getValue())?.token ?? null;
  const changePassword = () => {
    const { serverUrl, signedIn } = state.value;
    return serverUrl && signedIn ? ownPasswordChanger({ baseUrl: serverUrl, getToken, language: () => uiLanguage.value }) : undefined;
  };

  const App = () => (
    <OptionsApp
      account={{ signedIn: state.value.signedIn, user: state.value.user, serverUrl: state.value.serverUrl }}
      language={language.value}
      defaultCountry={country.value}
      sites={sites.value}
      actions={actions}
      audio={audio.value}
      managed={managed}
      admin={adminApi()}
      board={boardApi()}
      unsaved={unsaved}
      changePassword={changePassword()}
    />
  );
  render(<App />, document.getElementById('app')!);
}

/** Device labels are only given once the microphone was allowed (the one-time step). */
async function listAudioDevices(): Promise<AudioDevice[]> {
  const all = await navigator.mediaDevices?.enumerateDevices().catch(() => []) ?? [];
  return all.flatMap((device) =>
    device.kind === 'audioinput' || device.kind === 'audiooutput' ? [{ kind: device.kind, deviceId: device.deviceId, label: device.label }] : [],
  );
}

void main();

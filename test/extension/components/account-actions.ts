import type { AccountActions } from '@/components/options/account-section';

/** Account actions that do nothing (and succeed), with the ones a test watches given in `overrides`. */
export function accountActions(overrides: Partial<AccountActions> = {}): AccountActions {
  return {
    signIn: async () => undefined,
    signOut: async () => undefined,
    openMicrophoneStep: () => undefined,
    setLanguage: async () => undefined,
    setDefaultCountry: async () => undefined,
    addSite: async () => true,
    removeSite: async () => undefined,
    setAudio: async () => undefined,
    ...overrides,
  };
}

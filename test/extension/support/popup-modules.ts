import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * The popup's modules, and the rep's background to drive them, for tests that render the popup (the
 * phone panel, the CRM page's card) against a real background. WXT's storage reads `chrome` when first
 * loaded (the popup's wrap-up draft), so the in-memory fake browser goes in before any of them load:
 * import this module before anything that reaches the extension's storage.
 */
(globalThis as { chrome?: unknown }).chrome = fakeBrowser;

export const { createApiClient } = await import('@/api/client');
export const { PhonePanel } = await import('@/components/phone-panel');
export const { uiLanguage } = await import('@/locales/i18n');
export const { createDialerModel } = await import('@/models/dialer-model');
export const { createMessagingPhoneClient } = await import('@/models/messaging-phone-client');
export const { formatAsYouType } = await import('@/models/phone-number-format');
export const { createPhoneModel } = await import('@/models/phone-model');
export const { createWrapUpModel } = await import('@/models/wrap-up-model');
export const { incomingCallInfo } = await import('@/phone/call-params');
export const { PageCallCard } = await import('@/ui/page-call-card');
export const { renderUi } = await import('../components/render');
export const { FakeDevice, phoneWithDevice, repApi, stored } = await import('../entrypoints/background/fake-phone');

import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { DEFAULT_COUNTRY, type CountryCode } from '@/calling/phone-numbers';
import { sendDial } from '@/crm/dial-bridge';
import { startInjector } from '@/crm/inject';
import { adapterFor } from '@/crm/registry';
import { ZOHO_CRM_MATCHES } from '@/crm/zoho-hosts';

// Zoho CRM on every data centre comes from the manifest. Other sites the rep enables are registered at
// runtime by the background (scripting.registerContentScripts with this same file,
// `content-scripts/crm.js`), so main() decides per page which adapter runs.
export default defineContentScript({
  matches: ZOHO_CRM_MATCHES,
  runAt: 'document_idle',
  async main(ctx) {
    // The items of extension/storage/items.ts (`local:defaultCountry` is key `defaultCountry` in
    // storage.local), read directly: importing that module would bundle zod and WXT's storage layer
    // (~3 kB gz) into a content script that aims at < 30 kB gz.
    const settings = await browser.storage.local.get(['defaultCountry', 'enabledSites', 'languageOverride']);
    const country = typeof settings.defaultCountry === 'string' ? settings.defaultCountry : null;
    const enabledSites = Array.isArray(settings.enabledSites) ? (settings.enabledSites as unknown[]) : [];
    const languageOverride =
      settings.languageOverride === 'ja' || settings.languageOverride === 'en' ? settings.languageOverride : undefined;
    const url = new URL(location.href);
    const adapter = adapterFor(url, { genericEnabled: enabledSites.includes(url.origin) });
    if (!adapter || ctx.isInvalid) return;
    startInjector({
      window,
      adapter,
      country: country && /^[A-Z]{2}$/.test(country) ? (country as CountryCode) : DEFAULT_COUNTRY,
      language: languageOverride,
      signal: ctx.signal,
      onDial: (request) => {
        sendDial(request).catch((error: unknown) => console.warn('[yobidashi] dial failed', error));
      },
    });
  },
});

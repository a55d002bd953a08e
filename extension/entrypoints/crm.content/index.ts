import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import { sendDial } from '@/crm/dial-bridge';
import { startInjector, type Injector } from '@/crm/inject';
import { cachedSettings, cacheSettings, pageSettings, sameSettings, type PageSettings } from '@/crm/page-settings';
import { adapterFor } from '@/crm/registry';
import { tellToReload } from '@/crm/reload-notice';
import type { PageAdapter } from '@/crm/types';
import { ZOHO_CRM_MATCHES } from '@/crm/zoho-hosts';
import { sendToBackground } from '@/messaging/send';
import launcherCss from '@/ui/launcher.css?inline';
import { launcherLanguage } from '@/ui/launcher-strings';
import { pageLink } from '@/ui/page-link';
import type { LauncherPlace } from '@/ui/page-shell';
import { startPagePhone } from '@/ui/page-ui-loader';

// Zoho CRM on every data centre comes from the manifest. Other sites the rep enables are registered at
// runtime by the background (scripting.registerContentScripts with this same file,
// `content-scripts/crm.js`), so main() decides per page which adapter runs.
// This script runs on every CRM page and aims at < 30 kB gz: call buttons, the small launcher and the
// phone's state. The page UI (Preact) comes on demand (entrypoints/crm-ui.content).
//
// document_start, so that the buttons go in while the page is parsed: the injector observes the HTML
// parser's insertions and puts each chunk's buttons in with its rows, before the browser lays them out
// (a server-rendered list is laid out chunk by chunk while it loads; buttons inserted at
// DOMContentLoaded would make it lay the whole table out once more). That needs the rep's settings
// before the first row: their cached copy (page-settings.ts), as the storage.local read can answer
// after the page is parsed. At document_idle Chrome runs the script after the page's first frames, and
// every button then costs a relayout of the table. Nothing here blocks the page.
export default defineContentScript({
  matches: ZOHO_CRM_MATCHES,
  runAt: 'document_start',
  async main(ctx) {
    const url = new URL(location.href);
    // The items of extension/storage/items.ts (`local:defaultCountry` is key `defaultCountry` in
    // storage.local), read directly: importing that module would bundle zod and WXT's storage layer
    // (~3 kB gz) into this script.
    const storedRead = browser.storage.local.get(['defaultCountry', 'enabledSites', 'languageOverride', 'launcherPositions']);
    const cache = pageLocalStorage();
    const cached = cachedSettings(cache);

    let buttons: Injector | null = null;
    const startButtons = (adapter: PageAdapter, settings: PageSettings) => {
      buttons?.stop();
      // After an update or reload of the extension this copy can no longer dial. Reading ctx.isInvalid
      // ends the context when that happened (its signal removes the buttons), and the rep is told why.
      const expired = () => tellToReload(window, launcherLanguage(settings.language ?? null, navigator.language));
      buttons = startInjector({
        window,
        adapter,
        country: settings.country,
        language: settings.language,
        signal: ctx.signal,
        // Its ticks end the context once the extension is gone: buttons do not outlive it.
        setInterval: (handler, ms) => ctx.setInterval(handler, ms),
        onDial: (request) => {
          if (ctx.isInvalid) return expired();
          sendDial(request).catch((error: unknown) => {
            if (ctx.isInvalid) expired();
            else console.warn('[yobidashi] dial failed', error);
          });
        },
      });
    };

    // No stored setting decides whether a Zoho page gets the Zoho adapter: with the settings' cached
    // copy its buttons start now, whether or not storage.local has answered by then.
    const zoho = adapterFor(url, { genericEnabled: false });
    if (zoho && cached) startButtons(zoho, cached);

    const stored = await storedRead;
    const settings = pageSettings(stored);
    if (!cached || !sameSettings(cached, settings)) cacheSettings(cache, settings);
    const enabledSites = Array.isArray(stored.enabledSites) ? (stored.enabledSites as unknown[]) : [];
    const adapter = adapterFor(url, { genericEnabled: enabledSites.includes(url.origin) });
    if (!adapter || ctx.isInvalid) return;

    whenParsed(() => {
      if (ctx.isInvalid) return;
      if (!buttons || !cached || !sameSettings(cached, settings)) startButtons(adapter, settings);
      // The launcher can wait for the page's first frame: it is not in the table.
      whenIdle(ctx, () => {
        if (!ctx.isInvalid) startPhone();
      });
    });

    function startPhone(): void {
      const phone = startPagePhone({
        document,
        link: pageLink(),
        country: settings.country,
        language: settings.language ?? null,
        css: launcherCss,
        launcher: launcherPlace(stored.launcherPositions, url.origin),
        saveLauncher: (place) => void saveLauncherPlace(url.origin, place),
        requestLoad: () => sendToBackground({ type: 'loadPageUi' }),
      });
      ctx.onInvalidated(() => phone.unmount());

      const refresh = () => {
        if (document.visibilityState === 'visible' && !ctx.isInvalid) phone.refresh();
      };
      ctx.addEventListener(document, 'visibilitychange', refresh);
      ctx.addEventListener(window, 'focus', refresh);
    }
  },
});

/** Runs `run` when the page is idle; ctx's timers are cancelled with the context. */
function whenIdle(ctx: ContentScriptContext, run: () => void): void {
  if (typeof window.requestIdleCallback === 'function') ctx.requestIdleCallback(run, { timeout: 1_000 });
  else ctx.setTimeout(run, 0);
}

function pageLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage blocked for this site
  }
}

/** Runs `start` once the document is parsed: at DOMContentLoaded, before the frame that follows it. */
function whenParsed(start: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}

function launcherPlace(all: unknown, origin: string): LauncherPlace | null {
  const place = (all as Record<string, Partial<LauncherPlace>> | undefined)?.[origin];
  if (typeof place?.right !== 'number' || typeof place.bottom !== 'number') return null;
  return { right: place.right, bottom: place.bottom, hidden: place.hidden === true };
}

async function saveLauncherPlace(origin: string, place: LauncherPlace): Promise<void> {
  const { launcherPositions } = await browser.storage.local.get('launcherPositions');
  const all = launcherPositions && typeof launcherPositions === 'object' ? (launcherPositions as Record<string, LauncherPlace>) : {};
  await browser.storage.local.set({ launcherPositions: { ...all, [origin]: place } });
}

import { browser } from 'wxt/browser';
import { enabledSites } from '@/storage/items';

const SCRIPT_ID = 'yobidashi-enabled-sites';

/**
 * Other CRMs (HubSpot, Salesforce, an in-house app) get the same content script as Zoho, registered at
 * runtime for the origins the rep enabled in the options page and granted host permission for.
 */
export async function syncEnabledSites(): Promise<void> {
  const origins = await enabledSites.getValue();
  const granted: string[] = [];
  for (const origin of origins) {
    const pattern = toPattern(origin);
    if (pattern && (await browser.permissions.contains({ origins: [pattern] }).catch(() => false))) granted.push(pattern);
  }
  const scripting = browser.scripting;
  const existing = await scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] }).catch(() => []);
  if (existing.length) await scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (!granted.length) return;
  await scripting.registerContentScripts([
    { id: SCRIPT_ID, matches: granted, js: ['content-scripts/crm.js'], runAt: 'document_start', persistAcrossSessions: true },
  ]);
}

export function watchEnabledSites(): void {
  enabledSites.watch(() => void syncEnabledSites().catch((error: unknown) => console.warn('[yobidashi] sites', error)));
  browser.permissions.onAdded.addListener(() => void syncEnabledSites().catch(() => undefined));
  browser.permissions.onRemoved.addListener(() => void syncEnabledSites().catch(() => undefined));
}

function toPattern(origin: string): string | null {
  try {
    const url = new URL(origin);
    return /^https?:$/.test(url.protocol) ? `${url.protocol}//${url.hostname}/*` : null;
  } catch {
    return null;
  }
}

import { z } from 'zod';
import { apiBase } from '../api/server-url';

/**
 * Settings an organisation presets by policy: Chrome/Edge read them from `3rdparty` extension policy
 * (declared in extension/public/managed-schema.json), Firefox from policies.json's `3rdparty.Extensions`;
 * both hand them to `storage.managed`. They are applied into the rep's own settings (storage.local), so
 * every reader, the CRM pages' content script included, follows them without knowing about policies:
 *
 * - serverUrl: filled in while the rep has none; with lockServerUrl, always this one (sign-in and
 *   invitations for another server are refused, and a session on another server is ended).
 * - enabledSites: always among the rep's sites; the rep cannot remove them (the browser still asks the
 *   rep once for each site's permission: no policy grants an optional host permission).
 * - defaultLanguage: the language while the rep has not chosen one; the rep may still choose.
 */

const origin = z.string().transform((value, ctx) => {
  try {
    const url = new URL(value.includes('://') ? value : `https://${value}`);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin;
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: 'not a site' });
  return z.NEVER;
});

// A value the schema does not take is dropped alone (`catch`), never the whole policy.
export const managedSettingsSchema = z.object({
  // Read as sign-in sends it (normaliseServerUrl: host in lower case, no default port, no trailing
  // slash or `/api`), so a policy written `https://Phone.Example.co.jp/api/` still matches the server.
  serverUrl: z
    .url({ protocol: /^https?$/ })
    .transform(apiBase)
    .optional()
    .catch(undefined),
  lockServerUrl: z.boolean().optional().catch(undefined),
  enabledSites: z
    .array(z.unknown())
    .transform((items) => items.flatMap((item) => origin.safeParse(item).data ?? []))
    .optional()
    .catch(undefined),
  defaultLanguage: z.enum(['ja', 'en']).optional().catch(undefined),
});
export type ManagedSettings = z.infer<typeof managedSettingsSchema>;

/** `storage.managed.get()`: Firefox rejects when no policy names the add-on; that is "nothing managed". */
export async function readManagedSettings(area: { get(): Promise<Record<string, unknown>> } | undefined): Promise<ManagedSettings> {
  const raw = await area?.get().catch(() => ({}));
  return managedSettingsSchema.catch({}).parse(raw ?? {});
}

export function serverIsLocked(managed: ManagedSettings): managed is ManagedSettings & { serverUrl: string } {
  return Boolean(managed.lockServerUrl && managed.serverUrl);
}

/** The rep's stored settings the policy writes into (WXT storage items, or fakes in tests). */
export interface PolicyTargets {
  serverUrl: Item<string | null>;
  enabledSites: Item<string[]>;
  languageOverride: Item<'ja' | 'en' | null>;
  /** The default language last applied, so a rep's own choice afterwards is left alone. */
  appliedDefaultLanguage: Item<'ja' | 'en' | null>;
}
interface Item<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
}

/** Writes the policy into the rep's settings; answers whether it replaced the server (sign the rep out). */
export async function applyManagedSettings(managed: ManagedSettings, targets: PolicyTargets): Promise<{ serverReplaced: boolean }> {
  let serverReplaced = false;
  if (managed.serverUrl) {
    const current = await targets.serverUrl.getValue();
    // A URL the rep saved before it was normalised is still the same server: not replaced, not signed out.
    if (current === null || (managed.lockServerUrl && apiBase(current) !== managed.serverUrl)) {
      await targets.serverUrl.setValue(managed.serverUrl);
      serverReplaced = current !== null;
    }
  }
  if (managed.enabledSites?.length) {
    const sites = await targets.enabledSites.getValue();
    const missing = managed.enabledSites.filter((site) => !sites.includes(site));
    if (missing.length) await targets.enabledSites.setValue([...sites, ...missing]);
  }
  const language = managed.defaultLanguage ?? null;
  const applied = await targets.appliedDefaultLanguage.getValue();
  if (language !== applied) {
    // The rep's own choice stays; a language that only ever came from the policy follows the policy.
    const override = await targets.languageOverride.getValue();
    if (language && (override === null || override === applied)) await targets.languageOverride.setValue(language);
    await targets.appliedDefaultLanguage.setValue(language);
  }
  return { serverReplaced };
}

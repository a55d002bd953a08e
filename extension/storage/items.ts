import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import type { PhoneMemory } from '@/entrypoints/background/phone-memory';

// Every stored item, declared once. storage.local holds preferences only; the session token lives in
// storage.session (memory, cleared when the browser closes, not readable by content scripts).

export const serverUrl = storage.defineItem<string | null>('local:serverUrl', { fallback: null });

/** `null` = follow the browser's language. */
export const languageOverride = storage.defineItem<'ja' | 'en' | null>('local:languageOverride', { fallback: null });

/** The default language an organisation's policy last set (storage/managed.ts), so a rep's own choice is kept. */
export const appliedDefaultLanguage = storage.defineItem<'ja' | 'en' | null>('local:appliedDefaultLanguage', { fallback: null });

/** ISO 3166 country for numbers written without a country code. */
export const defaultCountry = storage.defineItem<string>('local:defaultCountry', { fallback: 'JP' });

/** Origins (`https://app.hubspot.com`) where the rep turned on click-to-call; host permission asked then. */
export const enabledSites = storage.defineItem<string[]>('local:enabledSites', { fallback: [] });

/** The launcher's distance in px from the viewport's right and bottom edges, and whether it is hidden. */
export const launcherPositionSchema = z.object({ right: z.number(), bottom: z.number(), hidden: z.boolean() });
export type LauncherPosition = z.infer<typeof launcherPositionSchema>;
/**
 * Per site origin: where the floating dialer launcher sits, or that it is hidden there. The content script
 * reads and writes this key directly (extension/entrypoints/crm.content), keeping WXT storage out of it.
 */
export const launcherPositions = storage.defineItem<Record<string, LauncherPosition>>('local:launcherPositions', {
  fallback: {},
});

export const audioDevices = storage.defineItem<{
  inputDeviceId: string | null;
  outputDeviceId: string | null;
  ringtoneDeviceId: string | null;
}>('local:audioDevices', { fallback: { inputDeviceId: null, outputDeviceId: null, ringtoneDeviceId: null } });

/** 0..1 */
export const ringtoneVolume = storage.defineItem<number>('local:ringtoneVolume', { fallback: 0.6 });

/** Whether the rep wants to be reachable; survives a service-worker restart, not a browser restart. */
export const wantsOnline = storage.defineItem<boolean>('session:wantsOnline', { fallback: false });

export const sessionSchema = z.object({
  token: z.string(),
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.string() }),
});
export type Session = z.infer<typeof sessionSchema>;
/** The server session (bearer token). Session storage only: never written to disk. */
export const session = storage.defineItem<Session | null>('session:session', { fallback: null });

/**
 * What the background knows about the phone, so a service worker Chrome stopped while idle wakes up still
 * showing the call (its card in the tabs, the popup's timer). Session storage only, and nothing secret:
 * the Twilio token stays in the offscreen document, the server session in `session` above. Its shape is
 * checked on reading (phoneMemorySchema).
 */
export const phoneMemory = storage.defineItem<PhoneMemory | null>('session:phoneMemory', { fallback: null });

/**
 * What the popup should open with, when the background opens it for a keyboard shortcut (the transfer
 * command: the transfer panel). Read once by the popup within a few seconds, then cleared.
 */
export const popupIntent = storage.defineItem<{ kind: 'transfer'; at: number } | null>('session:popupIntent', { fallback: null });

/** Voicemails the rep was already notified of (ids of follow-ups), so a worker restart does not repeat them. */
export const notifiedVoicemails = storage.defineItem<string[]>('session:notifiedVoicemails', { fallback: [] });

/** The wrap-up note the rep has not saved yet (session storage; declared beside, see why there). */
export { wrapUpDraft } from './wrap-up-draft-item';

import { browser } from 'wxt/browser';
import { apiBase } from '@/api/server-url';
import { ReplyError } from '@/messaging/router';
import * as stored from '@/storage/items';
import { applyManagedSettings, readManagedSettings, serverIsLocked, type ManagedSettings } from '@/storage/managed';

type ManagedArea = { get(): Promise<Record<string, unknown>> } | undefined;
const managedArea = () => (browser.storage as unknown as { managed?: ManagedArea }).managed;

/** The organisation's policy, read now (it can change while the browser runs). */
export const currentPolicy = (): Promise<ManagedSettings> => readManagedSettings(managedArea());

/**
 * Applies the organisation's policy at start and whenever it changes (storage.onChanged, area
 * `managed`). A locked server that replaces the rep's signs the rep out: that session was for another server.
 */
export function followManagedPolicy(signOut: () => Promise<unknown>): void {
  const apply = async () => {
    const { serverReplaced } = await applyManagedSettings(await currentPolicy(), stored);
    if (serverReplaced) await signOut();
  };
  void apply().catch((error: unknown) => console.warn('[yobidashi] policy', error));
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void apply().catch(() => undefined);
  });
}

/** Sign-in and invitations go to the organisation's server only, when it locked one. */
export async function assertServerAllowed(serverUrl: string): Promise<void> {
  const policy = await currentPolicy();
  // Both sides normalised (the policy's when read): the same server written differently is the same server.
  if (serverIsLocked(policy) && apiBase(serverUrl) !== policy.serverUrl) {
    throw new ReplyError('server_locked', `This extension is set to ${policy.serverUrl} by your organisation`);
  }
}

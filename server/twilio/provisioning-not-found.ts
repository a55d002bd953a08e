import { isTwilioNotFound } from './errors.ts';

/** The resource, or null when Twilio says it no longer exists (deleted in the console, released number). */
export async function fetchOrNull<T>(fetch: () => Promise<T>): Promise<T | null> {
  try {
    return await fetch();
  } catch (error) {
    if (isTwilioNotFound(error)) return null;
    throw error;
  }
}

/** Deletes; false when it was already gone. */
export async function removeIfPresent(remove: () => Promise<boolean>): Promise<boolean> {
  return (await fetchOrNull(remove)) !== null;
}

// `<Play>` plays an audio file (mp3, wav…); a URL that answers something else fails with 12300
// (reference twilio.md §3.4). Twilio's twimlets (twimlets.com, among them the hold-music buckets of
// twilio-conference.md §1.1) answer TwiML: right as a waitUrl, a HoldUrl or a `<Redirect>`, never as
// what a `<Play>` plays. The emulator does not fetch Play URLs, so it knows those by their origin.

/** Where Twilio's twimlets live; every one of them answers TwiML. */
export const TWIMLET_ORIGIN = 'https://twimlets.com';

/** The debugger error of a `<Play>` that cannot play (its path is the Play URL). */
export interface PlayError {
  readonly code: number;
  readonly message: string;
  readonly path: string;
}

/**
 * The error Twilio would log for playing `url`, or null when it is audio as far as the emulator knows.
 * [inferred] After it, Twilio goes on with the next verb and the caller hears nothing of that `<Play>`
 * (the reference gives only the error code).
 */
export function playRefusal(url: string): PlayError | null {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return null;
  }
  if (origin !== TWIMLET_ORIGIN) return null;
  return { code: 12300, message: `<Play> needs audio, and ${url} answers TwiML (Content-Type text/xml)`, path: url };
}

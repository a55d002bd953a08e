/**
 * Voices Twilio's <Say> offers, by language, for the ones we can recognise. Unknown names pass:
 * Twilio adds voices often, and a wrong name degrades to Twilio's default voice, not a failed call.
 * https://www.twilio.com/docs/voice/twiml/say/text-speech#available-voices-and-languages
 */
const POLLY_VOICES: Record<string, readonly string[]> = {
  'ja-JP': ['Mizuki', 'Takumi', 'Kazuha', 'Tomoko'],
  'en-US': ['Joanna', 'Matthew', 'Ivy', 'Justin', 'Kendra', 'Kimberly', 'Salli', 'Joey', 'Kevin', 'Ruth', 'Stephen', 'Danielle', 'Gregory', 'Patrick'],
  'en-GB': ['Amy', 'Brian', 'Emma', 'Arthur'],
  'en-AU': ['Nicole', 'Russell', 'Olivia'],
};

/** `Polly.Mizuki` / `Polly.Mizuki-Neural` → `ja-JP`; `Google.en-GB-Standard-A` → `en-GB`; otherwise undefined. */
export function languageOfVoice(voice: string): string | undefined {
  const google = /^Google\.([a-z]{2,3}-[A-Z]{2})-/.exec(voice);
  if (google) return google[1];
  const polly = /^Polly\.([A-Za-z]+)(?:-(?:Neural|Generative))?$/.exec(voice);
  if (!polly) return undefined;
  return Object.entries(POLLY_VOICES).find(([, names]) => names.includes(polly[1] ?? ''))?.[0];
}

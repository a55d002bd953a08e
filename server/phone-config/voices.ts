import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import type { Language } from './schema.ts';

/**
 * The voices Twilio's `<Say>` offers for each language the voice flow speaks, and nothing else: an
 * unknown name (`Polly.Mizki`), a voice of another engine (`Polly.Kazuha`: Kazuha is neural only;
 * `Polly.Mizuki-Neural`: Mizuki has no neural voice) or a basic voice without that language (`man`
 * reading Japanese) makes Twilio log 13511 and fall back to its default voice, or fail the `<Say>`
 * ("an invalid combination of voice and language may result in error", docs/voice/twiml/say).
 *
 * The names are from twilio-node's `SayVoice` union (6.2.0, lib/twiml/VoiceResponse.d.ts; a test
 * checks every one is there); the union does not say which language a voice speaks, so that comes
 * from Amazon Polly's voice list
 * (https://docs.aws.amazon.com/polly/latest/dg/available-voices.html) and Google's names
 * (`Google.ja-JP-Wavenet-A`). `man`/`woman` are Twilio's basic voices, English only (legacy
 * docs/api/twiml/say: en, en-gb); `alice` is retired from Twilio's docs but still in the union and
 * spoke all four languages, so a configuration that has it keeps working.
 */
type SayVoice = NonNullable<VoiceResponse.SayAttributes['voice']>;

const CHIRP3_HD = ['Aoede', 'Charon', 'Fenrir', 'Kore', 'Leda', 'Orus', 'Puck', 'Zephyr'];
const google = (locale: string, kinds: Record<string, string>): string[] =>
  [...Object.entries(kinds).flatMap(([kind, letters]) => [...letters].map((letter) => `Google.${locale}-${kind}-${letter}`)), ...CHIRP3_HD.map((name) => `Google.${locale}-Chirp3-HD-${name}`)];

const POLLY = {
  'ja-JP': ['Polly.Mizuki', 'Polly.Takumi', 'Polly.Takumi-Neural', 'Polly.Kazuha-Neural', 'Polly.Tomoko-Neural'],
  'en-US': [
    ...['Ivy', 'Joanna', 'Joey', 'Justin', 'Kendra', 'Kevin', 'Kimberly', 'Matthew', 'Salli'].map((name) => `Polly.${name}`),
    ...['Danielle', 'Gregory', 'Ivy', 'Joanna', 'Joey', 'Justin', 'Kendra', 'Kevin', 'Kimberly', 'Matthew', 'Ruth', 'Salli', 'Stephen'].map((name) => `Polly.${name}-Neural`),
    ...['Danielle', 'Joanna', 'Matthew', 'Ruth', 'Stephen'].map((name) => `Polly.${name}-Generative`),
  ],
  'en-GB': ['Polly.Amy', 'Polly.Brian', 'Polly.Emma', 'Polly.Amy-Neural', 'Polly.Arthur-Neural', 'Polly.Brian-Neural', 'Polly.Emma-Neural', 'Polly.Amy-Generative'],
  'en-AU': ['Polly.Nicole', 'Polly.Russell', 'Polly.Olivia-Neural', 'Polly.Olivia-Generative'],
} satisfies Record<Language, string[]>;

const GOOGLE: Record<Language, string[]> = {
  'ja-JP': google('ja-JP', { Standard: 'ABCD', Wavenet: 'ABCD', Neural2: 'BCD' }),
  'en-US': google('en-US', { Standard: 'ABCDEFGHIJ', Wavenet: 'ABCDEFGHIJ', Neural2: 'ACDEFGHIJ' }),
  'en-GB': google('en-GB', { Standard: 'ABCDFNO', Wavenet: 'ABCDFNO', Neural2: 'ABCDFNO' }),
  'en-AU': google('en-AU', { Standard: 'ABCD', Wavenet: 'ABCD', Neural2: 'ABCD' }),
};

const BASIC: Record<Language, string[]> = {
  'ja-JP': ['alice'],
  'en-US': ['man', 'woman', 'alice'],
  'en-GB': ['man', 'woman', 'alice'],
  'en-AU': ['alice'],
};

/** Every voice Twilio offers for `language`, by its `<Say voice>` name. */
const offered = (language: Language): ReadonlySet<SayVoice> => new Set([...BASIC[language], ...POLLY[language], ...GOOGLE[language]] as SayVoice[]);
export const VOICES: Readonly<Record<Language, ReadonlySet<SayVoice>>> = {
  'ja-JP': offered('ja-JP'),
  'en-US': offered('en-US'),
  'en-GB': offered('en-GB'),
  'en-AU': offered('en-AU'),
};

export function isOfferedVoice(voice: string, language: Language): boolean {
  return (VOICES[language] as ReadonlySet<string>).has(voice);
}

/**
 * The language a voice speaks, among those the voice flow speaks first (`Polly.Mizuki` → `ja-JP`),
 * else by its Google name (`Google.de-DE-Standard-A` → `de-DE`); undefined for a name Twilio does not have.
 */
export function languageOfVoice(voice: string): string | undefined {
  const ours = (Object.keys(VOICES) as Language[]).find((language) => isOfferedVoice(voice, language));
  return ours ?? /^Google\.([a-z]{2,3}-[A-Z]{2})-/.exec(voice)?.[1];
}

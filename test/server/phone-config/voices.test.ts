import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultVoice } from '../../../server/phone-config/defaults.ts';
import type { Language } from '../../../server/phone-config/schema.ts';
import { isOfferedVoice, languageOfVoice, VOICES } from '../../../server/phone-config/voices.ts';

/** twilio-node's own list of `<Say>` voices (the `SayVoice` union of the installed version). */
function twilioSayVoices(): Set<string> {
  const types = readFileSync(new URL('../../../node_modules/twilio/lib/twiml/VoiceResponse.d.ts', import.meta.url), 'utf8');
  const union = /type SayVoice = ([^;]+);/.exec(types)?.[1] ?? '';
  return new Set([...union.matchAll(/"([^"]+)"/g)].map((match) => match[1]!));
}

const LANGUAGES: Language[] = ['ja-JP', 'en-US', 'en-GB', 'en-AU'];

describe('the voices offered per language', () => {
  it('are all voices Twilio has (twilio-node’s SayVoice)', () => {
    const twilio = twilioSayVoices();
    expect(twilio.size).toBeGreaterThan(100);
    const unknown = LANGUAGES.flatMap((language) => [...VOICES[language]].filter((voice) => !twilio.has(voice)));
    expect(unknown).toEqual([]);
  });

  it.each(LANGUAGES)('include the default voice for %s', (language) => {
    expect(isOfferedVoice(defaultVoice(language), language)).toBe(true);
  });

  it.each([
    // What the options page offers (components/options/voice-settings.tsx).
    ['ja-JP', ['Polly.Mizuki', 'Polly.Takumi', 'Polly.Kazuha-Neural', 'Polly.Tomoko-Neural']],
    ['en-US', ['Polly.Joanna', 'Polly.Matthew', 'Polly.Joanna-Neural', 'Polly.Matthew-Neural']],
    ['en-GB', ['Polly.Amy', 'Polly.Brian', 'Polly.Emma']],
    ['en-AU', ['Polly.Nicole', 'Polly.Russell', 'Polly.Olivia-Neural']],
  ] as [Language, string[]][])('include what the options page offers for %s', (language, voices) => {
    expect(voices.filter((voice) => !isOfferedVoice(voice, language))).toEqual([]);
  });

  it.each([
    ['Polly.Mizuki', 'ja-JP'],
    ['Polly.Joanna-Generative', 'en-US'],
    ['Polly.Arthur-Neural', 'en-GB'],
    ['Google.de-DE-Standard-A', 'de-DE'],
    ['Polly.Kazuha', undefined],
    ['Polly.Mizki', undefined],
  ])('knows that %s speaks %s', (voice, language) => {
    expect(languageOfVoice(voice)).toBe(language);
  });
});

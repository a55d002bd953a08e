/**
 * The voice a number speaks with when its configuration names none, for the server (which speaks with
 * it) and the options page (which counts a prompt in that voice's limits, contract/say-limits.ts). Pure
 * data only: nothing here may import Node or browser code.
 */
import type { MenuLanguage } from './menu-template.ts';

/** Amazon Polly voices Twilio's <Say> offers for each language (standard engine, female). */
export const DEFAULT_VOICES: Readonly<Record<MenuLanguage, string>> = {
  'ja-JP': 'Polly.Mizuki',
  'en-US': 'Polly.Joanna',
  'en-GB': 'Polly.Amy',
  'en-AU': 'Polly.Nicole',
};

export function defaultVoice(language: MenuLanguage): string {
  return DEFAULT_VOICES[language];
}

/**
 * The voice a number speaks with (its `voice` setting): the one it names, else its language's default.
 * An empty name is none (a document not yet validated may hold one).
 */
export function voiceOf(settings: { language: MenuLanguage; voice?: string | undefined }): string {
  return settings.voice || defaultVoice(settings.language);
}

/**
 * The language the server speaks to people reps call, and to callers it has no number's voice for:
 * the org's own (Japanese for a Japanese org, English for any other, `settings.defaultCountry`).
 */
export function orgCallLanguage(settings: { defaultCountry: string }): MenuLanguage {
  return settings.defaultCountry === 'JP' ? 'ja-JP' : 'en-US';
}

import { DEFAULT_MENU_TEMPLATES, defaultMenuTemplate } from '../../contract/menu-template.ts';
import type { IncomingNumber, Language } from './schema.ts';

// The menu sentence is defined once for the server and the options page (contract/menu-template.ts).
export {
  defaultMenuTemplate,
  hasMenuPlaceholders,
  KEY_PRESS_PLACEHOLDER,
  MENU_PLACEHOLDER,
  renderMenuSentence,
} from '../../contract/menu-template.ts';

// Every caller language has its default sentence (a compile error when a language is added without one).
const _everyLanguageHasASentence: Readonly<Record<Language, string>> = DEFAULT_MENU_TEMPLATES;
void _everyLanguageHasASentence;

/** Amazon Polly voices Twilio's <Say> offers for each language (standard engine, female). */
const DEFAULT_VOICES: Record<Language, string> = {
  'ja-JP': 'Polly.Mizuki',
  'en-US': 'Polly.Joanna',
  'en-GB': 'Polly.Amy',
  'en-AU': 'Polly.Nicole',
};

export function defaultVoice(language: Language): string {
  return DEFAULT_VOICES[language];
}

/**
 * What the voice flow actually uses for a number. The stored document keeps absent values absent,
 * so switching a number's language brings the other language's defaults along.
 */
export function effectiveVoice(incoming: Pick<IncomingNumber, 'voice'>): { language: Language; voice: string } {
  return { language: incoming.voice.language, voice: incoming.voice.voice ?? defaultVoice(incoming.voice.language) };
}

export function effectiveMenuTemplate(incoming: Pick<IncomingNumber, 'voice' | 'messages'>): string {
  return incoming.messages.menu ?? defaultMenuTemplate(incoming.voice.language);
}

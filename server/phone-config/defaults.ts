import { DEFAULT_VOICES, voiceOf } from '../../contract/default-voices.ts';
import { DEFAULT_MENU_TEMPLATES, defaultMenuTemplate } from '../../contract/menu-template.ts';
import { VOICEMAIL_SECONDS, type IncomingNumber, type Language } from './schema.ts';

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

// The default voice too, so the options page counts a prompt in the voice callers hear.
export { defaultVoice, orgCallLanguage, voiceOf } from '../../contract/default-voices.ts';

// Every caller language has its default voice.
const _everyLanguageHasAVoice: Readonly<Record<Language, string>> = DEFAULT_VOICES;
void _everyLanguageHasAVoice;

/**
 * What the voice flow actually uses for a number. The stored document keeps absent values absent,
 * so switching a number's language brings the other language's defaults along.
 */
export function effectiveVoice(incoming: Pick<IncomingNumber, 'voice'>): { language: Language; voice: string } {
  return { language: incoming.voice.language, voice: voiceOf(incoming.voice) };
}

export function effectiveMenuTemplate(incoming: Pick<IncomingNumber, 'voice' | 'messages'>): string {
  return incoming.messages.menu ?? defaultMenuTemplate(incoming.voice.language);
}

/** The `<Record maxLength>` of the number's voicemails: a number stored before the length could be set has none. */
export function effectiveVoicemailSeconds(incoming: Pick<IncomingNumber, 'voicemailMaxSeconds'>): number {
  return incoming.voicemailMaxSeconds ?? VOICEMAIL_SECONDS.default;
}

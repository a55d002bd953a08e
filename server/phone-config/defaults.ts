import type { IncomingNumber, Language } from './schema.ts';

export const MENU_PLACEHOLDER = '${Menu}';
export const KEY_PRESS_PLACEHOLDER = '${Key press}';

/** Zoho CRM's default menu sentence, one per IVR item, in the caller's language. */
export function defaultMenuTemplate(language: Language): string {
  return language === 'ja-JP'
    ? `${MENU_PLACEHOLDER}の場合、${KEY_PRESS_PLACEHOLDER}を押してください。`
    : `For ${MENU_PLACEHOLDER}, press ${KEY_PRESS_PLACEHOLDER}.`;
}

/** `renderMenuSentence('${Menu}の場合、${Key press}を押してください。', '営業', 1)` → `営業の場合、1を押してください。` */
export function renderMenuSentence(template: string, label: string, key: number | string): string {
  return template.replaceAll(MENU_PLACEHOLDER, label).replaceAll(KEY_PRESS_PLACEHOLDER, String(key));
}

export function hasMenuPlaceholders(template: string): boolean {
  return template.includes(MENU_PLACEHOLDER) && template.includes(KEY_PRESS_PLACEHOLDER);
}

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

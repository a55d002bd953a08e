/**
 * The IVR's menu sentence: one per menu item, spoken to callers by the server and edited in the
 * options page. One definition for both halves (the extension imports this file too), so the sentence
 * the editor starts from is the sentence callers hear. Pure constants and functions only: nothing
 * here may import Node or browser code.
 *
 * Templates keep Zoho CRM's placeholders (`${Menu}`, `${Key press}`): they are the stored and
 * exported format. The options page never shows them; it names them in the admin's language.
 */

export const MENU_PLACEHOLDER = '${Menu}';
export const KEY_PRESS_PLACEHOLDER = '${Key press}';

/** The languages callers can be answered in (the phone configuration's `voice.language`). */
export type MenuLanguage = 'ja-JP' | 'en-US' | 'en-GB' | 'en-AU';

const JAPANESE = `${MENU_PLACEHOLDER}の場合、${KEY_PRESS_PLACEHOLDER}を押してください。`;
const ENGLISH = `For ${MENU_PLACEHOLDER}, press ${KEY_PRESS_PLACEHOLDER}.`;

/** Zoho CRM's default menu sentence, per caller language. */
export const DEFAULT_MENU_TEMPLATES: Readonly<Record<MenuLanguage, string>> = {
  'ja-JP': JAPANESE,
  'en-US': ENGLISH,
  'en-GB': ENGLISH,
  'en-AU': ENGLISH,
};

export function defaultMenuTemplate(language: MenuLanguage): string {
  return DEFAULT_MENU_TEMPLATES[language];
}

/** `renderMenuSentence('${Menu}の場合、${Key press}を押してください。', '営業', 1)` → `営業の場合、1を押してください。` */
export function renderMenuSentence(template: string, label: string, key: number | string): string {
  return template.replaceAll(MENU_PLACEHOLDER, label).replaceAll(KEY_PRESS_PLACEHOLDER, String(key));
}

export function hasMenuPlaceholders(template: string): boolean {
  return template.includes(MENU_PLACEHOLDER) && template.includes(KEY_PRESS_PLACEHOLDER);
}

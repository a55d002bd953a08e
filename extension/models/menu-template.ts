import {
  DEFAULT_MENU_TEMPLATES,
  KEY_PRESS_PLACEHOLDER,
  MENU_PLACEHOLDER,
  renderMenuSentence,
  type MenuLanguage,
} from '../../contract/menu-template';

/**
 * The menu sentence as the options page edits it: the text around two fixed slots, "menu name" and
 * "key", which the page names in the admin's language. The stored template keeps Zoho's
 * placeholders; the default is the very sentence the server speaks (contract/menu-template.ts).
 */
export { DEFAULT_MENU_TEMPLATES, renderMenuSentence };

export type Slot = 'menu' | 'key';

export interface MenuTemplateParts {
  order: 'menu-first' | 'key-first';
  before: string;
  between: string;
  after: string;
}

const TOKEN: Record<Slot, string> = { menu: MENU_PLACEHOLDER, key: KEY_PRESS_PLACEHOLDER };

export const slotsInOrder = (parts: Pick<MenuTemplateParts, 'order'>): [Slot, Slot] =>
  parts.order === 'menu-first' ? ['menu', 'key'] : ['key', 'menu'];

/** The template the number uses: its own, or the default of its caller language. */
export function templateFor(stored: string | undefined, language: MenuLanguage): string {
  return stored ?? DEFAULT_MENU_TEMPLATES[language];
}

/** Splits a template around its two placeholders; a template missing one gets it back at the end. */
export function splitMenuTemplate(template: string): MenuTemplateParts {
  const menuAt = template.indexOf(MENU_PLACEHOLDER);
  const keyAt = template.indexOf(KEY_PRESS_PLACEHOLDER);
  if (menuAt < 0 || keyAt < 0) {
    const rest = template.replaceAll(MENU_PLACEHOLDER, '').replaceAll(KEY_PRESS_PLACEHOLDER, '');
    return { order: 'menu-first', before: rest, between: ' ', after: '' };
  }
  const order = menuAt < keyAt ? 'menu-first' : 'key-first';
  const [first, second] = slotsInOrder({ order }).map((slot) => TOKEN[slot]) as [string, string];
  const firstAt = template.indexOf(first);
  const secondAt = template.indexOf(second, firstAt + first.length);
  return {
    order,
    before: template.slice(0, firstAt),
    between: template.slice(firstAt + first.length, secondAt),
    after: template.slice(secondAt + second.length),
  };
}

export function joinMenuTemplate(parts: MenuTemplateParts): string {
  const [first, second] = slotsInOrder(parts).map((slot) => TOKEN[slot]);
  return `${parts.before}${first}${parts.between}${second}${parts.after}`;
}

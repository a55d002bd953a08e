/** The placeholders Twilio's menu sentence is built from; the editor keeps both, in place. */
export const MENU_TOKEN = '${Menu}';
export const KEY_TOKEN = '${Key press}';

export const DEFAULT_MENU_TEMPLATE: Record<string, string> = {
  'ja-JP': '${Menu}は、${Key press}を押してください。',
  'en-US': 'For ${Menu}, press ${Key press}.',
  'en-GB': 'For ${Menu}, press ${Key press}.',
  'en-AU': 'For ${Menu}, press ${Key press}.',
};

export interface MenuTemplateParts {
  order: 'menu-first' | 'key-first';
  before: string;
  between: string;
  after: string;
}

/** Splits a template around its two placeholders; a template missing one gets it back at the end. */
export function splitMenuTemplate(template: string): MenuTemplateParts {
  const menuAt = template.indexOf(MENU_TOKEN);
  const keyAt = template.indexOf(KEY_TOKEN);
  if (menuAt < 0 || keyAt < 0) {
    const rest = template.replaceAll(MENU_TOKEN, '').replaceAll(KEY_TOKEN, '');
    return { order: 'menu-first', before: rest, between: ' ', after: '' };
  }
  const [first, firstToken, second, secondToken] =
    menuAt < keyAt
      ? [menuAt, MENU_TOKEN, keyAt, KEY_TOKEN]
      : [keyAt, KEY_TOKEN, menuAt, MENU_TOKEN];
  return {
    order: menuAt < keyAt ? 'menu-first' : 'key-first',
    before: template.slice(0, first),
    between: template.slice(first + firstToken.length, second),
    after: template.slice(second + secondToken.length),
  };
}

export function joinMenuTemplate(parts: MenuTemplateParts): string {
  const [first, second] = parts.order === 'menu-first' ? [MENU_TOKEN, KEY_TOKEN] : [KEY_TOKEN, MENU_TOKEN];
  return `${parts.before}${first}${parts.between}${second}${parts.after}`;
}

import { KEY_PRESS_PLACEHOLDER, MENU_PLACEHOLDER } from './defaults.ts';
import type { PathSegment } from './issues.ts';
import { field, items, text, userDirectory, type Reporter, type UserDirectory } from './raw.ts';
import { languageSchema, MAX_MENU_DEPTH, type Language } from './schema.ts';
import { isOfferedVoice, languageOfVoice } from './voices.ts';

/**
 * How each incoming number answers: the IVR tree (keys, depth), who gets rung, and which prompts it
 * may play. Follows Zoho CRM's Twilio integration: a multi-level IVR speaks text only.
 */
export function checkIncomingRoutes(document: unknown, reporter: Reporter): void {
  const users = userDirectory(document);
  items(field(document, 'incoming')).forEach((incoming, index) => {
    const path = ['incoming', index];
    const route = field(incoming, 'route');
    let multiLevel = false;
    if (field(route, 'type') === 'ivr') {
      multiLevel = checkMenu(field(route, 'menu'), [...path, 'route', 'menu'], 1, users, reporter);
    } else if (field(route, 'type') === 'ring') {
      checkRing(route, [...path, 'route'], 'direct', users, reporter);
    }
    checkMessages(incoming, path, multiLevel, reporter);
    checkVoice(incoming, path, reporter);
  });
}

/** Walks one menu level; returns whether it has submenus. The top menu is level 1. */
function checkMenu(menu: unknown, path: PathSegment[], level: number, users: UserDirectory, reporter: Reporter): boolean {
  const labelOfKey = new Map<number, string>();
  let hasSubmenu = false;
  items(menu).forEach((item, index) => {
    const key = field(item, 'key');
    if (typeof key === 'number' && Number.isInteger(key) && key >= 1 && key <= 9) {
      const taken = labelOfKey.get(key);
      if (taken === undefined) labelOfKey.set(key, text(field(item, 'label')) ?? '');
      else reporter.report([...path, index, 'key'], 'duplicate_menu_key', { key, label: taken });
    }
    const action = field(item, 'action');
    const actionPath = [...path, index, 'action'];
    if (field(action, 'type') === 'ring') checkRing(action, actionPath, 'ivr', users, reporter);
    if (field(action, 'type') !== 'menu') return;
    hasSubmenu = true;
    if (level + 1 > MAX_MENU_DEPTH) {
      reporter.report([...actionPath, 'menu'], 'menu_too_deep', { max: MAX_MENU_DEPTH });
      return;
    }
    checkMenu(field(action, 'menu'), [...actionPath, 'menu'], level + 1, users, reporter);
  });
  return hasSubmenu;
}

/**
 * Any existing, active user may be rung, admins included: in Zoho any CRM user can take calls, and
 * small teams often have the admin answer too. A deactivated user is refused rather than skipped
 * so that the admin sees where the user is still named.
 */
function checkRing(action: unknown, path: PathSegment[], kind: 'ivr' | 'direct', users: UserDirectory, reporter: Reporter): void {
  const named = new Set<string>();
  items(field(action, 'users')).forEach((id, index) => {
    if (typeof id !== 'string') return;
    const user = users.get(id);
    if (!user) reporter.report([...path, 'users', index], 'unknown_user', { user: id });
    else if (!user.active) reporter.report([...path, 'users', index], 'user_deactivated', { user: id });
    if (named.has(id)) reporter.report([...path, 'users', index], 'user_listed_twice', { user: id });
    named.add(id);
  });

  if (field(action, 'strategy') !== 'simultaneous') return;
  if (kind === 'ivr' && field(action, 'repeat') === true) {
    reporter.report([...path, 'repeat'], 'repeat_needs_sequential');
  }
  if (kind === 'direct' && field(action, 'cycles') === 2) {
    reporter.report([...path, 'cycles'], 'cycles_need_sequential');
  }
}

const PROMPTS = ['welcome', 'unavailable', 'busy'] as const;

function checkMessages(incoming: unknown, path: PathSegment[], multiLevel: boolean, reporter: Reporter): void {
  const messages = field(incoming, 'messages');
  if (multiLevel) {
    for (const name of PROMPTS) {
      const type = field(field(messages, name), 'type');
      if (type === 'audio' || type === 'url') {
        reporter.report([...path, 'messages', name], 'ivr_text_prompts_only', { type });
      }
    }
  }
  const template = text(field(messages, 'menu'));
  if (template !== undefined && template.trim() !== '') {
    const missing = [MENU_PLACEHOLDER, KEY_PRESS_PLACEHOLDER].filter((placeholder) => !template.includes(placeholder));
    if (missing.length > 0) reporter.report([...path, 'messages', 'menu'], 'menu_template_placeholders', { missing: missing.join(', ') });
  }
}

/**
 * Only a voice Twilio offers for the number's language (voices.ts): a voice of another language would
 * read Japanese text with English phonetics, and a name Twilio does not have falls back to its default
 * voice or says nothing. A language the flow does not speak is the schema's to report.
 */
function checkVoice(incoming: unknown, path: PathSegment[], reporter: Reporter): void {
  const voice = field(incoming, 'voice');
  const language = field(voice, 'language') ?? 'ja-JP';
  const name = text(field(voice, 'voice'));
  if (name === undefined || name === '' || !isLanguage(language) || isOfferedVoice(name, language)) return;
  const spoken = languageOfVoice(name);
  if (spoken !== undefined && spoken !== language) reporter.report([...path, 'voice', 'voice'], 'voice_language_mismatch', { voice: name, spoken, language });
  else reporter.report([...path, 'voice', 'voice'], 'voice_not_offered', { voice: name, language });
}

const isLanguage = (value: unknown): value is Language => languageSchema.safeParse(value).success;

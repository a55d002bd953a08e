import { measureSay } from '../../contract/say-limits.ts';
import { defaultMenuTemplate, defaultVoice, orgCallLanguage, renderMenuSentence, voiceOf } from './defaults.ts';
import type { PathSegment } from './issues.ts';
import { field, items, text, type Reporter } from './raw.ts';
import { languageSchema, MAX_MENU_TEXT_LENGTH, MAX_PROMPT_TEXT_LENGTH, type Language } from './schema.ts';

/**
 * Every text the voice flow speaks from the document fits one `<Say>` of the number's voice, counted
 * in Twilio's units (contract/say-limits.ts): over it, Twilio cuts or skips the message and the
 * caller hears part of it or nothing. Each problem says how many characters must go.
 *
 * A text over the schema's own character limit is the schema's to report (one problem per field).
 */
const PROMPTS = ['welcome', 'unavailable', 'busy', 'closed'] as const;

export function checkSpokenTexts(document: unknown, reporter: Reporter): void {
  items(field(document, 'incoming')).forEach((incoming, index) => {
    const path: PathSegment[] = ['incoming', index];
    const language = languageOf(incoming);
    const voice = voiceOf({ language, voice: text(field(field(incoming, 'voice'), 'voice')) });
    const messages = field(incoming, 'messages');
    for (const name of PROMPTS) {
      const prompt = field(messages, name);
      const spoken = field(prompt, 'type') === 'text' ? text(field(prompt, 'text'))?.trim() : undefined;
      if (spoken === undefined || spoken.length > MAX_PROMPT_TEXT_LENGTH) continue;
      const { over } = measureSay(spoken, voice);
      if (over > 0) reporter.report([...path, 'messages', name, 'text'], 'say_too_long', { over });
    }
    const route = field(incoming, 'route');
    if (field(route, 'type') === 'ivr') checkMenuSentences(field(route, 'menu'), messages, language, voice, [...path, 'messages', 'menu'], reporter);
  });
  checkRecordingNotice(document, reporter);
}

/**
 * The recording notice is spoken by every recorded number's voice, and by the org's default voice to
 * the people reps call: it must fit the strictest of them.
 */
function checkRecordingNotice(document: unknown, reporter: Reporter): void {
  const settings = field(document, 'settings');
  const message = field(field(settings, 'recordingNotice'), 'message');
  const spoken = field(message, 'type') === 'text' ? text(field(message, 'text'))?.trim() : undefined;
  if (spoken === undefined || spoken.length > MAX_PROMPT_TEXT_LENGTH) return;
  const voices = new Set([defaultVoice(orgCallLanguage({ defaultCountry: text(field(settings, 'defaultCountry')) ?? 'JP' }))]);
  for (const incoming of items(field(document, 'incoming'))) {
    if (field(incoming, 'record') === true) voices.add(voiceOf({ language: languageOf(incoming), voice: text(field(field(incoming, 'voice'), 'voice')) }));
  }
  const over = Math.max(...[...voices].map((voice) => measureSay(spoken, voice).over));
  if (over > 0) reporter.report(['settings', 'recordingNotice', 'message', 'text'], 'say_too_long', { over });
}

/** One `<Say>` per menu item: the template with the item's label; the longest one decides. */
function checkMenuSentences(menu: unknown, messages: unknown, language: Language, voice: string, path: PathSegment[], reporter: Reporter): void {
  const written = text(field(messages, 'menu'))?.trim();
  if (written !== undefined && written.length > MAX_MENU_TEXT_LENGTH) return;
  const template = written || defaultMenuTemplate(language);
  let worst: { over: number; label: string } | null = null;
  for (const item of menuItems(menu)) {
    const label = text(field(item, 'label'))?.trim() ?? '';
    const key = field(item, 'key');
    const { over } = measureSay(renderMenuSentence(template, label, typeof key === 'number' ? key : 1), voice);
    if (over > (worst?.over ?? 0)) worst = { over, label };
  }
  if (worst) reporter.report(path, 'menu_sentence_too_long', worst);
}

/** The items of a menu and of all its submenus. */
function menuItems(menu: unknown): unknown[] {
  return items(menu).flatMap((item) => {
    const action = field(item, 'action');
    return [item, ...(field(action, 'type') === 'menu' ? menuItems(field(action, 'menu')) : [])];
  });
}

function languageOf(incoming: unknown): Language {
  const parsed = languageSchema.safeParse(field(field(incoming, 'voice'), 'language'));
  return parsed.success ? parsed.data : 'ja-JP';
}

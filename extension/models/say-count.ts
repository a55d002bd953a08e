import { DEFAULT_MENU_TEMPLATES, renderMenuSentence, type MenuLanguage } from '../../contract/menu-template';
import { measureSay, type SayMeasure } from '../../contract/say-limits';
import { diagramOrder } from './ivr-branches';
import type { MenuItem } from './phone-config-types';

/**
 * What a text field says of its text's length while the admin types: counted as Twilio counts it for
 * the number's voice (contract/say-limits.ts), the text trimmed as the server checks it
 * (server/phone-config/say-rules.ts), so the field and a refused save agree.
 */

/** From this share of the limit on, the field counts; before it, a counter is noise. */
const COUNT_FROM = 0.8;

/**
 * `left`: characters that still fit, if the rest is written like the text so far (Twilio's units per
 * character: a Japanese character is 9 URL-encoded characters, a letter 1). `over`: characters to cut
 * from the end, as the server's `say_too_long {over}` counts them.
 */
export type SayCount = { kind: 'left' | 'over'; count: number };

function countOf(spoken: string, measure: SayMeasure): SayCount | null {
  if (!measure.fits) return { kind: 'over', count: measure.over };
  if (measure.used < measure.limit * COUNT_FROM) return null;
  const perCharacter = measure.used / [...spoken].length;
  return { kind: 'left', count: Math.floor((measure.limit - measure.used) / perCharacter) };
}

/** A prompt (welcome, unavailable, busy, closed): null while well within the limit. */
export function sayCount(text: string, voice: string): SayCount | null {
  const spoken = text.trim();
  return countOf(spoken, measureSay(spoken, voice));
}

/** Whether `a` leaves Twilio less room than `b`: more characters over, or as many and nearer the limit. */
const longer = (a: SayMeasure, b: SayMeasure) => a.over > b.over || (a.over === b.over && a.used / a.limit > b.used / b.limit);

/**
 * The menu sentence is spoken once per item, with the item's label (submenus' too): the label that
 * makes it longest decides, as on the server (`menu_sentence_too_long {over, label}`). `stored`: the
 * number's own template, if any (blank means the language's default there too). Null while every
 * sentence is well within the limit, or when the menu has no items.
 */
export function menuSentenceCount(
  stored: string | undefined,
  language: MenuLanguage,
  menu: readonly MenuItem[],
  voice: string,
): (SayCount & { label: string }) | null {
  const template = stored?.trim() || DEFAULT_MENU_TEMPLATES[language];
  let longest: { spoken: string; measure: SayMeasure; label: string } | null = null;
  for (const { item } of diagramOrder(menu)) {
    const label = item.label.trim();
    const spoken = renderMenuSentence(template, label, item.key);
    const measure = measureSay(spoken, voice);
    if (!longest || longer(measure, longest.measure)) longest = { spoken, measure, label };
  }
  const count = longest && countOf(longest.spoken, longest.measure);
  return longest && count ? { ...count, label: longest.label } : null;
}

import { t } from '@/locales/i18n';
import {
  DEFAULT_MENU_TEMPLATES,
  joinMenuTemplate,
  renderMenuSentence,
  slotsInOrder,
  splitMenuTemplate,
  templateFor,
  type MenuTemplateParts,
  type Slot,
} from '@/models/menu-template';
import type { Language } from '@/models/phone-config-types';

/**
 * The menu sentence as a sentence: the admin edits the words around two fixed slots, named in the
 * page's language (「メニュー名」「キー番号」), and reads an example of what callers hear. Starts from
 * the sentence the server speaks (one definition: contract/menu-template.ts).
 */
export function MenuSentenceField({
  template,
  language,
  example,
  error,
  counter = null,
  onChange,
}: {
  /** The stored template, or undefined for the language's default. */
  template: string | undefined;
  language: Language;
  /** The first menu item, to show a real sentence. */
  example: { label: string; key: number };
  error?: string | undefined;
  /** How much more Twilio can read out with the longest label, once that is worth saying (a polite live region). */
  counter?: string | null | undefined;
  onChange: (template: string | undefined) => void;
}) {
  const parts = splitMenuTemplate(templateFor(template, language));
  const [first, second] = slotsInOrder(parts);
  const slotName = (slot: Slot) => t(`voice.menu.slot.${slot}`);
  const set = (patch: Partial<MenuTemplateParts>) => {
    const next = joinMenuTemplate({ ...parts, ...patch });
    onChange(next === DEFAULT_MENU_TEMPLATES[language] ? undefined : next);
  };
  const words = (part: 'before' | 'between' | 'after', label: string) => (
    <input
      type="text"
      class="yb-sentence__words"
      aria-label={label}
      value={parts[part]}
      size={widthOf(parts[part])}
      onInput={(event) => set({ [part]: event.currentTarget.value })}
    />
  );
  const sentence = renderMenuSentence(joinMenuTemplate(parts), example.label || t('ivr.untitled'), example.key);
  return (
    <fieldset class="yb-fieldset yb-sentence" aria-describedby={`menu-sentence-help menu-sentence-example${counter ? ' menu-sentence-count' : ''}`}>
      <legend>{t('voice.menu')}</legend>
      <p class="yb-field__help" id="menu-sentence-help">
        {t('voice.menu.help')}
      </p>
      <div class="yb-sentence__line">
        {words('before', t('voice.menu.before', { slot: slotName(first) }))}
        <span class="yb-slot" data-slot={first}>
          {slotName(first)}
        </span>
        {words('between', t('voice.menu.between', { first: slotName(first), second: slotName(second) }))}
        <span class="yb-slot" data-slot={second}>
          {slotName(second)}
        </span>
        {words('after', t('voice.menu.after', { slot: slotName(second) }))}
      </div>
      <p class="yb-sentence__example" id="menu-sentence-example">
        {t('voice.menu.example', { sentence })}
      </p>
      <p class="yb-field__count" id="menu-sentence-count" aria-live="polite">
        {counter ?? ''}
      </p>
      <div class="yb-row">
        <label class="yb-check-option">
          <input
            type="checkbox"
            checked={parts.order === 'key-first'}
            onChange={(event) => set({ order: event.currentTarget.checked ? 'key-first' : 'menu-first' })}
          />
          {t('voice.menu.swap')}
        </label>
        {template !== undefined && (
          <button type="button" class="yb-link-button" onClick={() => onChange(undefined)}>
            {t('voice.menu.reset')}
          </button>
        )}
      </div>
      {error && (
        <p class="yb-field__error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Room for the words typed, counting a full-width character (Japanese) as two (where `field-sizing` is not supported). */
function widthOf(text: string): number {
  return Math.max(2, [...text].reduce((width, char) => width + (/[\u1100-\uffdc]/u.test(char) && !/[\uff61-\uffdc]/u.test(char) ? 2 : 1), 1));
}

import { useId, useRef } from 'preact/hooks';
import { t } from '@/locales/i18n';
import { caretAfter, deleteThroughFormatting, numberCharactersBefore } from '@/models/number-field-editing';

/**
 * The number being dialled. Shows the as-you-type format; every input (typing, paste, autofill)
 * goes through `onInput`, which cleans it and returns what the field now shows, so pasting
 * `０９０－１２３４－５６７８` just works.
 */
export function NumberField({
  display,
  onInput,
  onSubmit,
  invalid = false,
}: {
  display: string;
  onInput: (raw: string) => string;
  onSubmit?: () => void;
  invalid?: boolean;
}) {
  const id = useId();
  // What the field showed before the browser's edit.
  const shown = useRef(display);
  shown.current = display;
  return (
    <div class="yb-field yb-number-field">
      <label for={id}>{t('dialer.number.label')}</label>
      <input
        id={id}
        type="tel"
        inputMode="tel"
        autoComplete="off"
        spellcheck={false}
        value={display}
        placeholder={t('dialer.number.placeholder')}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onInput={(event) => {
          const input = event.currentTarget;
          let raw = input.value;
          let caret = input.selectionEnd ?? raw.length;
          // Backspace just after a hyphen deletes only the hyphen, which the format puts back: take the
          // digit before it instead (the one after it for Delete). The input event, not the key, says so:
          // touch keyboards name no key. A script's value (no inputType) is taken as it is.
          const { inputType } = event as Partial<InputEvent>;
          if (inputType === 'deleteContentBackward' || inputType === 'deleteContentForward') {
            const deleted = deleteThroughFormatting(shown.current, raw, inputType === 'deleteContentBackward' ? 'backward' : 'forward');
            if (deleted) ({ text: raw, caret } = deleted);
          }
          // Show the model's display at once, the caret after as many of the number's own characters as
          // stood before it: a value set by the re-render would throw the caret to the end. A dropped
          // character (a letter, a second +) changes nothing in the model, so no re-render would take it
          // off screen either. The re-render then finds the input showing its value and leaves it alone.
          const next = onInput(raw);
          shown.current = next;
          const at = caret >= raw.length ? next.length : caretAfter(next, numberCharactersBefore(raw, caret));
          if (input.value !== next) input.value = next;
          if (input.ownerDocument.activeElement === input) input.setSelectionRange(at, at);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            onSubmit?.();
          }
        }}
      />
      {invalid && (
        <p class="yb-field__error" id={`${id}-error`}>
          {t('dialer.invalid')}
        </p>
      )}
    </div>
  );
}

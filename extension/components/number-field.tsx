import { useId, useRef } from 'preact/hooks';
import { t } from '@/locales/i18n';

/**
 * The number being dialled. Shows the as-you-type format; every input (typing, paste, autofill)
 * goes through `onInput`, which cleans it, so pasting `０９０－１２３４－５６７８` just works.
 */
export function NumberField({
  display,
  onInput,
  onSubmit,
  invalid = false,
}: {
  display: string;
  onInput: (raw: string) => void;
  onSubmit?: () => void;
  invalid?: boolean;
}) {
  const id = useId();
  // The display the field should show, read after a re-render that may never come.
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
          onInput(input.value);
          // A dropped character (a letter, a second +) leaves the cleaned number unchanged, so nothing
          // re-renders and the controlled input would keep showing it. After the render the input queued
          // (if any), put the display back when the two differ; equal values keep the caret where it is.
          queueMicrotask(() => {
            if (input.value !== shown.current) input.value = shown.current;
          });
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

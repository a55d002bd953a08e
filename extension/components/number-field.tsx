import { useId } from 'preact/hooks';
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
        onInput={(event) => onInput(event.currentTarget.value)}
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

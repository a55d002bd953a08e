import { useEffect, useId, useRef } from 'preact/hooks';
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
  const field = useRef<HTMLInputElement>(null);
  // What the field showed before the browser's edit.
  const shown = useRef(display);
  shown.current = display;
  // The field's selection as the browser's edit began (its beforeinput), for the Delete keys.
  const selection = useRef<{ start: number; end: number } | undefined>(undefined);
  // An IME is composing (full-width digits typed with the Japanese IME on): the text is the IME's until it ends.
  const composing = useRef(false);

  /** Cleans and re-formats what the browser left in the field. */
  function reformat(input: HTMLInputElement, inputType: string | undefined) {
    let raw = input.value;
    let caret = input.selectionEnd ?? raw.length;
    // Backspace just after a hyphen deletes only the hyphen, which the format puts back: take the digit
    // before it instead (the one after it for Delete), unless the rep had selected what to delete. The input
    // event, not the key, says so: touch keyboards name no key. A script's value (no inputType) is taken as it is.
    if (inputType === 'deleteContentBackward' || inputType === 'deleteContentForward') {
      const direction = inputType === 'deleteContentBackward' ? 'backward' : 'forward';
      const deleted = deleteThroughFormatting(shown.current, raw, direction, selection.current);
      if (deleted) ({ text: raw, caret } = deleted);
    }
    selection.current = undefined;
    // Show the model's display at once, the caret after as many of the number's own characters as stood
    // before it: a value set by the re-render would throw the caret to the end. A dropped character (a
    // letter, a second +) changes nothing in the model, so no re-render would take it off screen either.
    // The re-render then finds the input showing its value and leaves it alone.
    const next = onInput(raw);
    shown.current = next;
    const at = caret >= raw.length ? next.length : caretAfter(next, numberCharactersBefore(raw, caret));
    if (input.value !== next) input.value = next;
    // The focus as the field's own tree has it: in the CRM page's closed shadow root (ui/page-shell.ts) the
    // document's activeElement is the shadow host, never the field.
    if ((input.getRootNode() as Partial<DocumentOrShadowRoot>).activeElement === input) input.setSelectionRange(at, at);
  }
  const latest = useRef(reformat);
  latest.current = reformat;

  // Preact would listen for "BeforeInput" and "CompositionEnd" (no on… property names them): added by hand.
  useEffect(() => {
    const input = field.current;
    if (!input) return;
    const editing = () => (selection.current = { start: input.selectionStart ?? 0, end: input.selectionEnd ?? 0 });
    const started = () => (composing.current = true);
    // Chrome and Firefox send the composition's last input before compositionend, Safari after it.
    const ended = () => {
      composing.current = false;
      latest.current(input, undefined);
    };
    input.addEventListener('beforeinput', editing);
    input.addEventListener('compositionstart', started);
    input.addEventListener('compositionend', ended);
    return () => {
      input.removeEventListener('beforeinput', editing);
      input.removeEventListener('compositionstart', started);
      input.removeEventListener('compositionend', ended);
    };
  }, []);

  return (
    <div class="yb-field yb-number-field">
      <label for={id}>{t('dialer.number.label')}</label>
      <input
        ref={field}
        id={id}
        type="tel"
        inputMode="tel"
        autoComplete="off"
        spellcheck={false}
        // Left alone while an IME composes: a re-render meanwhile would put the display back over its text.
        value={composing.current ? undefined : display}
        placeholder={t('dialer.number.placeholder')}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onInput={(event) => {
          // Rewriting the value mid-composition would break the IME's text: formatted at compositionend.
          if ((event as Partial<InputEvent>).isComposing || composing.current) return;
          reformat(event.currentTarget, (event as Partial<InputEvent>).inputType);
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

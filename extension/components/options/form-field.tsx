import type { ComponentChildren } from 'preact';

/**
 * A label, its control and the error right beside it. The control gets `id`, `aria-invalid`
 * and `aria-describedby` from `controlProps(id)`. `reserveError` keeps room for an error line
 * (announced politely when it fills), so fields side by side do not jump when one gets an error.
 * `counter` (a string, or null while it has nothing to say) keeps a polite live region under the
 * control, there before its first words so that they are announced; while it speaks it also
 * describes the control. Left out, the field has no counter.
 */
export function FormField({
  id,
  label,
  error,
  help,
  reserveError = false,
  counter,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  help?: string | undefined;
  reserveError?: boolean;
  counter?: string | null | undefined;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ComponentChildren;
}) {
  const describedBy = [error ? `${id}-error` : '', help ? `${id}-help` : '', counter ? `${id}-count` : ''].filter(Boolean).join(' ');
  return (
    <div class={`yb-field${error ? ' yb-field--invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {help && (
        <p class="yb-field__help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {counter !== undefined && (
        <p class="yb-field__count" id={`${id}-count`} aria-live="polite">
          {counter ?? ''}
        </p>
      )}
      {reserveError ? (
        <p class="yb-field__error yb-field__error--reserved" id={`${id}-error`} aria-live="polite">
          {error ?? ''}
        </p>
      ) : (
        error && (
          <p class="yb-field__error" id={`${id}-error`} role="alert">
            {error}
          </p>
        )
      )}
    </div>
  );
}

/** For a group of checkboxes or radios: a fieldset whose legend names it, with its error. */
export function FieldGroup({
  id,
  legend,
  error,
  children,
}: {
  id: string;
  legend: string;
  error?: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <fieldset
      class={`yb-fieldset${error ? ' yb-field--invalid' : ''}`}
      id={id}
      aria-invalid={Boolean(error)}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {children}
      {error && (
        <p class="yb-field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

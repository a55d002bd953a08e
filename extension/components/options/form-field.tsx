import type { ComponentChildren } from 'preact';

/**
 * A label, its control and the error right beside it. The control gets `id`, `aria-invalid`
 * and `aria-describedby` from `controlProps(id)`. `reserveError` keeps room for an error line
 * (announced politely when it fills), so fields side by side do not jump when one gets an error.
 */
export function FormField({
  id,
  label,
  error,
  help,
  reserveError = false,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  help?: string | undefined;
  reserveError?: boolean;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ComponentChildren;
}) {
  const describedBy = [error ? `${id}-error` : '', help ? `${id}-help` : ''].filter(Boolean).join(' ');
  return (
    <div class={`yb-field${error ? ' yb-field--invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {help && (
        <p class="yb-field__help" id={`${id}-help`}>
          {help}
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

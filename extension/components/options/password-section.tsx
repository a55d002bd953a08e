import { useState } from 'preact/hooks';
import { t } from '@/locales/i18n';
import { ApiError } from '@/models/api-error';
import { MIN_PASSWORD_LENGTH, type PasswordChange } from '@/models/own-password';
import { FormField } from './form-field';
import { messageOf } from './use-async';

/** The server's refusals shown under the field they concern (worded from the API's error dictionary); others above the form. */
const FIELD_OF: Partial<Record<string, 'current' | 'next'>> = { wrong_password: 'current', password_too_short: 'next' };

type Errors = { current?: string; next?: string; confirm?: string; form?: string };

/** The signed-in user's own password: current, new, new again. Where the server's first-start banner sends the admin. */
export function PasswordSection({ change }: { change: PasswordChange }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(false);
    const found: Errors = {};
    if ([...next].length < MIN_PASSWORD_LENGTH) found.next = t('password.tooShort', { min: MIN_PASSWORD_LENGTH });
    else if (next !== confirm) found.confirm = t('password.mismatch');
    setErrors(found);
    if (found.next || found.confirm) return;
    setBusy(true);
    try {
      await change(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
    } catch (failure) {
      const field = failure instanceof ApiError ? (FIELD_OF[failure.code] ?? 'form') : 'form';
      setErrors({ [field]: messageOf(failure) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="yb-panel" aria-labelledby="password-title">
      <h3 id="password-title" class="yb-heading">
        {t('password.title')}
      </h3>
      <p class="yb-field__help">{t('password.help')}</p>
      <form class="yb-form" onSubmit={submit} noValidate>
        <FormField id="password-current" label={t('password.current')} error={errors.current} reserveError>
          {(props) => <input {...props} type="password" autoComplete="current-password" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />}
        </FormField>
        <FormField id="password-new" label={t('password.new')} error={errors.next} reserveError>
          {(props) => <input {...props} type="password" autoComplete="new-password" value={next} onInput={(e) => setNext(e.currentTarget.value)} />}
        </FormField>
        <FormField id="password-confirm" label={t('password.confirm')} error={errors.confirm} reserveError>
          {(props) => <input {...props} type="password" autoComplete="new-password" value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} />}
        </FormField>
        <div class="yb-actions yb-actions--inline">
          <button type="submit" class="yb-button yb-button--primary" disabled={busy || !current || !next}>
            {busy ? t('password.changing') : t('password.change')}
          </button>
          {done && <p class="yb-alert yb-alert--ok" role="status">{t('password.changed')}</p>}
          {errors.form && <p class="yb-field__error" role="alert">{errors.form}</p>}
        </div>
      </form>
    </section>
  );
}

import { t } from '@/locales/i18n';

/** The preview's "as if it were": a date and a time in the org's time zone; both empty = now. */
export interface AsIf {
  date: string;
  time: string;
}

export function asIfMoment(value: AsIf): { date: string; time: string } | undefined {
  return value.date && value.time ? { date: value.date, time: value.time } : undefined;
}

export function AsIfFields({ value, disabled, onChange }: { value: AsIf; disabled: boolean; onChange: (value: AsIf) => void }) {
  return (
    <fieldset class="yb-fieldset yb-preview__as-if" aria-describedby="preview-as-if-help">
      <legend>{t('preview.asIf')}</legend>
      <input type="date" aria-label={t('preview.asIf.date')} value={value.date} disabled={disabled} onChange={(event) => onChange({ ...value, date: event.currentTarget.value })} />
      <input type="time" aria-label={t('preview.asIf.time')} value={value.time} disabled={disabled} onChange={(event) => onChange({ ...value, time: event.currentTarget.value })} />
      <p class="yb-field__help" id="preview-as-if-help">
        {t('preview.asIf.help')}
      </p>
    </fieldset>
  );
}

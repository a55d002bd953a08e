import { t, uiLanguage } from '@/locales/i18n';
import type { IncomingFormModel } from '@/models/incoming-form-model';
import { VOICEMAIL_SECONDS } from '@/models/phone-config-types';
import { FormField } from './form-field';

/** The lengths offered, in seconds: one to ten minutes. */
const PRESETS: readonly number[] = [60, 120, 180, 300, 600];

/** 120 → "2 分" / "2 min"; 90 → "1 分 30 秒" / "1 min 30 s". */
export function voicemailLengthText(seconds: number, language = uiLanguage.value): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts = language === 'ja' ? [minutes ? `${minutes} 分` : '', rest ? `${rest} 秒` : ''] : [minutes ? `${minutes} min` : '', rest ? `${rest} s` : ''];
  return parts.filter(Boolean).join(' ');
}

/**
 * How long a caller may speak after the beep (`voicemailMaxSeconds`, the `<Record maxLength>` of
 * every voicemail of the number). A length set by an import or the API that is not one of the
 * presets is shown as it is, and kept on save.
 */
export function VoicemailLengthField({ form }: { form: IncomingFormModel }) {
  const draft = form.draft.value;
  const seconds = draft.voicemailMaxSeconds ?? VOICEMAIL_SECONDS.default;
  const options = PRESETS.includes(seconds) ? PRESETS : [...PRESETS, seconds].sort((a, b) => a - b);
  return (
    <FormField id="incoming-voicemail-length" label={t('incoming.voicemailLength')} error={form.errors.value.get('voicemailMaxSeconds')} help={t('incoming.voicemailLength.help')}>
      {(props) => (
        <select {...props} value={String(seconds)} onChange={(event) => form.update((current) => ({ ...current, voicemailMaxSeconds: Number(event.currentTarget.value) }))}>
          {options.map((option) => (
            <option value={String(option)} key={option}>
              {voicemailLengthText(option)}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

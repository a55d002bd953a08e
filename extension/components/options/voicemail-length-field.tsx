import { t, uiLanguage } from '@/locales/i18n';
import { durationText } from '@/models/duration-text';
import type { IncomingFormModel } from '@/models/incoming-form-model';
import { VOICEMAIL_SECONDS } from '@/models/phone-config-types';
import { FormField } from './form-field';

/** The lengths offered, in seconds: one to ten minutes. */
const PRESETS: readonly number[] = [60, 120, 180, 300, 600];

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
              {durationText(option, uiLanguage.value)}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

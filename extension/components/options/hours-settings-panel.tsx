import { useEffect, useState } from 'preact/hooks';
import { t } from '@/locales/i18n';
import type { AdminApi } from '@/models/admin-api';
import { timeZoneChoices, type HoursSettings } from '@/models/admin-hours';
import { FormField } from './form-field';
import { messageOf, useAsync } from './use-async';

/** The org's time zone for business hours (default Asia/Tokyo) and when a follow-up is due. */
export function HoursSettingsPanel({ api }: { api: AdminApi }) {
  const loaded = useAsync(() => api.getHoursSettings(), [api]);
  const [draft, setDraft] = useState<HoursSettings | null>(null);
  const [state, setState] = useState<{ saving: boolean; saved: boolean; failure: unknown }>({ saving: false, saved: false, failure: null });
  useEffect(() => {
    if (loaded.data) setDraft(loaded.data);
  }, [loaded.data]);
  if (!draft) return loaded.error ? <p class="yb-alert yb-alert--error" role="alert">{loaded.error}</p> : null;
  const save = async (event: Event) => {
    event.preventDefault();
    setState({ saving: true, saved: false, failure: null });
    try {
      setDraft(await api.saveHoursSettings(draft));
      setState({ saving: false, saved: true, failure: null });
    } catch (failure) {
      setState({ saving: false, saved: false, failure });
    }
  };
  return (
    <form class="yb-form yb-hours-settings" onSubmit={save} aria-labelledby="hours-settings-title" noValidate>
      <h3 id="hours-settings-title" class="yb-heading">
        {t('hoursSettings.title')}
      </h3>
      <div class="yb-row">
        <FormField id="hours-time-zone" label={t('hoursSettings.timeZone')}>
          {(props) => (
            <select {...props} value={draft.timeZone} onChange={(event) => setDraft({ ...draft, timeZone: event.currentTarget.value })}>
              {timeZoneChoices(draft.timeZone).map((zone) => (
                <option value={zone} key={zone}>
                  {zone}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="hours-due" label={t('hoursSettings.dueHours')}>
          {(props) => (
            <input {...props} type="number" min={0} max={168} step={1} value={draft.followUpDueHours} onInput={(event) => setDraft({ ...draft, followUpDueHours: Number(event.currentTarget.value) })} />
          )}
        </FormField>
      </div>
      {state.failure !== null && (
        <p class="yb-alert yb-alert--error" role="alert">
          {messageOf(state.failure)}
        </p>
      )}
      {state.saved && <p role="status">{t('hoursSettings.saved')}</p>}
      <button type="submit" class="yb-button" disabled={state.saving}>
        {state.saving ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}

import { useState } from 'preact/hooks';
import { t, uiLanguage } from '@/locales/i18n';
import type { BoardApi } from '@/models/board-api';
import { boardErrorText } from '@/models/board-errors';
import { FormField } from './form-field';

/** Every IANA zone the browser knows, for the field's suggestions. */
const zones = (): string[] => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);

/** The org's time zone (settings.timeZone): admins change it here; analytics and the board's "today" follow. */
export function TimeZoneField({ api, current, onSaved }: { api: BoardApi; current: string; onSaved: (zone: string) => void }) {
  const [value, setValue] = useState(current);
  const [state, setState] = useState<{ saving: boolean; error: string | null; saved: boolean }>({ saving: false, error: null, saved: false });
  const save = async (event: Event) => {
    event.preventDefault();
    setState({ saving: true, error: null, saved: false });
    try {
      const zone = await api.setTimeZone(value.trim());
      setState({ saving: false, error: null, saved: true });
      onSaved(zone);
    } catch (failure) {
      setState({ saving: false, error: boardErrorText(failure, uiLanguage.value), saved: false });
    }
  };
  return (
    <form class="yb-row" onSubmit={save}>
      <FormField id="org-time-zone" label={t('analytics.timeZone')} help={t('analytics.timeZone.help')} error={state.error ?? undefined}>
        {(props) => <input {...props} list="org-time-zones" value={value} onInput={(e) => setValue(e.currentTarget.value)} autocomplete="off" spellcheck={false} />}
      </FormField>
      <datalist id="org-time-zones">{zones().map((zone) => <option key={zone} value={zone} />)}</datalist>
      <button type="submit" class="yb-button" disabled={state.saving || value.trim() === current}>{t(state.saving ? 'common.saving' : 'common.save')}</button>
      {state.saved && <span class="yb-muted" role="status">{t('common.saved')}</span>}
    </form>
  );
}

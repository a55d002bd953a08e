import { t } from '@/locales/i18n';
import { errorForField } from '@/models/api-error';
import { defaultWaitingLine, PHONE_KEYS, WAITING_LINE, type WaitingLineSettings } from '@/models/business-hours-form';
import { FormField } from './form-field';

/**
 * A ring action's waiting line: on or off, how often callers hear their position, how long they wait
 * at most before voicemail, the priority for ties, and the keys for voicemail and a call back.
 */
export function WaitingLineFields({
  idPrefix,
  path,
  value,
  errors,
  onChange,
}: {
  idPrefix: string;
  /** Issue path of the ring action, e.g. `route.menu[1].action` or `route`. */
  path: string;
  value: WaitingLineSettings | undefined;
  errors: ReadonlyMap<string, string>;
  onChange: (next: WaitingLineSettings | undefined) => void;
}) {
  const line = value;
  const on = line?.enabled === true;
  const set = (patch: Partial<WaitingLineSettings>) => onChange({ ...(line ?? defaultWaitingLine()), ...patch });
  const number = (key: 'announceSeconds' | 'maxWaitSeconds' | 'priority') => (
    <FormField id={`${idPrefix}-queue-${key}`} label={t(`queue.${key}`)} error={errorForField(errors, `${path}.queue.${key}`)}>
      {(props) => (
        <input
          {...props}
          type="number"
          min={WAITING_LINE[key].min}
          max={WAITING_LINE[key].max}
          step={1}
          value={line?.[key] ?? WAITING_LINE[key].default}
          onInput={(event) => set({ [key]: Number(event.currentTarget.value) })}
        />
      )}
    </FormField>
  );
  const keyChoice = (key: 'voicemailKey' | 'callbackKey') => (
    <FormField id={`${idPrefix}-queue-${key}`} label={t(`queue.${key}`)} error={errorForField(errors, `${path}.queue.${key}`)}>
      {(props) => (
        <select {...props} value={line?.[key] ?? ''} onChange={(event) => set({ [key]: event.currentTarget.value === '' ? null : (event.currentTarget.value as WaitingLineSettings['voicemailKey']) })}>
          <option value="">{t('queue.key.none')}</option>
          {PHONE_KEYS.map((phoneKey) => (
            <option value={phoneKey} key={phoneKey}>
              {phoneKey}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
  return (
    <div class="yb-waiting-line-fields">
      <label class="yb-check-option">
        <input
          type="checkbox"
          checked={on}
          // Switching off keeps the settings (enabled: false), so switching on again restores them.
          onChange={(event) => (event.currentTarget.checked ? set({ enabled: true }) : line ? onChange({ ...line, enabled: false }) : onChange(undefined))}
        />
        {t('queue.enabled')}
      </label>
      {on && (
        <div class="yb-row">
          {number('announceSeconds')}
          {number('maxWaitSeconds')}
          {number('priority')}
          {keyChoice('voicemailKey')}
          {keyChoice('callbackKey')}
        </div>
      )}
    </div>
  );
}

import { t } from '@/locales/i18n';
import { errorForField } from '@/models/api-error';
import { defaultBusinessHours, nextRange, WEEKDAYS, withoutHours, type BusinessHours, type ClosedDays, type OpenDays, type TimeRange } from '@/models/business-hours-form';
import type { IncomingFormModel } from '@/models/incoming-form-model';
import type { Prompt } from '@/models/phone-config-types';
import { sayCount } from '@/models/say-count';
import { voiceOf } from '../../../contract/default-voices';
import { AudioPromptField, type AudioLibrary } from './audio-prompt-field';
import { FieldGroup, FormField } from './form-field';
import { sayCountText } from './say-count-text';

/**
 * Business hours of one number: weekly ranges (several a day for a lunch break), Japan's holidays,
 * company closed days and special open days, the closed message and what follows it; and whether
 * the number's reps are told of new voicemails.
 */
export function BusinessHoursFields({ form, audio }: { form: IncomingFormModel; audio?: AudioLibrary | undefined }) {
  const draft = form.draft.value;
  const errors = form.errors.value;
  const hours = draft.hours;
  const setHours = (next: BusinessHours | undefined) => form.update((current) => (next ? { ...current, hours: next } : withoutHours(current)));
  const patch = (change: Partial<BusinessHours>) => hours && setHours({ ...hours, ...change });

  return (
    <section class="yb-hours" aria-labelledby="yb-hours-title">
      <h3 id="yb-hours-title" class="yb-heading">
        {t('hours.title')}
      </h3>
      <label class="yb-check-option">
        <input type="checkbox" checked={Boolean(hours)} onChange={(event) => setHours(event.currentTarget.checked ? defaultBusinessHours() : undefined)} />
        {t('hours.enabled')}
      </label>
      {hours && (
        <>
          <FieldGroup id="hours-weekly" legend={t('hours.weekly')}>
            {WEEKDAYS.map((day) => (
              <RangesEditor
                key={day}
                idPrefix={`hours-${day}`}
                label={t(`hours.day.${day}`)}
                ranges={hours.weekly[day] ?? []}
                path={`hours.weekly.${day}`}
                errors={errors}
                onChange={(ranges) => patch({ weekly: { ...hours.weekly, [day]: ranges } })}
              />
            ))}
          </FieldGroup>
          <FieldGroup id="hours-holidays" legend={t('hours.holidays')}>
            {(['closed', 'open'] as const).map((choice) => (
              <label class="yb-check-option" key={choice}>
                <input type="radio" name="hours-holidays" checked={(hours.holidays ?? 'closed') === choice} onChange={() => patch({ holidays: choice })} />
                {t(`hours.holidays.${choice}`)}
              </label>
            ))}
          </FieldGroup>
          <DatesEditor
            kind="closedDays"
            legend={t('hours.closedDays')}
            help={t('hours.closedDays.help')}
            list={hours.closedDays ?? []}
            errors={errors}
            onChange={(closedDays) => patch({ closedDays })}
          />
          <DatesEditor
            kind="openDays"
            legend={t('hours.openDays')}
            help={t('hours.openDays.help')}
            list={hours.openDays ?? []}
            errors={errors}
            onChange={(openDays) => patch({ openDays: openDays as OpenDays[] })}
          />
          <ClosedMessageField form={form} audio={audio} />
          <FormField id="hours-outside" label={t('hours.outside')} error={errors.get('hours.outside')}>
            {(props) => (
              <select
                {...props}
                value={hours.outside?.type ?? 'voicemail'}
                onChange={(event) => {
                  const type = event.currentTarget.value;
                  patch({ outside: type === 'forward' ? { type: 'forward', number: '' } : type === 'hangup' ? { type: 'hangup' } : { type: 'voicemail' } });
                }}
              >
                {(['voicemail', 'hangup', 'forward'] as const).map((type) => (
                  <option value={type} key={type}>
                    {t(`hours.outside.${type}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          {hours.outside?.type === 'forward' && (
            <FormField id="hours-forward" label={t('hours.forwardNumber')} help={t('hours.forwardNumber.help')} error={errors.get('hours.outside.number')}>
              {(props) => (
                <input {...props} type="tel" value={hours.outside?.type === 'forward' ? hours.outside.number : ''} onInput={(event) => patch({ outside: { type: 'forward', number: event.currentTarget.value } })} />
              )}
            </FormField>
          )}
        </>
      )}
      <label class="yb-check-option">
        <input
          type="checkbox"
          checked={draft.notifyVoicemail === true}
          onChange={(event) => form.update((current) => ({ ...current, notifyVoicemail: event.currentTarget.checked }))}
        />
        {t('hours.notifyVoicemail')}
      </label>
    </section>
  );
}

function RangesEditor({
  idPrefix,
  label,
  ranges,
  path,
  errors,
  onChange,
}: {
  idPrefix: string;
  label: string;
  ranges: readonly TimeRange[];
  path: string;
  errors: ReadonlyMap<string, string>;
  onChange: (ranges: TimeRange[]) => void;
}) {
  const set = (index: number, change: Partial<TimeRange>) => onChange(ranges.map((range, at) => (at === index ? { ...range, ...change } : range)));
  // Said of the list itself: a special open day with no hours left in it.
  const listError = errors.get(path);
  return (
    <div class={`yb-hours__day${listError ? ' yb-field--invalid' : ''}`} role="group" aria-label={label}>
      <span class="yb-hours__day-name">{label}</span>
      {ranges.length === 0 && !listError && <span class="yb-muted">{t('hours.closedDay')}</span>}
      {listError && (
        <span class="yb-field__error" id={`${idPrefix}-error`} role="alert">
          {listError}
        </span>
      )}
      {ranges.map((range, index) => {
        const error = errorForField(errors, `${path}[${index}]`);
        return (
          <span class={`yb-hours__range${error ? ' yb-field--invalid' : ''}`} key={index}>
            <input type="time" aria-label={`${label} ${t('hours.from')}`} value={range.from} onInput={(event) => set(index, { from: event.currentTarget.value })} />
            〜
            <input type="time" aria-label={`${label} ${t('hours.to')}`} value={range.to === '24:00' ? '23:59' : range.to} onInput={(event) => set(index, { to: event.currentTarget.value === '23:59' ? '24:00' : event.currentTarget.value })} />
            <button type="button" class="yb-icon-button" aria-label={t('hours.removeRange', { from: range.from, to: range.to })} onClick={() => onChange(ranges.filter((_, at) => at !== index))}>
              ✕
            </button>
            {error && (
              <span class="yb-field__error" id={`${idPrefix}-${index}-error`} role="alert">
                {error}
              </span>
            )}
          </span>
        );
      })}
      <button type="button" class="yb-link-button" onClick={() => onChange([...ranges, nextRange(ranges)])}>
        + {t('hours.addRange', { day: label })}
      </button>
    </div>
  );
}

function DatesEditor({
  kind,
  legend,
  help,
  list,
  errors,
  onChange,
}: {
  kind: 'closedDays' | 'openDays';
  legend: string;
  help: string;
  list: readonly (ClosedDays | OpenDays)[];
  errors: ReadonlyMap<string, string>;
  onChange: (list: (ClosedDays | OpenDays)[]) => void;
}) {
  const set = (index: number, change: Partial<OpenDays>) => onChange(list.map((entry, at) => (at === index ? { ...entry, ...change } : entry)));
  const fresh = (): ClosedDays | OpenDays => (kind === 'openDays' ? { from: '', to: '', label: '', ranges: [{ from: '10:00', to: '16:00' }] } : { from: '', to: '', label: '' });
  return (
    <FieldGroup id={`hours-${kind}`} legend={legend}>
      <p class="yb-field__help">{help}</p>
      {list.map((entry, index) => {
        const path = `hours.${kind}[${index}]`;
        const error = errorForField(errors, `${path}.from`) ?? errorForField(errors, `${path}.to`);
        return (
          <div class="yb-hours__dates" key={index}>
            <input type="date" aria-label={`${legend} ${t('hours.dateFrom')}`} value={entry.from} onInput={(event) => set(index, { from: event.currentTarget.value, to: entry.to || event.currentTarget.value })} />
            〜
            <input type="date" aria-label={`${legend} ${t('hours.dateTo')}`} value={entry.to} onInput={(event) => set(index, { to: event.currentTarget.value })} />
            <input type="text" aria-label={`${legend} ${t('hours.dateLabel')}`} placeholder={t('hours.dateLabel')} maxLength={100} value={entry.label} onInput={(event) => set(index, { label: event.currentTarget.value })} />
            <button type="button" class="yb-icon-button" aria-label={t('hours.removeDates', { label: entry.label || `${entry.from}〜${entry.to}` })} onClick={() => onChange(list.filter((_, at) => at !== index))}>
              ✕
            </button>
            {error && (
              <span class="yb-field__error" role="alert">
                {error}
              </span>
            )}
            {'ranges' in entry && (
              <RangesEditor idPrefix={`hours-${kind}-${index}`} label={entry.label || legend} ranges={entry.ranges} path={`${path}.ranges`} errors={errors} onChange={(ranges) => set(index, { ranges })} />
            )}
          </div>
        );
      })}
      <button type="button" class="yb-link-button" onClick={() => onChange([...list, fresh()])}>
        + {t('hours.addDates')}
      </button>
    </FieldGroup>
  );
}

/** Text in the number's language, an uploaded audio file, or an https URL, like the other messages. */
function ClosedMessageField({ form, audio }: { form: IncomingFormModel; audio?: AudioLibrary | undefined }) {
  const draft = form.draft.value;
  const errors = form.errors.value;
  const closed = draft.messages.closed;
  const type = closed?.type ?? 'text';
  const set = (prompt: Prompt | undefined) =>
    form.update((current) => {
      const { closed: _closed, ...messages } = current.messages;
      return { ...current, messages: prompt ? { ...messages, closed: prompt } : messages };
    });
  const error = errorForField(errors, 'messages.closed');
  // Counted in the limits of the number's voice, as its other messages.
  const counter = closed?.type === 'url' ? undefined : sayCountText(sayCount(closed?.type === 'text' ? closed.text : '', voiceOf(draft.voice)));
  return (
    <div class="yb-hours__closed-message">
      <FormField id="hours-closed-format" label={t('voice.format')}>
        {(props) => (
          <select {...props} value={type} onChange={(event) => set(event.currentTarget.value === 'text' ? undefined : event.currentTarget.value === 'audio' ? { type: 'audio', audioId: '' } : { type: 'url', url: '' })}>
            {(['text', 'audio', 'url'] as const).map((option) => (
              <option value={option} key={option}>
                {t(`voice.format.${option}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {closed?.type === 'audio' && audio ? (
        <AudioPromptField id="hours-closed" label={t('hours.closedMessage')} audioId={closed.audioId} error={error} library={audio} onChange={(audioId) => set(audioId ? { type: 'audio', audioId } : undefined)} />
      ) : (
        <FormField id="hours-closed" label={t('hours.closedMessage')} help={t('hours.closedMessage.help')} error={error} counter={counter}>
          {(props) =>
            closed?.type === 'url' ? (
              <input {...props} type="url" placeholder="https://" value={closed.url} onInput={(event) => set({ type: 'url', url: event.currentTarget.value })} />
            ) : (
              <textarea {...props} rows={2} value={closed?.type === 'text' ? closed.text : ''} onInput={(event) => set(event.currentTarget.value === '' ? undefined : { type: 'text', text: event.currentTarget.value })} />
            )
          }
        </FormField>
      )}
    </div>
  );
}

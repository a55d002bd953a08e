import type { CountryCode } from 'libphonenumber-js';
import { t } from '@/locales/i18n';
import { audioIdsIn, type IncomingFormModel } from '@/models/incoming-form-model';
import { newRingAction } from '@/models/ivr-tree';
import { RING_SECONDS, type Route } from '@/models/phone-config-types';
import { formatForDisplay } from '@/models/phone-number-format';
import { switchChoice } from '@/models/remembered-choices';
import { AudioLibraryList } from './audio-library-list';
import type { AudioLibrary } from './audio-prompt-field';
import { BusinessHoursFields } from './business-hours-fields';
import { FormField } from './form-field';
import { IvrBuilder, type BuilderPreview } from './ivr-builder';
import { HoldMusicField } from './hold-music-field';
import { RingFields, type UserOption } from './ring-fields';
import { VoiceSettings } from './voice-settings';
import { VoicemailLengthField } from './voicemail-length-field';

/** The other way of handling calls: the one built earlier in this form if any (the menu tree, the reps), else a new one. */
function routeOfType(type: Route['type'], current: Route): Route {
  if (current.type === type) return current;
  return switchChoice(current, { from: current.type, kept: current, to: type }, (remembered): Route => {
    if (remembered) return remembered;
    if (type === 'ivr') return { type: 'ivr', menu: [{ key: 1, label: '', action: newRingAction() }] };
    return { type: 'ring', users: [], strategy: 'sequential', ringSeconds: RING_SECONDS.default, cycles: 1 };
  });
}

/** One incoming number: label, routing (IVR tree or reps), voice, recording. Save keeps the form on failure. */
export function IncomingNumberForm({
  form,
  users,
  audio,
  preview,
  country = 'JP',
  onDone,
}: {
  form: IncomingFormModel;
  /** The org's country (settings.defaultCountry): the number shows in national format, as the server words it. */
  country?: CountryCode | undefined;
  users: readonly UserOption[];
  audio?: AudioLibrary | undefined;
  /** The saved number's call preview, beside the IVR tree. */
  preview?: Omit<BuilderPreview, 'available'> | undefined;
  onDone: (saved: boolean) => void;
}) {
  const draft = form.draft.value;
  const errors = form.errors.value;
  const submit = async (event: Event) => {
    event.preventDefault();
    if (await form.submit()) onDone(true);
  };
  return (
    <form class="yb-form yb-incoming-form" onSubmit={submit} noValidate>
      <h3 class="yb-heading">{formatForDisplay(draft.number, country)}</h3>
      {(form.serverMessage.value || form.heldBack.value) && (
        <p class="yb-alert yb-alert--error" role="alert">
          {errors.size > 0 || !form.serverMessage.value ? t('error.validation') : form.serverMessage.value}
        </p>
      )}
      <div class="yb-row">
        <FormField id="incoming-label" label={t('incoming.label')} error={errors.get('label')}>
          {(props) => (
            <input {...props} type="text" value={draft.label} onInput={(event) => form.update((d) => ({ ...d, label: event.currentTarget.value }))} />
          )}
        </FormField>
        <label class="yb-check-option">
          <input type="checkbox" checked={draft.enabled} onChange={(event) => form.update((d) => ({ ...d, enabled: event.currentTarget.checked }))} />
          {t('incoming.enabled')}
        </label>
        <label class="yb-check-option">
          <input type="checkbox" checked={draft.record} onChange={(event) => form.update((d) => ({ ...d, record: event.currentTarget.checked }))} />
          {t('incoming.record')}
        </label>
      </div>
      <FormField id="incoming-routing" label={t('incoming.routing')} error={errors.get('route')}>
        {(props) => (
          <select
            {...props}
            value={draft.route.type}
            onChange={(event) => form.update((d) => ({ ...d, route: routeOfType(event.currentTarget.value === 'ivr' ? 'ivr' : 'ring', d.route) }))}
          >
            <option value="ivr">{t('incoming.routing.ivr')}</option>
            <option value="ring">{t('incoming.routing.ring')}</option>
          </select>
        )}
      </FormField>
      {draft.route.type === 'ivr' && draft.hours && (
        <label class="yb-check-option">
          <input
            type="checkbox"
            checked={draft.route.availability === 'always'}
            onChange={(event) =>
              form.update((d) => (d.route.type === 'ivr' ? { ...d, route: { ...d.route, availability: event.currentTarget.checked ? 'always' : 'in-hours' } } : d))
            }
          />
          {t('hours.menuAlways')}
        </label>
      )}
      {draft.route.type === 'ivr' ? (
        <IvrBuilder form={form} users={users} preview={preview && { country, ...preview, available: !form.dirty.value }} />
      ) : (
        <RingFields
          idPrefix="direct"
          path="route"
          value={draft.route}
          users={users}
          errors={errors}
          onChange={(route) => form.update((d) => ({ ...d, route }))}
        />
      )}
      <FormField id="incoming-owner" label={t('incoming.owner')} error={errors.get('owner')} help={t('incoming.owner.help')}>
        {(props) => (
          <select
            {...props}
            value={draft.owner ?? ''}
            onChange={(event) => {
              const owner = event.currentTarget.value;
              form.update(({ owner: _previous, ...d }) => (owner ? { ...d, owner } : d));
            }}
          >
            <option value="">{t('incoming.owner.firstRung')}</option>
            {users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <VoicemailLengthField form={form} />
      <VoiceSettings form={form} audio={audio} />
      <HoldMusicField id="incoming-hold-music" value={draft.holdMusic ?? { type: 'default' }} help={t('holdMusic.incoming.help')} library={audio} error={errors.get('holdMusic.audioId') ?? errors.get('holdMusic')} onChange={(holdMusic) => form.update((d) => ({ ...d, holdMusic }))} />
      <BusinessHoursFields form={form} audio={audio} />
      {audio && <AudioLibraryList library={audio} chosen={audioIdsIn(draft)} />}
      <div class="yb-actions">
        <button type="submit" class="yb-button yb-button--primary" disabled={form.saving.value}>
          {form.saving.value ? t('common.saving') : t('common.save')}
        </button>
        <button
          type="button"
          class="yb-button"
          onClick={() => {
            if (!form.dirty.value || globalThis.confirm(t('common.unsavedChanges'))) onDone(false);
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

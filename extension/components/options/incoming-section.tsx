import { useEffect, useMemo, useState } from 'preact/hooks';
import { t, uiLanguage } from '@/locales/i18n';
import type { AdminApi, AudioFile, OwnedNumber } from '@/models/admin-api';
import { apiErrorText } from '@/locales/api-error-text';
import { ApiError } from '@/models/api-error';
import { createIncomingFormModel } from '@/models/incoming-form-model';
import { newRingAction } from '@/models/ivr-tree';
import type { IncomingNumber } from '@/models/phone-config-types';
import { formatForDisplay } from '@/models/phone-number-format';
import type { UnsavedChanges } from '@/models/unsaved-changes';
import { Icon } from '../icon';
import type { AudioLibrary } from './audio-prompt-field';
import { FormField } from './form-field';
import { HoursSettingsPanel } from './hours-settings-panel';
import { IncomingNumberForm } from './incoming-number-form';
import { useOrgCountry } from './org-settings';
import { PreviewPanel } from './preview-panel';
import type { UserOption } from './ring-fields';
import { TakeOverQuestion } from './take-over-question';
import { takeOverText } from './take-over-text';
import { messageOf, useAsync } from './use-async';

export function newIncomingNumber(number: string, label = ''): IncomingNumber {
  return {
    number,
    label,
    enabled: true,
    record: false,
    voice: { language: 'ja-JP' },
    messages: {},
    route: { type: 'ivr', menu: [{ key: 1, label: '', action: newRingAction() }] },
    holdMusic: { type: 'default' },
  };
}

/**
 * A new number carries the Twilio number it comes from: saving points that number at this server.
 * `previewing`: opened with its call preview beside the IVR tree.
 */
type Editing = { number: IncomingNumber; isNew: boolean; twilioSid?: string; previewing?: boolean } | null;
/**
 * Saved, but Twilio does not send its calls here yet: either the number answers elsewhere (the
 * server's 409 number_in_use, waiting for the admin's go-ahead: `takeOver`), or Twilio failed to
 * point it here (a 201 carrying Twilio's problem: the admin tries again).
 */
type TakeOver = { sid: string; number: string; warning: ApiError; takeOver: boolean };

/** Twilio's problem beside a saved number (`twilio: { status, error }` of POST /api/incoming), or null when it connected. */
function connectProblem(twilio: unknown): ApiError | null {
  if (typeof twilio !== 'object' || twilio === null || !('error' in twilio)) return null;
  const status = 'status' in twilio && typeof twilio.status === 'number' ? twilio.status : 502;
  return ApiError.fromBody(status, twilio);
}

/** Step 2: the incoming numbers, adding one of the account's numbers, each number's routing, and its preview. */
export function IncomingSection({
  api,
  users,
  unsaved,
  onChanged,
}: {
  api: AdminApi;
  users: readonly UserOption[];
  unsaved: UnsavedChanges;
  onChanged?: () => void;
}) {
  const list = useAsync(() => api.listIncoming(), [api]);
  const audioFiles = useAsync(() => api.listAudio().catch((): AudioFile[] => []), [api]);
  const country = useOrgCountry();
  const display = (number: string) => formatForDisplay(number, country);
  const [owned, setOwned] = useState<OwnedNumber[] | null>(null);
  const [pick, setPick] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [previewing, setPreviewing] = useState<IncomingNumber | null>(null);
  const [takeOver, setTakeOver] = useState<TakeOver | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const [deletedAudio, setDeletedAudio] = useState<ReadonlySet<string>>(new Set());
  const audio: AudioLibrary = {
    files: audioFiles.data ?? [],
    deleted: deletedAudio,
    upload: async (file) => {
      const stored = await api.uploadAudio(file);
      audioFiles.setData([stored, ...(audioFiles.data ?? [])]);
      return stored;
    },
    remove: async (file) => {
      await api.deleteAudio(file.id);
      audioFiles.setData((files) => (files ?? []).filter((stored) => stored.id !== file.id));
      setDeletedAudio((ids) => new Set([...ids, file.id]));
    },
  };

  const form = useMemo(() => {
    if (!editing) return null;
    const { twilioSid, isNew } = editing;
    const save = async (draft: IncomingNumber): Promise<IncomingNumber> => {
      if (!isNew) return api.saveIncoming(draft);
      if (!twilioSid) return api.addIncoming(draft);
      try {
        const { twilio, ...saved } = await api.addIncoming(draft, { twilioSid, confirm: false });
        // The number is saved; Twilio failed to point it here: said, with a button to try again.
        const problem = connectProblem(twilio);
        if (problem) setTakeOver({ sid: twilioSid, number: saved.number, warning: problem, takeOver: false });
        return saved;
      } catch (caught) {
        // The number is saved; only pointing the Twilio number here waits for the admin's confirmation.
        if (!(caught instanceof ApiError) || caught.code !== 'number_in_use') throw caught;
        setTakeOver({ sid: twilioSid, number: draft.number, warning: caught, takeOver: true });
        return draft;
      }
    };
    return createIncomingFormModel(editing.number, save);
  }, [editing, api]);
  const dirty = form?.dirty.value ?? false;
  useEffect(() => unsaved.set('incoming', dirty), [dirty, unsaved]);

  const attempt = async (action: () => Promise<unknown>) => {
    setFailure(null);
    setNotice(null);
    try {
      await action();
      return true;
    } catch (caught) {
      setFailure(caught);
      return false;
    }
  };
  const startAdd = () => attempt(async () => setOwned(await api.listOwnedNumbers()));
  const confirmTakeOver = (current: TakeOver) =>
    attempt(async () => {
      try {
        await api.connectNumber(current.sid, current.takeOver);
      } catch (caught) {
        // Trying again found the number answering elsewhere: the admin decides, as when adding it.
        if (!(caught instanceof ApiError) || caught.code !== 'number_in_use' || current.takeOver) throw caught;
        setTakeOver({ ...current, warning: caught, takeOver: true });
        return;
      }
      setTakeOver(null);
      setNotice(t('incoming.connected', { number: display(current.number) }));
    });
  const remove = (item: IncomingNumber) =>
    attempt(async () => {
      if (!globalThis.confirm(t('incoming.deleteConfirm', { number: display(item.number) }))) return;
      await api.deleteIncoming(item.number);
      if (previewing?.number === item.number) setPreviewing(null);
      setNotice(t('incoming.deleted', { number: display(item.number) }));
      void list.reload();
    });

  const configured = new Set((list.data ?? []).map((item) => item.number));
  const choice = owned?.find((number) => number.phoneNumber === pick);
  const lang = uiLanguage.value;

  if (form && editing) {
    return (
      <IncomingNumberForm
        form={form}
        users={users}
        audio={audio}
        country={country}
        preview={editing.isNew ? undefined : { api, number: editing.number.number, language: editing.number.voice.language, open: editing.previewing ?? false }}
        onDone={(saved) => {
          unsaved.set('incoming', false);
          setEditing(null);
          setOwned(null);
          setPick('');
          if (saved) {
            setNotice(t('incoming.saved', { number: display(editing.number.number) }));
            onChanged?.();
          }
          void list.reload();
        }}
      />
    );
  }

  return (
    <section aria-labelledby="incoming-title" aria-busy={list.loading}>
      <h2 id="incoming-title" class="yb-heading">
        {t('tab.incoming')}
      </h2>
      {(list.error || failure !== null) && <p class="yb-alert yb-alert--error" role="alert">{list.error ?? messageOf(failure)}</p>}
      {notice && <p class="yb-alert" role="status">{notice}</p>}
      {takeOver && (
        <TakeOverQuestion
          id="takeover-text"
          question={
            takeOver.takeOver
              ? takeOverText(takeOver.warning, lang)
              : t('incoming.connectFailed', { number: display(takeOver.number), reason: apiErrorText(lang, takeOver.warning) })
          }
          confirmLabel={takeOver.takeOver ? undefined : t('incoming.connectAgain')}
          onConfirm={() => void confirmTakeOver(takeOver)}
          onDismiss={() => setTakeOver(null)}
        />
      )}
      {list.data?.length === 0 && <p class="yb-muted">{t('incoming.empty')}</p>}
      <ul class="yb-number-list">
        {(list.data ?? []).map((item) => {
          const shown = display(item.number);
          return (
            <li key={item.number} class="yb-number-row" data-number={item.number}>
              <strong class="yb-number-row__number">{shown}</strong>
              <span class="yb-number-row__about">
                <span>{item.label}</span>
                <span class="yb-tag">{t(item.route.type === 'ivr' ? 'incoming.routing.ivr' : 'incoming.routing.ring')}</span>
                {!item.enabled && <span class="yb-tag">{t('users.inactive')}</span>}
              </span>
              <span class="yb-actions">
                <button
                  type="button"
                  class="yb-button"
                  aria-label={t('incoming.preview', { number: shown })}
                  onClick={() => (item.route.type === 'ivr' ? setEditing({ number: item, isNew: false, previewing: true }) : setPreviewing(item))}
                >
                  <Icon name="speaker" /> {t('incoming.previewShort')}
                </button>
                <button type="button" class="yb-button" aria-label={t('incoming.edit', { number: shown })} onClick={() => setEditing({ number: item, isNew: false })}>
                  {t('common.edit')}
                </button>
                <button type="button" class="yb-button yb-button--danger" aria-label={t('incoming.delete', { number: shown })} onClick={() => void remove(item)}>
                  {t('common.delete')}
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      {previewing && (
        <PreviewPanel key={previewing.number} api={api} number={previewing.number} language={previewing.voice.language} country={country} onClose={() => setPreviewing(null)} />
      )}
      {owned === null ? (
        <button type="button" class="yb-button yb-button--primary" onClick={() => void startAdd()}>
          + {t('incoming.add')}
        </button>
      ) : (
        <form
          class="yb-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (choice) setEditing({ number: newIncomingNumber(choice.phoneNumber, choice.friendlyName), isNew: true, twilioSid: choice.sid });
          }}
        >
          <FormField
            id="incoming-pick"
            label={t('incoming.pick')}
            help={choice?.inUseElsewhere && choice.usedBy ? t('incoming.inUse', { use: choice.usedBy.message[lang] }) : undefined}
          >
            {(props) => (
              <select {...props} value={pick} onChange={(event) => setPick(event.currentTarget.value)}>
                <option value="">{t('incoming.pick.none')}</option>
                {owned
                  .filter((number) => !configured.has(number.phoneNumber))
                  .map((number) => (
                    <option value={number.phoneNumber} key={number.sid}>
                      {display(number.phoneNumber)} {number.friendlyName}
                      {number.usedBy ? ` — ${number.usedBy.message[lang]}` : ` — ${t('incoming.unused')}`}
                    </option>
                  ))}
              </select>
            )}
          </FormField>
          {owned.length === 0 && <p class="yb-muted">{t('incoming.noOwned')}</p>}
          <div class="yb-actions">
            <button type="submit" class="yb-button yb-button--primary" disabled={!choice}>
              {t('common.add')}
            </button>
            <button type="button" class="yb-button" onClick={() => setOwned(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      <HoursSettingsPanel api={api} />
    </section>
  );
}

import { useEffect, useMemo, useState } from 'preact/hooks';
import { t, uiLanguage } from '@/locales/i18n';
import type { AdminApi, OwnedNumber } from '@/models/admin-api';
import { createIncomingFormModel } from '@/models/incoming-form-model';
import { newRingAction } from '@/models/ivr-tree';
import type { IncomingNumber } from '@/models/phone-config-types';
import { formatForDisplay } from '@/models/phone-number-format';
import type { UnsavedChanges } from '@/models/unsaved-changes';
import { FormField } from './form-field';
import { IncomingNumberForm } from './incoming-number-form';
import type { UserOption } from './ring-fields';
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
  };
}

type Editing = { number: IncomingNumber; isNew: boolean } | null;

/** Step 2: the incoming numbers, adding one of the account's numbers, and each number's routing. */
export function IncomingSection({ api, users, unsaved }: { api: AdminApi; users: readonly UserOption[]; unsaved: UnsavedChanges }) {
  const list = useAsync(() => api.listIncoming(), [api]);
  const [owned, setOwned] = useState<OwnedNumber[] | null>(null);
  const [pick, setPick] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<string | null>(null);

  const form = useMemo(() => {
    if (!editing) return null;
    const save = editing.isNew ? api.addIncoming : api.saveIncoming;
    return createIncomingFormModel(editing.number, (draft) => save(draft));
  }, [editing, api]);
  const dirty = form?.dirty.value ?? false;
  useEffect(() => unsaved.set('incoming', dirty), [dirty, unsaved]);

  const startAdd = async () => {
    setError(null);
    try {
      setOwned(await api.listOwnedNumbers());
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  const configured = new Set((list.data ?? []).map((item) => item.number));
  const choice = owned?.find((number) => number.phoneNumber === pick);

  if (form && editing) {
    return (
      <IncomingNumberForm
        form={form}
        users={users}
        onDone={() => {
          unsaved.set('incoming', false);
          setEditing(null);
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
      {(list.error || error) && <p class="yb-alert yb-alert--error" role="alert">{list.error ?? error}</p>}
      {list.data?.length === 0 && <p class="yb-muted">{t('incoming.empty')}</p>}
      <ul class="yb-list">
        {(list.data ?? []).map((item) => (
          <li key={item.number} class="yb-row">
            <strong>{formatForDisplay(item.number)}</strong>
            <span>{item.label}</span>
            <span class="yb-tag">{t(item.route.type === 'ivr' ? 'incoming.routing.ivr' : 'incoming.routing.ring')}</span>
            {!item.enabled && <span class="yb-tag">{t('users.inactive')}</span>}
            <button type="button" class="yb-button" onClick={() => setEditing({ number: item, isNew: false })}>
              {t('incoming.edit', { number: formatForDisplay(item.number) })}
            </button>
            <button
              type="button"
              class="yb-button yb-icon-button--danger"
              onClick={async () => {
                if (!globalThis.confirm(t('incoming.deleteConfirm', { number: formatForDisplay(item.number) }))) return;
                try {
                  await api.deleteIncoming(item.number);
                  void list.reload();
                } catch (failure) {
                  setError(messageOf(failure));
                }
              }}
            >
              {t('incoming.delete', { number: formatForDisplay(item.number) })}
            </button>
          </li>
        ))}
      </ul>
      {owned === null ? (
        <button type="button" class="yb-button yb-button--primary" onClick={() => void startAdd()}>
          + {t('incoming.add')}
        </button>
      ) : (
        <form
          class="yb-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (choice) setEditing({ number: newIncomingNumber(choice.phoneNumber, choice.friendlyName), isNew: true });
          }}
        >
          <FormField
            id="incoming-pick"
            label={t('incoming.pick')}
            help={choice?.inUseElsewhere && choice.usedBy ? t('incoming.inUse', { use: choice.usedBy.message[uiLanguage.value] }) : undefined}
          >
            {(props) => (
              <select {...props} value={pick} onChange={(event) => setPick(event.currentTarget.value)}>
                <option value="">{t('incoming.pick.none')}</option>
                {owned
                  .filter((number) => !configured.has(number.phoneNumber))
                  .map((number) => (
                    <option value={number.phoneNumber} key={number.sid}>
                      {formatForDisplay(number.phoneNumber)} {number.friendlyName}
                      {number.inUseElsewhere ? ' ⚠' : ''}
                    </option>
                  ))}
              </select>
            )}
          </FormField>
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
    </section>
  );
}

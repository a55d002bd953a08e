import { useEffect, useId, useRef } from 'preact/hooks';
import { t } from '@/locales/i18n';
import type { TransferPickerModel } from '@/models/transfer-picker-model';
import { TRANSFER_NOTE_MAX_LENGTH } from '../../../server/voice/call-parameters';
import { NumberField } from '../number-field';

/**
 * Who to transfer to (or add): a colleague from the list (online and free first; busy and offline ones
 * greyed out and not choosable), searched by name, or a number typed as in the dialer. A transfer
 * also asks how (blind, or consult first) and takes an optional note for the colleague.
 */
export function TransferPicker({
  picker,
  purpose,
  busy,
  onSubmit,
  onClose,
}: {
  picker: TransferPickerModel;
  purpose: 'transfer' | 'add';
  busy: boolean;
  onSubmit: () => void;
  onClose: () => void;
}) {
  const id = useId();
  const search = useRef<HTMLInputElement>(null);
  // Opened by a button or the transfer shortcut: the keyboard goes straight to the search field.
  useEffect(() => search.current?.focus(), []);
  const title = purpose === 'transfer' ? t('picker.transferTitle') : t('picker.addTitle');
  const kind = picker.kind.value;
  const colleagues = picker.colleagues.value;
  const invalidNumber = picker.number.invalid.value;
  const submitLabel = purpose === 'add' ? t('add.submit') : picker.mode.value === 'blind' ? t('transfer.submit.blind') : t('transfer.submit.warm');
  const submit = (event?: Event) => {
    event?.preventDefault();
    if (!busy && picker.target.value) onSubmit();
  };
  return (
    <form class="yb-picker" aria-labelledby={`${id}-title`} onSubmit={submit} onKeyDown={(event) => event.key === 'Escape' && onClose()} noValidate>
      <h3 class="yb-picker__title" id={`${id}-title`}>
        {title}
      </h3>
      <fieldset class="yb-picker__choice">
        <legend class="yb-visually-hidden">{t('picker.to')}</legend>
        <label class="yb-check-option">
          <input type="radio" name={`${id}-kind`} checked={kind === 'colleague'} onChange={() => (picker.kind.value = 'colleague')} />
          {t('picker.colleague')}
        </label>
        <label class="yb-check-option">
          <input type="radio" name={`${id}-kind`} checked={kind === 'number'} onChange={() => (picker.kind.value = 'number')} />
          {t('picker.number')}
        </label>
      </fieldset>

      {kind === 'colleague' ? (
        <>
          <div class="yb-field">
            <label for={`${id}-search`}>{t('picker.search')}</label>
            <input ref={search} id={`${id}-search`} type="search" autoComplete="off" value={picker.query.value} onInput={(event) => picker.search(event.currentTarget.value)} />
          </div>
          <fieldset class="yb-picker__list" aria-busy={picker.loading.value}>
            <legend class="yb-visually-hidden">{t('picker.colleagues')}</legend>
            {picker.failed.value && (
              <p class="yb-alert yb-alert--error" role="alert">
                {t('picker.loadFailed')}{' '}
                <button type="button" class="yb-link-button" onClick={() => void picker.load()}>
                  {t('common.retry')}
                </button>
              </p>
            )}
            {colleagues.map((colleague) => (
              <label key={colleague.id} class={`yb-colleague${colleague.available ? '' : ' yb-colleague--unavailable'}`}>
                <input
                  type="radio"
                  name={`${id}-colleague`}
                  value={colleague.id}
                  disabled={!colleague.available}
                  checked={picker.selected.value === colleague.id}
                  onChange={() => picker.choose(colleague.id)}
                />
                <span class="yb-colleague__name">{colleague.name}</span>
                <span class={`yb-tag yb-colleague__status yb-colleague__status--${colleague.status}`}>{t(`colleague.${colleague.status}`)}</span>
              </label>
            ))}
            {!picker.loading.value && !picker.failed.value && colleagues.length === 0 && <p class="yb-muted">{t('picker.none')}</p>}
            {picker.loading.value && colleagues.length === 0 && <p class="yb-muted">{t('common.loading')}</p>}
          </fieldset>
        </>
      ) : (
        <NumberField display={picker.number.display.value} onInput={picker.number.setInput} onSubmit={submit} invalid={invalidNumber} />
      )}

      {purpose === 'transfer' && (
        <fieldset class="yb-picker__choice">
          <legend>{t('transfer.mode')}</legend>
          <label class="yb-check-option">
            <input type="radio" name={`${id}-mode`} checked={picker.mode.value === 'warm'} onChange={() => (picker.mode.value = 'warm')} />
            {t('transfer.warm')}
          </label>
          <label class="yb-check-option">
            <input type="radio" name={`${id}-mode`} checked={picker.mode.value === 'blind'} onChange={() => (picker.mode.value = 'blind')} />
            {t('transfer.blind')}
          </label>
        </fieldset>
      )}
      {purpose === 'transfer' && kind === 'colleague' && (
        <div class="yb-field">
          <label for={`${id}-note`}>{t('transfer.note')}</label>
          <textarea id={`${id}-note`} rows={2} maxLength={TRANSFER_NOTE_MAX_LENGTH} value={picker.note.value} onInput={(event) => (picker.note.value = event.currentTarget.value)} />
        </div>
      )}
      <div class="yb-actions">
        <button type="submit" class="yb-button yb-button--primary" disabled={busy || !picker.target.value}>
          {submitLabel}
        </button>
        <button type="button" class="yb-button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

import { useEffect, useId, useLayoutEffect } from 'preact/hooks';
import { t, uiLanguage } from '@/locales/i18n';
import { formatNumber } from '@/models/analytics-format';
import { DISPOSITIONS, type Disposition } from '@/models/call-log-entry';
import { NOTE_MAX_LENGTH, type WrapUpModel } from '@/models/wrap-up-model';

/** The count shows from here on, so the rep sees the limit coming rather than hitting it. */
const NOTE_COUNT_FROM = NOTE_MAX_LENGTH - 500;

/**
 * After the call: a note and an outcome, saved to the call log. A failed save keeps the text.
 * Save always goes to the model, even without a sid: it says why when the note cannot be saved.
 * What is typed is kept as a draft of this call: the popup closes whenever it loses focus.
 * A call that turned out to be someone else's (a supervisor took it over: the background found out, or
 * the server refused the save) says who writes its notes; the outcome is theirs to choose, and what the
 * rep wrote can be kept in the call's history as the rep's, or closed away knowingly.
 */
export function WrapUpForm({
  model,
  callSid,
  takenOver = null,
  inherited = null,
  onDone,
}: {
  model: WrapUpModel;
  callSid: string | null;
  /** The background's word that the call is someone else's (phone/call-state.ts `takenOver`). */
  takenOver?: { by: string | null } | null;
  /**
   * A call the user took over (phone/call-state.ts `inherited`), whose form may open long after it
   * ended: `caller` (the record's name, else the number) says which call it is.
   */
  inherited?: { caller: string } | null;
  onDone: () => void;
}) {
  const id = useId();
  // A layout effect, as the panel's `forCall`: the draft read back is the one of the call shown.
  useLayoutEffect(() => {
    model.forCallSid(callSid);
  }, [model, callSid]);
  // The popup is about to die (the rep clicked outside it): store the draft now, not after the debounce.
  useEffect(() => {
    const keep = () => model.keepDraft();
    const keepIfHidden = () => {
      if (document.visibilityState === 'hidden') model.keepDraft();
    };
    window.addEventListener('pagehide', keep);
    document.addEventListener('visibilitychange', keepIfHidden);
    return () => {
      window.removeEventListener('pagehide', keep);
      document.removeEventListener('visibilitychange', keepIfHidden);
      model.keepDraft();
    };
  }, [model]);
  const noteLength = model.note.value.length;
  const notYours = takenOver ?? model.takenOver.value;
  const save = async (event: Event) => {
    event.preventDefault();
    if (notYours) {
      if (await model.keepInHistory(callSid)) onDone();
      return;
    }
    if (await model.save(callSid)) onDone();
  };
  const canKeep = model.canKeep && model.note.value.trim() !== '';
  return (
    // noValidate: a note over the limit (set before maxLength could stop it) gets the model's worded
    // refusal, not a silent blocked submit or the browser's bubble.
    <form class="yb-wrap-up" onSubmit={save} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="yb-heading">
        {t('wrapUp.title')}
      </h2>
      {inherited && <p class="yb-muted">{t('wrapUp.inherited', { caller: inherited.caller })}</p>}
      {notYours && (
        <div class="yb-alert" role="status">
          <p>{notYours.by ? t('wrapUp.takenOver', { owner: notYours.by }) : t('wrapUp.takenOverUnnamed')}</p>
          {canKeep && <p>{t('wrapUp.keepHint')}</p>}
        </div>
      )}
      {!notYours && (
        <div class="yb-field">
          <label for={`${id}-disposition`}>{t('wrapUp.disposition')}</label>
          <select
            id={`${id}-disposition`}
            value={model.disposition.value}
            onChange={(event) => model.edit({ disposition: event.currentTarget.value as Disposition | '' })}
          >
            <option value="">{t('wrapUp.chooseDisposition')}</option>
            {DISPOSITIONS.map((disposition) => (
              <option value={disposition} key={disposition}>
                {t(`disposition.${disposition}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="yb-field">
        <label for={`${id}-note`}>{t('wrapUp.note')}</label>
        <textarea
          id={`${id}-note`}
          rows={3}
          maxLength={NOTE_MAX_LENGTH}
          aria-describedby={noteLength >= NOTE_COUNT_FROM ? `${id}-note-count` : undefined}
          value={model.note.value}
          onInput={(event) => model.edit({ note: event.currentTarget.value })}
        />
        {noteLength >= NOTE_COUNT_FROM && (
          <p id={`${id}-note-count`} class="yb-muted" aria-live="polite">
            {t('wrapUp.noteCount', { count: formatNumber(noteLength, uiLanguage.value), max: formatNumber(NOTE_MAX_LENGTH, uiLanguage.value) })}
          </p>
        )}
      </div>
      {model.error.value && (
        <p class="yb-alert yb-alert--error" role="alert">
          {t('wrapUp.failed', { message: model.error.value })}
        </p>
      )}
      <div class="yb-actions">
        {notYours ? (
          canKeep && (
            <button type="submit" class="yb-button yb-button--primary" disabled={model.saving.value}>
              {model.saving.value ? t('common.saving') : t('wrapUp.keepInHistory')}
            </button>
          )
        ) : (
          <button type="submit" class="yb-button yb-button--primary" disabled={model.saving.value}>
            {model.saving.value ? t('common.saving') : t('common.save')}
          </button>
        )}
        <button type="button" class="yb-button" onClick={onDone} disabled={model.saving.value}>
          {notYours ? t('wrapUp.close') : t('wrapUp.skip')}
        </button>
      </div>
    </form>
  );
}

import { t } from '@/locales/i18n';
import type { ChecklistModel } from '@/models/checklist-model';

/**
 * "Why can't I call?": each link in turn, the first broken one highlighted with its cause, what fixes it,
 * and a button for the fix when it can be done from here (going online). Its title is the disclosure's
 * summary that opens it (`yb-checklist-title`), not a second heading.
 */
export function Checklist({ model, onGoOnline }: { model: ChecklistModel; onGoOnline?: () => void }) {
  const broken = model.broken.value;
  return (
    <section class="yb-checklist" aria-labelledby="yb-checklist-title" aria-busy={model.running.value}>
      <div class="yb-checklist__head">
        <button type="button" class="yb-button" onClick={() => void model.run()} disabled={model.running.value}>
          {model.running.value ? t('checklist.running') : t('checklist.run')}
        </button>
      </div>
      {model.ran.value && (
        <p class={broken ? 'yb-alert yb-alert--error' : 'yb-alert yb-alert--ok'} role="status">
          {broken ? t('checklist.broken', { name: t(`check.${broken}`) }) : t('checklist.allGood')}
        </p>
      )}
      <ol class="yb-checklist__list">
        {model.results.value.map((result) => {
          const state = result.ok === true ? 'ok' : result.ok === false ? 'failed' : 'notChecked';
          const isBroken = result.id === broken;
          return (
            <li
              key={result.id}
              class={`yb-check yb-check--${state}${isBroken ? ' yb-check--first-broken' : ''}`}
              data-check={result.id}
              aria-current={isBroken ? 'step' : undefined}
            >
              <span class="yb-check__icon" aria-hidden="true">
                {state === 'ok' ? '✓' : state === 'failed' ? '✗' : '–'}
              </span>
              <span class="yb-check__name">{t(`check.${result.id}`)}</span>
              <span class="yb-check__state">{t(`checklist.${state}`)}</span>
              {isBroken && (
                <p class="yb-check__fix">
                  {t(result.fix ?? `check.${result.id}.fix`)}
                  {result.detail && <small class="yb-muted"> ({result.detail})</small>}
                  {result.id === 'online' && onGoOnline && (
                    <button type="button" class="yb-button yb-button--primary yb-check__action" onClick={onGoOnline}>
                      {t('availability.goOnline')}
                    </button>
                  )}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

import { t } from '@/locales/i18n';
import type { SaveState } from './use-setting-save';

/** The save button of a setting saved on its own (use-setting-save.ts), and "Saved" until the next edit. */
export function SettingSaveActions({ state, dirty, incomplete }: { state: SaveState; dirty: boolean; incomplete: boolean }) {
  return (
    <div class="yb-actions">
      <button type="submit" class="yb-button yb-button--primary" disabled={!dirty || incomplete || state === 'saving'}>
        {state === 'saving' ? t('common.saving') : t('common.save')}
      </button>
      {state === 'saved' && !dirty && <span role="status">{t('common.saved')}</span>}
    </div>
  );
}

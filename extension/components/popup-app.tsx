import { t } from '@/locales/i18n';
import { PhonePanel, type PhonePanelModels } from './phone-panel';

/** The toolbar popup: the phone when signed in, a way to the settings page when not. */
export function PopupApp({
  signedIn,
  models,
  onOpenSettings,
}: {
  signedIn: boolean;
  models: PhonePanelModels;
  onOpenSettings: () => void;
}) {
  return (
    <main class="yb-root yb-popup">
      <header class="yb-popup__header">
        <h1 class="yb-title">{t('app.name')}</h1>
        <button type="button" class="yb-link-button" onClick={onOpenSettings}>
          {t('popup.openSettings')}
        </button>
      </header>
      {signedIn ? (
        <PhonePanel models={models} />
      ) : (
        <p class="yb-alert">
          {t('popup.signedOut')}{' '}
          <button type="button" class="yb-link-button" onClick={onOpenSettings}>
            {t('popup.openSettings')}
          </button>
        </p>
      )}
    </main>
  );
}

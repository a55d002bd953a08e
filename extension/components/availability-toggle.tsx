import { t } from '@/locales/i18n';

/** Online/offline switch: a real button with `role="switch"`, so Space and Enter work. */
export function AvailabilityToggle({
  available,
  onChange,
  disabled = false,
}: {
  available: boolean;
  onChange: (available: boolean) => void;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      role="switch"
      class="yb-switch"
      aria-checked={available}
      disabled={disabled}
      onClick={() => onChange(!available)}
    >
      <span class="yb-switch__track" aria-hidden="true">
        <span class="yb-switch__thumb" />
      </span>
      <span class="yb-switch__label">{t('availability.label')}</span>
      <span class="yb-switch__state">{available ? t('availability.online') : t('availability.offline')}</span>
    </button>
  );
}

import { t } from '@/locales/i18n';

/**
 * The online switch: a real button with `role="switch"`, so Space and Enter work. Its state is the
 * switch itself (aria-checked); the status line beside it says in words what the phone is doing, so the
 * word "Offline" appears once.
 */
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
      // aria-disabled, not disabled: a disabled button drops the keyboard focus, and the rep who just
      // pressed Space on it would have to find the switch again.
      aria-disabled={disabled}
      onClick={() => {
        if (!disabled) onChange(!available);
      }}
    >
      <span class="yb-switch__track" aria-hidden="true">
        <span class="yb-switch__thumb" />
      </span>
      <span class="yb-switch__label">{t('availability.online')}</span>
    </button>
  );
}

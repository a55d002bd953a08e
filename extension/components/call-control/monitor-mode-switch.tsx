import { MONITOR_MODES_VIEW, type MonitorModeView } from '@/call-control/live-call-view';
import { t } from '@/locales/i18n';

/**
 * Listen / Whisper / Barge as one group of toggle buttons, the current mode pressed. Choosing the mode
 * already on does nothing; another one is `onChoose`.
 */
export function MonitorModeSwitch({
  mode,
  label,
  disabled,
  onChoose,
}: {
  mode: MonitorModeView | null;
  label: string;
  disabled: boolean;
  onChoose: (mode: MonitorModeView) => void;
}) {
  return (
    <div class="yb-segmented" role="group" aria-label={label}>
      {MONITOR_MODES_VIEW.map((option) => (
        <button type="button" key={option} class="yb-button" aria-pressed={mode === option} disabled={disabled} onClick={() => mode !== option && onChoose(option)}>
          {t(`monitoring.mode.${option}`)}
        </button>
      ))}
    </div>
  );
}

import type { MonitorModeView } from '@/call-control/live-call-view';
import { t } from '@/locales/i18n';
import type { CallControlModel } from '@/models/call-control-model';
import { MonitorModeSwitch } from './monitor-mode-switch';
import { RecordingPauseButton, RecordingPauseStatus } from './recording-pause';

/**
 * A supervisor on their own monitoring leg: whose call, the mode (listen, whisper, barge) and what it
 * means, switching between them, and Stop. On a CRM page (`interactive` false) it only says so: a page
 * does not work monitoring (sender.ts), the popup does.
 */
export function MonitoringControls({ control, interactive = true }: { control: CallControlModel; interactive?: boolean }) {
  const view = control.view.value;
  const mode: MonitorModeView | null = view?.monitoring ?? null;
  const owner = view?.owner?.name;
  const busy = control.busy.value !== null;
  return (
    <div class="yb-monitoring">
      <p class="yb-monitoring__title">
        <strong>{owner ? t('monitoring.title', { name: owner }) : t('monitoring.titleUnknown')}</strong>
        {mode && <span class="yb-tag">{t(`monitoring.mode.${mode}`)}</span>}
      </p>
      {mode ? <p class="yb-muted">{t(`monitoring.help.${mode}`)}</p> : <p class="yb-muted">{t('monitoring.starting')}</p>}
      <RecordingPauseStatus control={control} />
      {interactive && (
        <div class="yb-actions">
          <MonitorModeSwitch mode={mode} label={t('monitoring.mode')} disabled={busy || !mode} onChoose={(option) => void control.setMonitorMode(option)} />
          <button type="button" class="yb-button" disabled={busy} onClick={() => void control.stopMonitoring()}>
            {t('monitoring.stop')}
          </button>
          <RecordingPauseButton control={control} />
        </div>
      )}
      {control.error.value && (
        <p class="yb-alert yb-alert--error" role="alert">
          {control.error.value}
        </p>
      )}
    </div>
  );
}

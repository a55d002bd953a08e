import { t } from '@/locales/i18n';
import { FormField } from './form-field';

export interface AudioDevice {
  kind: 'audioinput' | 'audiooutput';
  deviceId: string;
  label: string;
}

export interface AudioChoice {
  inputDeviceId: string | null;
  outputDeviceId: string | null;
  ringtoneDeviceId: string | null;
  ringtoneVolume: number;
}

/** Microphone, speaker and ringtone device, and how loud the ringtone is. */
export function AudioSettings({
  devices,
  choice,
  onChange,
}: {
  devices: readonly AudioDevice[];
  choice: AudioChoice;
  onChange: (next: AudioChoice) => void;
}) {
  const select = (id: string, label: string, kind: AudioDevice['kind'], key: 'inputDeviceId' | 'outputDeviceId' | 'ringtoneDeviceId') => (
    <FormField id={id} label={label}>
      {(props) => (
        <select {...props} value={choice[key] ?? ''} onChange={(e) => onChange({ ...choice, [key]: e.currentTarget.value || null })}>
          <option value="">{t('audio.default')}</option>
          {devices
            .filter((device) => device.kind === kind)
            .map((device, index) => (
              <option value={device.deviceId} key={device.deviceId}>
                {device.label || `${label} ${index + 1}`}
              </option>
            ))}
        </select>
      )}
    </FormField>
  );
  return (
    <fieldset class="yb-fieldset">
      <legend>{t('audio.title')}</legend>
      <div class="yb-row">
        {select('audio-input', t('audio.microphone'), 'audioinput', 'inputDeviceId')}
        {select('audio-output', t('audio.speaker'), 'audiooutput', 'outputDeviceId')}
        {select('audio-ringtone', t('audio.ringtone'), 'audiooutput', 'ringtoneDeviceId')}
        <FormField id="audio-volume" label={t('audio.volume')}>
          {(props) => (
            <input
              {...props}
              type="range"
              min={0}
              max={100}
              step={5}
              value={Math.round(choice.ringtoneVolume * 100)}
              aria-valuetext={`${Math.round(choice.ringtoneVolume * 100)}%`}
              onChange={(e) => onChange({ ...choice, ringtoneVolume: Number(e.currentTarget.value) / 100 })}
            />
          )}
        </FormField>
      </div>
    </fieldset>
  );
}

import { t } from '@/locales/i18n';
import type { HoldMusic } from '../../../server/phone-config/schema';
import { AudioPromptField, type AudioLibrary } from './audio-prompt-field';
import { FormField } from './form-field';

export type { HoldMusic };

/**
 * What a held (or transferred) caller hears: Twilio's default music, one of the uploaded audio files
 * (looped), or silence. The audio choice picks or uploads a file as the voice prompts do.
 */
export function HoldMusicField({
  id,
  value,
  help,
  library,
  error,
  onChange,
}: {
  id: string;
  value: HoldMusic;
  help: string;
  library: AudioLibrary | undefined;
  error?: string | undefined;
  onChange: (music: HoldMusic) => void;
}) {
  const choose = (type: string) => {
    if (type === 'audio') onChange({ type: 'audio', audioId: library?.files[0]?.id ?? '' });
    else onChange({ type: type === 'silence' ? 'silence' : 'default' });
  };
  return (
    <div class="yb-hold-music">
      <FormField id={id} label={t('holdMusic.label')} help={help} error={value.type === 'audio' ? undefined : error}>
        {(props) => (
          <select {...props} value={value.type} onChange={(event) => choose(event.currentTarget.value)}>
            <option value="default">{t('holdMusic.default')}</option>
            {library && <option value="audio">{t('holdMusic.audio')}</option>}
            <option value="silence">{t('holdMusic.silence')}</option>
          </select>
        )}
      </FormField>
      {value.type === 'audio' && library && (
        <AudioPromptField
          id={`${id}-file`}
          label={t('holdMusic.file')}
          audioId={value.audioId}
          error={error ?? (value.audioId ? undefined : t('holdMusic.chooseFile'))}
          library={library}
          onChange={(audioId) => onChange({ type: 'audio', audioId: audioId ?? '' })}
        />
      )}
    </div>
  );
}

import { useState } from 'preact/hooks';
import { t } from '@/locales/i18n';
import type { AudioFile } from '@/models/admin-api';
import { FormField } from './form-field';
import { messageOf } from './use-async';

/** The server's uploaded audio files, and how to add one (POST /api/audio). */
export interface AudioLibrary {
  files: readonly AudioFile[];
  upload(file: File): Promise<AudioFile>;
  /** DELETE /api/audio/:id (refused with 409 audio_in_use while a saved number plays it); absent where the page cannot. */
  remove?(file: AudioFile): Promise<void>;
  /** The ids of the files deleted while the page is open: a choice remembered for a switch back may name one. */
  deleted?: ReadonlySet<string>;
}

export const AUDIO_ACCEPT = 'audio/mpeg,audio/wav,audio/x-wav,.mp3,.wav';

/** One audio prompt: pick an uploaded file, or upload an mp3/wav (the server checks its content). */
export function AudioPromptField({
  id,
  label,
  audioId,
  error,
  notice,
  library,
  onChange,
}: {
  id: string;
  label: string;
  audioId: string;
  error: string | undefined;
  /** Said above the picker until the admin chooses (e.g. the file chosen before was deleted). */
  notice?: string | undefined;
  library: AudioLibrary;
  onChange: (audioId: string | undefined) => void;
}) {
  const [uploading, setUploading] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const selected = library.files.find((file) => file.id === audioId);
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setUploading(true);
    setFailure(null);
    try {
      onChange((await library.upload(file)).id);
    } catch (caught) {
      setFailure(caught);
    } finally {
      setUploading(false);
    }
  };
  return (
    <div class="yb-audio-prompt">
      {notice && (
        <p class="yb-alert" role="status">
          {notice}
        </p>
      )}
      <FormField id={id} label={label} error={error}>
        {(props) => (
          <select {...props} value={audioId} onChange={(event) => onChange(event.currentTarget.value || undefined)}>
            <option value="">{t('voice.audio.none')}</option>
            {library.files.map((file) => (
              <option value={file.id} key={file.id}>
                {file.name || file.id}
              </option>
            ))}
            {audioId && !selected && <option value={audioId}>{audioId}</option>}
          </select>
        )}
      </FormField>
      <FormField id={`${id}-upload`} label={t('voice.audio.upload', { prompt: label })} error={failure === null ? undefined : messageOf(failure)} help={uploading ? t('voice.audio.uploading') : t('voice.audio.help')}>
        {(props) => <input {...props} type="file" accept={AUDIO_ACCEPT} disabled={uploading} onChange={(event) => void upload(event.currentTarget.files?.[0])} />}
      </FormField>
      {selected && <audio controls preload="none" src={selected.url} aria-label={t('voice.audio.listen', { prompt: label })} />}
    </div>
  );
}

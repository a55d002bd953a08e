import { useEffect, useState } from 'preact/hooks';
import { t } from '@/locales/i18n';
import type { AdminApi } from '@/models/admin-api';
import type { AudioFile } from '@/models/admin-schemas';
import type { AudioLibrary } from './audio-prompt-field';
import { HoldMusicField, type HoldMusic } from './hold-music-field';
import { useOrgSettings } from './org-settings';
import { messageOf, useAsync } from './use-async';

/**
 * What the other side of an outgoing call hears while a rep holds or transfers it
 * (`settings.outgoingHoldMusic`). The server keeps settings in the configuration document only, so a
 * save reads the document afresh, changes this one field and writes it back with the tag it read
 * (If-Match): a save another admin made in between is refused, not overwritten (secrets stay masked:
 * the server keeps a masked value as it is). Shown from the org's settings the options page read once.
 */
export function OutgoingHoldMusic({ api }: { api: AdminApi }) {
  const org = useOrgSettings();
  const audioFiles = useAsync(() => api.listAudio().catch((): AudioFile[] => []), [api]);
  const [music, setMusic] = useState<HoldMusic | null>(null);
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => setMusic(org.settings ? (org.settings.outgoingHoldMusic ?? { type: 'default' }) : null), [org.settings]);

  const library: AudioLibrary = {
    files: audioFiles.data ?? [],
    upload: async (file) => {
      const stored = await api.uploadAudio(file);
      audioFiles.setData([stored, ...(audioFiles.data ?? [])]);
      return stored;
    },
  };
  const saved = org.settings?.outgoingHoldMusic ?? { type: 'default' };
  const dirty = music !== null && JSON.stringify(music) !== JSON.stringify(saved);
  const incomplete = music?.type === 'audio' && !music.audioId;

  const save = async (event: Event) => {
    event.preventDefault();
    if (!music || incomplete) return;
    setState('saving');
    setFailure(null);
    try {
      const next = await api.editConfig((document) => ({ ...document, settings: { ...document.settings, outgoingHoldMusic: music } }));
      org.saved(next);
      setState('saved');
    } catch (caught) {
      setFailure(caught);
      setState('idle');
    }
  };

  return (
    <form class="yb-form" aria-labelledby="outgoing-hold-music-title" onSubmit={save} noValidate>
      <h3 id="outgoing-hold-music-title" class="yb-heading">
        {t('holdMusic.outgoing.title')}
      </h3>
      {org.failure !== null && (
        <p class="yb-alert yb-alert--error" role="alert">
          {messageOf(org.failure)}
        </p>
      )}
      {music && (
        <HoldMusicField
          id="outgoing-hold-music"
          value={music}
          help={t('holdMusic.outgoing.help')}
          library={library}
          error={failure === null ? undefined : messageOf(failure)}
          onChange={(next) => {
            setMusic(next);
            setState('idle');
          }}
        />
      )}
      <div class="yb-actions">
        <button type="submit" class="yb-button yb-button--primary" disabled={!dirty || incomplete || state === 'saving'}>
          {state === 'saving' ? t('common.saving') : t('common.save')}
        </button>
        {state === 'saved' && !dirty && <span role="status">{t('common.saved')}</span>}
      </div>
    </form>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { t } from '@/locales/i18n';
import type { AdminApi } from '@/models/admin-api';
import { HoldMusicField, type HoldMusic } from './hold-music-field';
import { useOrgSettings } from './org-settings';
import { SettingSaveActions } from './setting-save-actions';
import { messageOf } from './use-async';
import { useAudioLibrary, useSettingSave } from './use-setting-save';

/**
 * What the other side of an outgoing call hears while a rep holds or transfers it
 * (`settings.outgoingHoldMusic`), saved on its own (use-setting-save.ts). Shown from the org's
 * settings the options page read once.
 */
export function OutgoingHoldMusic({ api }: { api: AdminApi }) {
  const org = useOrgSettings();
  const library = useAudioLibrary(api);
  const { state, failure, save: saveSetting, edited } = useSettingSave(api, 'outgoingHoldMusic');
  const [music, setMusic] = useState<HoldMusic | null>(null);
  useEffect(() => setMusic(org.settings ? (org.settings.outgoingHoldMusic ?? { type: 'default' }) : null), [org.settings]);

  const saved = org.settings?.outgoingHoldMusic ?? { type: 'default' };
  const dirty = music !== null && JSON.stringify(music) !== JSON.stringify(saved);
  const incomplete = music?.type === 'audio' && !music.audioId;

  const save = async (event: Event) => {
    event.preventDefault();
    if (music && !incomplete) await saveSetting(music);
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
            edited();
          }}
        />
      )}
      <SettingSaveActions state={state} dirty={dirty} incomplete={incomplete} />
    </form>
  );
}

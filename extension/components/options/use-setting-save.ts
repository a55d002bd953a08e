import { useState } from 'preact/hooks';
import type { AdminApi } from '@/models/admin-api';
import type { AudioFile } from '@/models/admin-schemas';
import type { PhoneConfig } from '@/models/phone-config-types';
import type { AudioLibrary } from './audio-prompt-field';
import { useOrgSettings } from './org-settings';
import { useAsync } from './use-async';

type Settings = PhoneConfig['settings'];

export type SaveState = 'idle' | 'saving' | 'saved';

export interface SettingSave<K extends keyof Settings> {
  state: SaveState;
  /** Why the last save was refused (a field's problem, a conflicting save, the server), or null. */
  failure: unknown;
  save(value: Settings[K]): Promise<void>;
  /** The admin changed the draft: "saved" and a refusal no longer describe it. */
  edited(): void;
}

/**
 * Saves one of the org's settings that the server keeps in the configuration document only (the
 * outgoing hold music, the recording announcement). A save reads the document afresh, changes this
 * one setting and writes it back with the tag it read (If-Match): a save another admin made in between
 * is refused, not overwritten, and secrets stay masked (the server keeps a masked value as it is). The
 * answer becomes the org's settings the options page shows.
 */
export function useSettingSave<K extends keyof Settings>(api: AdminApi, key: K): SettingSave<K> {
  const org = useOrgSettings();
  const [state, setState] = useState<SaveState>('idle');
  const [failure, setFailure] = useState<unknown>(null);
  const save = async (value: Settings[K]) => {
    setState('saving');
    setFailure(null);
    try {
      const next = await api.editConfig((document) => ({ ...document, settings: { ...document.settings, [key]: value } }));
      org.saved(next);
      setState('saved');
    } catch (caught) {
      setFailure(caught);
      setState('idle');
    }
  };
  const edited = () => {
    setState('idle');
    setFailure(null);
  };
  return { state, failure, save, edited };
}

/** The org's uploaded audio files to pick from; a file uploaded here joins the top of the list. */
export function useAudioLibrary(api: AdminApi): AudioLibrary {
  const audioFiles = useAsync(() => api.listAudio().catch((): AudioFile[] => []), [api]);
  return {
    files: audioFiles.data ?? [],
    upload: async (file) => {
      const stored = await api.uploadAudio(file);
      audioFiles.setData([stored, ...(audioFiles.data ?? [])]);
      return stored;
    },
  };
}

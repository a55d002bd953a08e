import { storage } from 'wxt/utils/storage';
import type { WrapUpDraft } from '@/models/wrap-up-draft';

const KEY = 'session:wrapUpDraft';

/**
 * The wrap-up note and outcome the rep has not saved yet, of the call in wrap-up (models/wrap-up-draft.ts):
 * the popup closes whenever it loses focus. Session storage: memory only, gone when the browser closes,
 * and outliving both the popup and the service worker. Its shape is checked on reading.
 *
 * Listed in items.ts with the others, but not a `storage.defineItem` there: WXT reads every defined item
 * as its module loads, and this one is reached by the popup's UI code (models/wrap-up-model.ts), which is
 * also rendered where there is no extension storage (tests). Through WXT's storage all the same, keyed
 * as a defined item would be, so it reads and writes only when asked.
 */
export const wrapUpDraft = {
  key: KEY,
  getValue: (): Promise<unknown> => storage.getItem<unknown>(KEY),
  setValue: (draft: WrapUpDraft | null): Promise<void> => (draft === null ? storage.removeItem(KEY) : storage.setItem<WrapUpDraft>(KEY, draft)),
};

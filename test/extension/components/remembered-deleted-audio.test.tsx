import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { uiLanguage } from '@/locales/i18n';
import { IncomingSection } from '@/components/options/incoming-section';
import type { AudioFile } from '@/models/admin-api';
import { ApiError } from '@/models/api-error';
import type { IncomingNumber } from '@/models/phone-config-types';
import { createUnsavedChanges } from '@/models/unsaved-changes';
import { fakeAdminApi } from './fake-admin-api';
import { button, choose, click, field, flush, renderUi } from './render';
import { mainNumber } from './number-fixtures';

const file = (id: string, name: string): AudioFile => ({ id, url: `https://phone.example.jp/media/${id}`, contentType: 'audio/mpeg', size: 358_400, name });
const GREETING = file('G'.repeat(22), 'greeting.mp3');
const HOLD = file('H'.repeat(22), 'hold.mp3');

const NUMBER = mainNumber({ messages: { welcome: { type: 'text', text: 'お電話ありがとうございます。' } } });

/**
 * The options page against an admin API that keeps its audio files as the server does: a deleted file
 * is gone, and a save naming a file it does not have is refused at the field (`audio_not_found`).
 */
async function setup() {
  const files = [GREETING, HOLD];
  const saved: IncomingNumber[] = [];
  const api = fakeAdminApi({
    listIncoming: async () => [NUMBER],
    listAudio: async () => [...files],
    deleteAudio: async (id: string) => void files.splice(files.findIndex((stored) => stored.id === id), 1),
    saveIncoming: async (draft: IncomingNumber) => {
      for (const name of ['welcome', 'unavailable', 'busy'] as const) {
        const prompt = draft.messages[name];
        if (prompt?.type === 'audio' && !files.some((stored) => stored.id === prompt.audioId)) {
          throw new ApiError(400, 'validation_failed', 'invalid', [{ path: `messages.${name}.audioId`, code: 'audio_not_found', message: 'no such audio file' }]);
        }
      }
      saved.push(draft);
      return draft;
    },
  });
  const view = renderUi(<IncomingSection api={api} users={[{ id: 'sato', name: '佐藤' }]} unsaved={createUnsavedChanges()} />);
  await flush();
  await click(button(view.container, '03-1234-5678 を編集'));
  await flush();
  const format = () => field<HTMLSelectElement>(view.container, '形式');
  const welcome = () => field<HTMLSelectElement>(view.container, 'ウェルカムメッセージ');
  const library = () => view.container.querySelector<HTMLElement>('.yb-audio-library')!;
  return { view, saved, format, welcome, library };
}

describe('an audio prompt remembered for a switch back, whose file was deleted meanwhile', () => {
  beforeEach(() => {
    uiLanguage.value = 'ja';
    vi.stubGlobal('confirm', () => true);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('comes back empty with a note saying the file was deleted, and the save goes through', async () => {
    const { view, saved, format, welcome, library } = await setup();
    // The admin tries an uploaded greeting, goes back to text, and deletes the greeting from the library.
    await choose(format(), 'audio');
    await choose(welcome(), GREETING.id);
    await choose(format(), 'text');
    expect(field<HTMLTextAreaElement>(view.container, 'ウェルカムメッセージ').value).toBe('お電話ありがとうございます。');
    await click(button(library(), '「greeting.mp3」を削除'));
    await flush();

    await choose(format(), 'audio');
    expect(welcome().value).toBe('');
    expect([...welcome().options].map((option) => option.textContent)).toEqual(['— 音声なし —', 'hold.mp3']);
    const note = view.container.querySelector('.yb-audio-prompt [role="status"]');
    expect(note?.textContent).toBe('以前ここで選んでいた音声ファイルは削除されています。別のファイルを選ぶか、アップロードしてください。');
    await act(async () => {
      uiLanguage.value = 'en';
    });
    expect(view.container.querySelector('.yb-audio-prompt [role="status"]')?.textContent).toBe(
      'The file chosen here before was deleted from the uploaded files. Choose another file or upload one.',
    );

    await click(button(view.container, 'Save'));
    await flush();
    expect(view.container.querySelector('[role="alert"]')).toBeNull();
    expect(saved).toHaveLength(1);
    expect(saved[0]?.messages.welcome).toBeUndefined();
  });

  it('keeps a remembered file that still exists, with no note', async () => {
    const { view, saved, format, welcome } = await setup();
    await choose(format(), 'audio');
    await choose(welcome(), HOLD.id);
    await choose(format(), 'text');
    await choose(format(), 'audio');
    expect(welcome().value).toBe(HOLD.id);
    expect(view.container.querySelector('.yb-audio-prompt [role="status"]')).toBeNull();
    await click(button(view.container, '保存'));
    await flush();
    expect(saved[0]?.messages.welcome).toEqual({ type: 'audio', audioId: HOLD.id });
  });

  it('drops the note once the admin chooses another file', async () => {
    const { view, format, welcome, library } = await setup();
    await choose(format(), 'audio');
    await choose(welcome(), GREETING.id);
    await choose(format(), 'text');
    await click(button(library(), '「greeting.mp3」を削除'));
    await flush();
    await choose(format(), 'audio');
    await choose(welcome(), HOLD.id);
    expect(view.container.querySelector('.yb-audio-prompt [role="status"]')).toBeNull();
  });
});

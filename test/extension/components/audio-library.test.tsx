import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { uiLanguage } from '@/locales/i18n';
import { IncomingSection } from '@/components/options/incoming-section';
import type { AudioFile } from '@/models/admin-api';
import { ApiError } from '@/models/api-error';
import { createUnsavedChanges } from '@/models/unsaved-changes';
import { fakeAdminApi } from './fake-admin-api';
import { button, click, field, flush, renderUi } from './render';
import { mainNumber } from './number-fixtures';

const file = (id: string, name: string, size = 1_258_291): AudioFile => ({ id, url: `https://phone.example.jp/media/${id}`, contentType: 'audio/mpeg', size, name });
const WELCOME = file('W'.repeat(22), 'welcome.mp3');
const MISTAKE = file('M'.repeat(22), 'wrong-recording.mp3', 358_400);
const HOLD = file('H'.repeat(22), 'hold.mp3');

const NUMBER = mainNumber({
  messages: { welcome: { type: 'audio', audioId: WELCOME.id } },
  route: { type: 'ivr', menu: [{ key: 1, label: '営業', action: { type: 'ring', users: ['sato'], strategy: 'sequential', ringSeconds: 20, repeat: false } }] },
});

async function setup(deleteAudio: (id: string) => Promise<void>) {
  const api = fakeAdminApi({ listIncoming: async () => [NUMBER], listAudio: async () => [WELCOME, MISTAKE, HOLD], deleteAudio });
  const view = renderUi(<IncomingSection api={api} users={[{ id: 'sato', name: '佐藤' }]} unsaved={createUnsavedChanges()} />);
  await flush();
  await click(button(view.container, '03-1234-5678 を編集'));
  await flush();
  const library = () => view.container.querySelector<HTMLElement>('.yb-audio-library')!;
  return { view, library };
}

describe('uploaded audio files', () => {
  const confirm = vi.fn(() => true);
  beforeEach(() => {
    uiLanguage.value = 'ja';
    confirm.mockReset().mockReturnValue(true);
    vi.stubGlobal('confirm', confirm);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('lists every upload and deletes one after asking, taking it out of the audio lists', async () => {
    const deleteAudio = vi.fn(async () => undefined);
    const { view, library } = await setup(deleteAudio);
    expect(library().querySelector('summary')?.textContent).toBe('アップロード済みの音声ファイル（3件）');
    expect([...library().querySelectorAll('li')].map((row) => row.textContent)).toEqual([
      'welcome.mp31.2 MBこのフォームで選択中',
      'wrong-recording.mp3350 KB削除',
      'hold.mp31.2 MB削除',
    ]);

    await click(button(library(), '「wrong-recording.mp3」を削除'));
    await flush();
    expect(confirm).toHaveBeenCalledWith('「wrong-recording.mp3」をサーバーから削除しますか？元に戻すことはできません。');
    expect(deleteAudio).toHaveBeenCalledWith(MISTAKE.id);
    expect(library().querySelector('[role="status"]')?.textContent).toBe('「wrong-recording.mp3」を削除しました。');
    const welcome = field<HTMLSelectElement>(view.container, 'ウェルカムメッセージ');
    expect([...welcome.options].map((option) => option.textContent)).toEqual(['— 音声なし —', 'welcome.mp3', 'hold.mp3']);
  });

  it('deletes nothing when the admin answers Cancel', async () => {
    confirm.mockReturnValue(false);
    const deleteAudio = vi.fn(async () => undefined);
    const { library } = await setup(deleteAudio);
    await click(button(library(), '「hold.mp3」を削除'));
    await flush();
    expect(deleteAudio).not.toHaveBeenCalled();
    expect(library().textContent).toContain('hold.mp3');
  });

  it.each([
    ['ja', '「hold.mp3」を削除', 'この音声ファイルは 大阪 で使用中です。先にそちらのメッセージを変更してください。'],
    ['en', 'Delete “hold.mp3”', 'This audio file is still used by 大阪. Choose another message there first.'],
  ] as const)('says which number still plays a file the server keeps (%s)', async (language, name, sentence) => {
    const deleteAudio = vi.fn(async () => {
      throw new ApiError(409, 'audio_in_use', 'in use', [], { params: { numbers: '大阪' } });
    });
    const { library } = await setup(deleteAudio);
    await act(async () => {
      uiLanguage.value = language;
    });
    await click(button(library(), name));
    await flush();
    expect(library().querySelector('[role="alert"]')?.textContent).toBe(sentence);
    expect(library().textContent).toContain('hold.mp3');
  });
});

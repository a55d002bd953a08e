import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { askForMicrophone, showPageIn } from '@/entrypoints/microphone/microphone-page';

/** The page as the extension ships it, before its script has run. */
const PAGE = join(dirname(fileURLToPath(import.meta.url)), '../../../../extension/entrypoints/microphone/index.html');
const openPage = () => new DOMParser().parseFromString(readFileSync(PAGE, 'utf8'), 'text/html');

const resultOn = (page: Document) => page.querySelector<HTMLElement>('#result')!;
const granting = { getUserMedia: async () => ({ getTracks: () => [{ stop: () => undefined }] }) as unknown as MediaStream };
const refusing = { getUserMedia: async () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError')) };

describe('the microphone page', () => {
  it('speaks the language the rep chose', () => {
    const page = openPage();
    showPageIn(page, 'ja');
    expect(page.documentElement.lang).toBe('ja');
    expect(page.title).toBe('マイクの使用を許可してください');
    expect(page.body.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'マイクの使用を許可してください ブラウザーが一度だけ確認します。マイクは通話中にのみ使用します。 マイクを許可',
    );

    showPageIn(page, 'en');
    expect(page.documentElement.lang).toBe('en');
    expect(page.querySelector('#allow')?.textContent).toBe('Allow microphone');
  });

  it('says whether the microphone was allowed, in that language', async () => {
    const result = resultOn(openPage());
    await askForMicrophone(result, 'ja', granting);
    expect([result.dataset.result, result.textContent]).toEqual(['granted', '完了しました。このタブは閉じてかまいません。']);
    await askForMicrophone(result, 'en', refusing);
    expect([result.dataset.result, result.textContent]).toEqual([
      'denied',
      'The microphone was blocked. Click the lock icon in the address bar, allow the microphone, then try again.',
    ]);
  });
});

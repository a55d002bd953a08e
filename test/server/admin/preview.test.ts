import { describe, expect, it } from 'vitest';
import type { IncomingNumber } from '../../../server/phone-config/schema.ts';
import { previewCall } from '../../../server/services/preview-service.ts';
import { saveStoredTwilio } from '../../../server/store/phone-config-store.ts';
import { freshAdminEachTest, PUBLIC_URL } from './harness.ts';

const SAY = { language: 'ja-JP', voice: 'Polly.Mizuki' };

/** 代表: 1 営業 rings 佐藤 and 鈴木 at once; 2 サポート > 1 製品について rings them in turn, twice. */
const TWO_LEVEL_IVR: Partial<IncomingNumber> & { number: string } = {
  number: '+81312345678',
  label: '代表',
  voice: { language: 'ja-JP' },
  messages: {
    welcome: { type: 'text', text: 'お電話ありがとうございます。' },
    unavailable: { type: 'text', text: '現在、担当者が出払っております。' },
  },
  route: {
    type: 'ivr',
    menu: [
      { key: 1, label: '営業', action: { type: 'ring', users: ['sato', 'suzuki'], strategy: 'simultaneous', ringSeconds: 30, repeat: false } },
      {
        key: 2,
        label: 'サポート',
        action: {
          type: 'menu',
          menu: [{ key: 1, label: '製品について', action: { type: 'ring', users: ['sato', 'suzuki'], strategy: 'sequential', ringSeconds: 20, repeat: true } }],
        },
      },
    ],
  },
};

const { t } = freshAdminEachTest(async (t) => {
  await saveStoredTwilio(t.store.db, { accountSid: `AC${'3'.repeat(32)}`, authTokenSealed: t.deps.secretBox.seal('9f'.repeat(16)) }, t.clock.now());
  await t.addUser({ id: 'sato', name: '佐藤' });
  await t.addUser({ id: 'suzuki', name: '鈴木' });
  await t.addNumber(TWO_LEVEL_IVR);
});

type Preview = { steps: Record<string, unknown>[]; outcome: string; summary: { en: string; ja: string }; path: number[] };
async function preview(digits: string[], number = '+81312345678'): Promise<Preview> {
  const response = await t.api('POST', `/api/preview/${encodeURIComponent(number)}`, { body: { digits } });
  expect(response.status).toBe(200);
  return (await response.json()) as Preview;
}

describe('Preview: the admin calls the number through the real call flow', () => {
  it('says where the caller is in the tree, as keys, for the options page to highlight', async () => {
    await t.goOnline('sato');
    expect((await preview([])).path).toEqual([]);
    expect((await preview(['2'])).path).toEqual([2]);
    // 9 is no choice: the caller is still in the submenu.
    expect((await preview(['2', '9'])).path).toEqual([2]);
    expect((await preview(['2', '1'])).path).toEqual([2, 1]);
    // 0 goes back up a level.
    expect((await preview(['2', '0'])).path).toEqual([]);
  });

  it('welcomes, reads the top menu and waits for a key', async () => {
    const result = await preview([]);
    expect(result.steps).toEqual([
      { say: { text: 'お電話ありがとうございます。', ...SAY } },
      { say: { text: '営業の場合、1を押してください。', ...SAY } },
      { say: { text: 'サポートの場合、2を押してください。', ...SAY } },
      { gather: { numDigits: 1, timeout: 5, pressed: null, prompts: 2 } },
    ]);
    expect(result.outcome).toBe('waiting-for-input');
    expect(result.summary).toEqual({ en: 'plays the menu and waits for a key', ja: 'メニューを流してキー入力を待ちます' });
  });

  it('walks a 2-level IVR to a sequential group and shows every ring, then voicemail', async () => {
    await t.goOnline('sato', 'suzuki');
    const result = await preview(['2', '1']);
    expect(result.steps.slice(3)).toEqual([
      { gather: { numDigits: 1, timeout: 5, pressed: '2', prompts: 2 } },
      { say: { text: '製品についての場合、1を押してください。', ...SAY } },
      { gather: { numDigits: 1, timeout: 5, pressed: '1', prompts: 1 } },
      { dial: { clients: [{ id: 'sato', name: '佐藤' }], strategy: 'sequential', timeout: 20, cycle: 1 } },
      { dial: { clients: [{ id: 'suzuki', name: '鈴木' }], strategy: 'sequential', timeout: 20, cycle: 1 } },
      { dial: { clients: [{ id: 'sato', name: '佐藤' }], strategy: 'sequential', timeout: 20, cycle: 2 } },
      { dial: { clients: [{ id: 'suzuki', name: '鈴木' }], strategy: 'sequential', timeout: 20, cycle: 2 } },
      { say: { text: '現在、担当者が出払っております。', ...SAY } },
      { say: { text: '発信音の後に、お名前とご用件をお話しください。', ...SAY } },
      { record: { maxLength: 120, playBeep: true } },
    ]);
    expect(result.outcome).toBe('voicemail');
    expect(result.summary).toEqual({
      en: 'サポート > 製品について: rings 佐藤, then 鈴木, 20 s each, 2 cycles; if nobody answers: unavailable message, then voicemail',
      ja: 'サポート > 製品について：佐藤、鈴木の順に各20秒、2巡呼び出します。誰も出なければ不在メッセージの後、留守番電話を録音します',
    });
  });

  it('rings a simultaneous group at once', async () => {
    await t.goOnline('suzuki', 'sato');
    const result = await preview(['1']);
    expect(result.steps.filter((s) => 'dial' in s)).toEqual([
      { dial: { clients: [{ id: 'suzuki', name: '鈴木' }, { id: 'sato', name: '佐藤' }], strategy: 'simultaneous', timeout: 30, cycle: 1 } },
    ]);
    expect(result.summary.en).toBe('営業: rings 鈴木 and 佐藤 at once for 30 s; if nobody answers: unavailable message, then voicemail');
  });

  it('tells the admin when nobody is online', async () => {
    const result = await preview(['1']);
    expect(result.steps.slice(-2)).toEqual([{ say: { text: '現在、担当者が出払っております。', ...SAY } }, { hangup: {} }]);
    expect(result.summary).toEqual({ en: '営業: nobody online: unavailable message', ja: '営業：対応できる担当者がいません：不在メッセージを流します' });
  });

  it('follows the menu’s own handling of an invalid key', async () => {
    const result = await preview(['7']);
    expect(result.steps[4]).toEqual({ say: { text: expect.any(String), ...SAY } });
    expect(result.steps.at(-1)).toEqual({ gather: { numDigits: 1, timeout: 5, pressed: null, prompts: 2 } });
  });

  it('treats # in a menu as the call does: a key that is not a choice', async () => {
    const result = await preview(['#']);
    expect(result.steps.slice(3, 5)).toEqual([
      { gather: { numDigits: 1, timeout: 5, pressed: '#', prompts: 2 } },
      { say: { text: '申し訳ございません。入力された番号は選択できません。もう一度お選びください。', ...SAY } },
    ]);
    expect(result.path).toEqual([]);
  });

  it('plays a Gather’s finish key as Twilio does: no digits, so no action, and on to the next verb', async () => {
    const twiml = (body: string) => new Response(`<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`, { headers: { 'Content-Type': 'text/xml' } });
    const requested: string[] = [];
    const voice = (request: Request) => {
      requested.push(new URL(request.url).pathname);
      return twiml('<Gather numDigits="4" action="/twilio/voice/menu"><Say>暗証番号を入力してください。</Say></Gather><Say>入力が確認できませんでした。</Say><Hangup/>');
    };
    const result = await previewCall(t.deps, voice, { number: '+81312345678', digits: ['#'] });
    expect(result.steps).toEqual([
      { say: { text: '暗証番号を入力してください。', language: '', voice: '' } },
      { gather: { numDigits: 4, timeout: 5, pressed: '#', prompts: 1 } },
      { say: { text: '入力が確認できませんでした。', language: '', voice: '' } },
      { hangup: {} },
    ]);
    expect(requested).toEqual(['/twilio/voice']);
  });

  it('plays an uploaded welcome from PUBLIC_URL/media/<id>', async () => {
    await t.store.db.deleteFrom('incoming_numbers').execute();
    await t.addNumber({ number: '+815012345678', messages: { welcome: { type: 'audio', audioId: 'AbCdEfGhIjKlMnOpQrStUv' } } });
    const result = await preview([], '050-1234-5678');
    expect(result.steps[0]).toEqual({ play: { url: `${PUBLIC_URL}/media/AbCdEfGhIjKlMnOpQrStUv` } });
  });

  it('shows a skippable welcome inside the menu’s Gather, and the voicemail length the number allows', async () => {
    await t.store.db.deleteFrom('incoming_numbers').execute();
    await t.addNumber({ ...TWO_LEVEL_IVR, welcomeSkippable: true, voicemailMaxSeconds: 300 });
    await t.goOnline('sato');
    const result = await preview(['1']);
    expect(result.steps.slice(0, 4)).toEqual([
      { say: { text: 'お電話ありがとうございます。', ...SAY } },
      { say: { text: '営業の場合、1を押してください。', ...SAY } },
      { say: { text: 'サポートの場合、2を押してください。', ...SAY } },
      // The welcome is one of the Gather's prompts: a key pressed during it chooses from the menu.
      { gather: { numDigits: 1, timeout: 5, pressed: '1', prompts: 3 } },
    ]);
    expect(result.steps.at(-1)).toEqual({ record: { maxLength: 300, playBeep: true } });
  });

  it('leaves nothing in the call log', async () => {
    await t.goOnline('sato');
    await preview(['2', '1']);
    expect(await t.store.db.selectFrom('calls').select('call_sid').execute()).toEqual([]);
  });

  it('answers 404 for a number that is not configured, and 409 before Twilio is set up', async () => {
    expect((await t.api('POST', '/api/preview/%2B81399999999', { body: { digits: [] } })).status).toBe(404);
    await saveStoredTwilio(t.store.db, {}, t.clock.now());
    expect((await t.api('POST', '/api/preview/%2B81312345678', { body: { digits: [] } })).status).toBe(409);
  });

  it('reports webhooks that refuse the preview as a setup problem, not a crash', async () => {
    const refusing = () => new Response('Twilio request validation failed.', { status: 403 });
    await expect(previewCall(t.deps, refusing, { number: '+81312345678', digits: [] })).rejects.toMatchObject({ status: 502, code: 'preview_failed' });
    expect(await t.store.db.selectFrom('calls').select('call_sid').execute()).toEqual([]);
  });
});

import { setAvailability } from '../../server/store/presence.ts';
import { newCallerId, newNumber, type FakeAccountData } from '../../test/emulators/twilio-rest/state.ts';
import type { Stage } from './stage.ts';

export const ADMIN = { id: 'yamada', name: '山田 太郎', email: 'yamada@example.jp', password: 'kanri-sha-2024' };
export const REP = { id: 'sato', name: '佐藤 花子', email: 'sato@example.jp', password: 'hanako-pass-01' };
export const MAIN_NUMBER = '+81312345678';

const ring = (users: string[], strategy: 'simultaneous' | 'sequential' = 'sequential') => ({ type: 'ring', users, strategy, ringSeconds: 20, repeat: false });
const menu = (items: unknown[]) => ({ type: 'menu', menu: items });

/** 代表: a 5-level IVR (サポート › 製品について › ハードウェア › 修理のご依頼 › 保証期間内 / 保証期間外). */
export const FIVE_LEVEL_TREE = [
  { key: 1, label: '営業', action: ring(['sato', 'suzuki'], 'simultaneous') },
  {
    key: 2,
    label: 'サポート',
    action: menu([
      {
        key: 1,
        label: '製品について',
        action: menu([
          {
            key: 1,
            label: 'ハードウェア',
            action: menu([
              { key: 1, label: '修理のご依頼', action: menu([{ key: 1, label: '保証期間内', action: ring(['takahashi']) }, { key: 2, label: '保証期間外', action: ring(['tanaka']) }]) },
              { key: 2, label: '部品のご注文', action: ring(['takahashi']) },
            ]),
          },
          { key: 2, label: 'ソフトウェア', action: ring(['suzuki', 'takahashi']) },
        ]),
      },
      { key: 2, label: 'ご請求について', action: ring(['tanaka']) },
    ]),
  },
  { key: 3, label: '採用について', action: ring(['yamada']) },
];

let companyAccount: FakeAccountData | null = null;

/** The company's account on the fake Twilio, once seeded: a scene may add to it for its picture, and take it back. */
export function twilioAccount(): FakeAccountData {
  if (!companyAccount) throw new Error('the company is not seeded yet');
  return companyAccount;
}

/** The first admin, alone on a fresh server: the first run. */
export async function seedFirstAdmin(stage: Stage): Promise<void> {
  await stage.server.testApp.addUser({ ...ADMIN, role: 'admin' });
}

/**
 * A company half-way through its setup, made through the real API: Twilio connected (two numbers and
 * a verified caller ID on the fake account), reps, the main number with a 5-level IVR, a branch with
 * sequential ringing, outgoing numbers (one imported that Twilio would refuse), no CRM yet.
 */
export async function seed(stage: Stage): Promise<void> {
  const { testApp, twilioApi } = stage.server;
  const token = await testApp.signIn(ADMIN.email, ADMIN.password);
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await testApp.call(method, path, { token, body });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : ((await response.json()) as Record<string, unknown>);
  };

  const account = (companyAccount = twilioApi.fake.addAccount({ friendly_name: '山田商事 本番', type: 'Full' }));
  const tokyo = newNumber(MAIN_NUMBER, { friendly_name: '東京代表' });
  const osaka = newNumber('+81663456789', { friendly_name: '大阪支店' });
  const mobile = newCallerId('+819012345678', { friendly_name: '山田 携帯' });
  account.numbers.set(tokyo.sid, tokyo);
  account.numbers.set(osaka.sid, osaka);
  account.callerIds.set(mobile.sid, mobile);
  await call('PUT', '/api/twilio/account', { accountSid: account.account.sid, authToken: account.account.authToken });

  for (const [id, name] of [['sato', '佐藤 花子'], ['suzuki', '鈴木 一郎'], ['takahashi', '高橋 美咲'], ['tanaka', '田中 健']] as const) {
    await call('POST', '/api/users', { id, name, email: `${id}@example.jp`, role: 'rep', password: id === 'sato' ? REP.password : `${id}-password-01` });
  }
  await call('POST', '/api/incoming', {
    number: MAIN_NUMBER,
    label: '代表',
    voice: { language: 'ja-JP' },
    messages: { welcome: { type: 'text', text: 'お電話ありがとうございます。山田商事でございます。' } },
    route: { type: 'ivr', menu: FIVE_LEVEL_TREE },
    twilioSid: tokyo.sid,
    confirm: true,
  });
  await call('POST', '/api/incoming', {
    number: '06-6345-6789',
    label: '大阪支店',
    route: { type: 'ring', users: ['sato', 'suzuki'], strategy: 'sequential', ringSeconds: 20, cycles: 2 },
    twilioSid: osaka.sid,
    confirm: true,
  });
  await call('PUT', '/api/outgoing/sato', { number: '03-1234-5678', record: true });
  await call('PUT', '/api/outgoing/suzuki', { number: '090-1234-5678', record: false });
  // An imported assignment is not checked with Twilio: the setup check and the outgoing page flag it.
  const config = (await call('GET', '/api/config'))!;
  config.outgoing = [...(config.outgoing as unknown[]), { user: 'takahashi', number: '03-9999-0000', record: false }];
  await call('PUT', '/api/config', config);

  for (const id of ['sato', 'suzuki']) await setAvailability(testApp.store.db, id, true, testApp.clock.now());
}

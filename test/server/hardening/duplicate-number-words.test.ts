import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueText } from '../../../extension/locales/api-error-text.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

/**
 * The same incoming number added twice (a double-clicked "Add", or typed once as 03-… and once as
 * +81…): the refusal named the number in E.164 (`+81312345678 はすでに…`), which is for pasting
 * into Twilio, not for people. It names it as the admin typed it elsewhere: national format.
 */

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.addUser({ id: 'yamada', email: 'yamada@example.jp', role: 'admin' });
  await t.addUser({ id: 'sato' });
  admin = await t.signIn('yamada@example.jp');
});
afterAll(() => t.close());

const number = (typed: string) => ({ number: typed, label: '代表', route: { type: 'ring', users: ['sato'], strategy: 'simultaneous' } });

describe('an incoming number added twice', () => {
  it('is refused once saved, in national format, in both languages, and only one is kept', async () => {
    const [first, second] = await Promise.all([
      t.call('POST', '/api/incoming', { token: admin, body: number('03-1234-5678') }),
      t.call('POST', '/api/incoming', { token: admin, body: number('+81 3 1234 5678') }),
    ]);
    expect([first.status, second.status].sort()).toEqual([201, 400]);
    const refused = (first.status === 400 ? first : second);
    const { issues } = ((await refused.json()) as { error: { issues: { path: string; code: string; params: Record<string, string> }[] } }).error;
    expect(issues).toEqual([expect.objectContaining({ path: 'number', code: 'duplicate_number', params: { number: '03-1234-5678' } })]);
    expect(issueText('ja', issues[0]!)).toBe('03-1234-5678 はすでに着信番号に登録されています。');
    expect(issueText('en', issues[0]!)).toBe('03-1234-5678 is already one of the incoming numbers.');
    expect(await t.store.db.selectFrom('incoming_numbers').select('number').execute()).toEqual([{ number: '+81312345678' }]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithSignedInAdmin, type TestApp } from '../support/app.ts';
import { wordedAs } from '../support/worded.ts';

/**
 * The analytics page's `rep` and `branch` filters answered a malformed value with the generic "Some of
 * the input is not valid." and an issue code the page has no words for. Each is now refused naming its
 * field with a code of its own (`rep` as the call log does), worded in both languages.
 */

let t: TestApp;
let admin: string;

beforeAll(async () => ({ t, admin } = await appWithSignedInAdmin()));
afterAll(() => t.close());

type ErrorBody = { error: { code: string; issues: { path: string; code: string }[] } };

async function refusal(query: string) {
  const response = await t.call('GET', `/api/analytics?preset=month&${query}`, { token: admin });
  expect(response.status).toBe(400);
  const body = (await response.json()) as ErrorBody;
  const [issue] = body.error.issues;
  return { code: body.error.code, issues: body.error.issues, ja: wordedAs('ja', { error: issue }), en: wordedAs('en', { error: issue }) };
}

describe('a malformed analytics filter', () => {
  it.each(['sato-san', 'a'.repeat(65), '佐藤'])('rep=%s is refused as not a user id, naming rep', async (rep) => {
    expect(await refusal(`rep=${encodeURIComponent(rep)}`)).toEqual({
      code: 'invalid_input',
      issues: [{ path: 'rep', code: 'invalid_user_id', message: expect.any(String) }],
      ja: '半角英数字とアンダースコア（_）のみ使用できます。',
      en: 'Use letters, digits and underscore only.',
    });
  });

  it.each(['0', '2a', '12345678901', '*'])('branch=%s is refused as not a menu path, naming branch', async (branch) => {
    expect(await refusal(`branch=${encodeURIComponent(branch)}`)).toEqual({
      code: 'invalid_input',
      issues: [{ path: 'branch', code: 'invalid_menu_branch', message: expect.any(String) }],
      ja: 'メニューの分岐は、各階層で押すキー（1〜9）を順に並べて指定してください（例：21）。最大10階層です。',
      en: 'A menu branch is the keys (1–9) pressed at each level, in order (e.g. 21), at most 10 levels.',
    });
  });

  it('of a well-formed value still answers', async () => {
    expect((await t.call('GET', '/api/analytics?preset=month&rep=sato&branch=21', { token: admin })).status).toBe(200);
  });
});

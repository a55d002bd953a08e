import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueText } from '../../../extension/locales/api-error-text.ts';
import { appWithSignedInAdmin, type TestApp } from '../support/app.ts';

/**
 * A whole number beyond ±2^53 (1e308, -1e308, 1e20) in a field with its own bounds: zod's `.int()`
 * reported it twice, once as the field's bound and once as "must have at most 9007199254740991
 * items" (or "Some of the input is not valid." below) — a list's words for a number, and a bound
 * nobody set. Now the field's own bound, once.
 */

let t: TestApp;
let admin: string;

beforeAll(async () => ({ t, admin } = await appWithSignedInAdmin()));
afterAll(() => t.close());

type Issue = { path: string; code: string; params?: Record<string, string | number> };
const issuesOf = async (response: Response) => ((await response.json()) as { error: { issues: Issue[] } }).error.issues;

describe('a whole number far out of range', () => {
  it.each([
    ['1e308', 1e308, { path: 'followUpDueHours', code: 'too_large', params: { max: 168 } }, { ja: '168 以下にしてください。', en: 'At most 168.' }],
    ['-1e308', -1e308, { path: 'followUpDueHours', code: 'too_small', params: { min: 0 } }, { ja: '0 以上にしてください。', en: 'At least 0.' }],
  ])('in the settings (%s) is refused once, with the field’s own bound', async (_case, followUpDueHours, expected, words) => {
    const response = await t.call('PUT', '/api/settings/hours', { token: admin, body: { followUpDueHours } });
    expect(response.status).toBe(400);
    const issues = await issuesOf(response);
    expect(issues).toEqual([expect.objectContaining(expected)]);
    // Worded for the admin in both languages, as a number.
    expect({ ja: issueText('ja', issues[0]!), en: issueText('en', issues[0]!) }).toEqual(words);
  });

  it('in a query (the call log’s limit) is refused once, with the limit’s own bound', async () => {
    const response = await t.call('GET', '/api/calls?limit=1e20', { token: admin });
    expect(response.status).toBe(400);
    expect(await issuesOf(response)).toEqual([expect.objectContaining({ path: 'limit', code: 'too_large', params: { max: 200 } })]);
  });
});

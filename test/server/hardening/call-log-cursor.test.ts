import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithSignedInAdmin, type TestApp } from '../support/app.ts';

/**
 * The call log's `cursor` is opaque, but anyone can write one: base64url of `<ISO instant>|<CallSid>`.
 * A cursor of year 0000 passed every check (JavaScript has a year 0, PostgreSQL does not) and the
 * database's refusal came back as a 500. A cursor this server could never have returned is now
 * `invalid_cursor`, naming the field, as other forged cursors already were.
 */

let t: TestApp;
let admin: string;

beforeAll(async () => ({ t, admin } = await appWithSignedInAdmin()));
afterAll(() => t.close());

const cursor = (raw: string) => Buffer.from(raw).toString('base64url');

describe('a forged call log cursor', () => {
  it.each(['0000-01-01T00:00:00.000Z|CAabc', '0000-12-31T23:59:59.999Z|CAabc'])('%s is refused naming cursor', async (raw) => {
    const response = await t.call('GET', `/api/calls?cursor=${cursor(raw)}`, { token: admin });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({ code: 'invalid_input', issues: [{ path: 'cursor', code: 'invalid_cursor' }] });
  });

  it('of a real instant still pages, even one before any call', async () => {
    const response = await t.call('GET', `/api/calls?cursor=${cursor('1970-01-01T00:00:00.000Z|CAabc')}`, { token: admin });
    expect(response.status).toBe(200);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { capturedLog } from '../support/captured-log.ts';

let t: TestApp;
afterEach(() => t.close());

const logLines = () => capturedLog('info');

describe('request logging', () => {
  it('tags every line of a request with its id, and with the user once signed in; one access line per response', async () => {
    const { lines, logger } = logLines();
    t = await createTestApp({ deps: { logger } });
    await t.addUser({ id: 'sato', name: '佐藤 花子', email: 'sato@example.jp', role: 'rep' });
    const token = await t.signIn('sato@example.jp');
    const response = await t.call('GET', '/api/me', { token });
    const requestId = response.headers.get('X-Request-Id');
    expect(requestId).toBeTruthy();

    const signIn = lines.filter((line) => line.path === '/api/auth/login' || line.event === 'login');
    expect(signIn.map((line) => line.msg)).toEqual(['signed in', 'request']);
    expect(new Set(signIn.map((line) => line.reqId)).size).toBe(1);
    expect(signIn[0]).toMatchObject({ userId: 'sato' });

    const access = lines.filter((line) => line.msg === 'request' && line.path === '/api/me');
    expect(access).toEqual([expect.objectContaining({ reqId: requestId, userId: 'sato', method: 'GET', status: 200 })]);
  });

  it('keeps the requests apart when they overlap', async () => {
    const { lines, logger } = logLines();
    t = await createTestApp({ deps: { logger } });
    await t.addUser({ id: 'sato', name: '佐藤 花子', email: 'sato@example.jp', role: 'rep' });
    await t.addUser({ id: 'suzuki', name: '鈴木 一郎', email: 'suzuki@example.jp', role: 'rep' });
    const [sato, suzuki] = await Promise.all([t.signIn('sato@example.jp'), t.signIn('suzuki@example.jp')]);
    const responses = await Promise.all([sato, suzuki, sato, suzuki].map((token) => t.call('GET', '/api/me', { token })));
    const ids = responses.map((response) => response.headers.get('X-Request-Id'));
    const access = lines.filter((line) => line.msg === 'request' && line.path === '/api/me');
    expect(access).toHaveLength(4);
    for (const [i, id] of ids.entries()) {
      expect(access.find((line) => line.reqId === id)).toMatchObject({ userId: i % 2 === 0 ? 'sato' : 'suzuki' });
    }
  });
});

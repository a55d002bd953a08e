import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithSignedInAdmin, type TestApp } from '../support/app.ts';

/**
 * The name of an uploaded audio file, as the admin's computer named it. It was cut at 200 UTF-16
 * units: an emoji across the cut became half a character, answered as such and stored as U+FFFD, so
 * the list showed another name than the upload's answer.
 */

let t: TestApp;
let admin: string;

beforeAll(async () => ({ t, admin } = await appWithSignedInAdmin()));
afterAll(() => t.close());

const MP3 = new Uint8Array([...new TextEncoder().encode('ID3'), 3, 0, 0, 0, 0, 0, 0]);
const listed = async () => ((await (await t.call('GET', '/api/audio', { token: admin })).json()) as { files: { id: string; name: string }[] }).files;

function upload(name: string) {
  const form = new FormData();
  form.append('file', new File([MP3], name, { type: 'audio/mpeg' }));
  return t.app.request('/api/audio', { method: 'POST', headers: { Authorization: `Bearer ${admin}` }, body: form });
}

describe('an uploaded file’s name', () => {
  it('is cut between characters, never inside one, and listed as answered', async () => {
    const name = `${'あ'.repeat(199)}📞.mp3`;
    const response = await upload(name);
    expect(response.status).toBe(201);
    const stored = (await response.json()) as { id: string; name: string };
    expect(stored.name).toBe(`${'あ'.repeat(199)}📞`);
    expect((await listed()).find((file) => file.id === stored.id)?.name).toBe(stored.name);
  });
});

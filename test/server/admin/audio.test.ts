import { describe, expect, it } from 'vitest';
import { checkAudioFiles } from '../../../server/phone-config/audio-rules.ts';
import { MAX_AUDIO_BYTES, sniffAudioType, storedAudioIds } from '../../../server/services/audio-service.ts';
import { editPhoneConfig } from '../../../server/services/phone-config-service.ts';
import { freshAdminEachTest, PUBLIC_URL } from './harness.ts';
import { wordedAs } from '../support/worded.ts';

const { t } = freshAdminEachTest();

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)));

const MP3_WITH_ID3 = bytes('ID3', [4, 0, 0, 0, 0, 0, 0], [0xff, 0xfb, 0x90, 0x64], new Array(400).fill(0));
const MP3_FRAME = bytes([0xff, 0xfb, 0x90, 0x64], new Array(400).fill(0x55));
const WAV = bytes('RIFF', [36, 0, 0, 0], 'WAVEfmt ', [16, 0, 0, 0, 1, 0, 1, 0, 0x40, 0x1f, 0, 0, 0x80, 0x3e, 0, 0, 2, 0, 16, 0], 'data', [0, 0, 0, 0]);
const PNG = bytes([0x89], 'PNG\r\n', [0x1a, 0x0a], new Array(100).fill(0));

function upload(file: Uint8Array, name: string, declaredType = 'audio/mpeg', token: string | null = t.token) {
  const form = new FormData();
  form.append('file', new File([file], name, { type: declaredType }));
  return t.admin.request('/api/audio', { method: 'POST', body: form, headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

describe('Audio uploads', () => {
  it.each([
    ['an mp3 with an ID3 tag', MP3_WITH_ID3, 'welcome.mp3', 'audio/mpeg'],
    ['an mp3 starting with a frame', MP3_FRAME, 'welcome.mp3', 'audio/mpeg'],
    ['a wav', WAV, 'welcome.wav', 'audio/wav'],
  ])('stores %s and serves it to Twilio without sign-in', async (_name, file, name, contentType) => {
    const response = await upload(file, name, 'application/octet-stream');
    expect(response.status).toBe(201);
    const stored = (await response.json()) as { id: string; url: string; contentType: string; size: number };
    expect(stored).toEqual({ id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), url: `${PUBLIC_URL}/media/${stored.id}`, contentType, size: file.length, name });

    const media = await t.admin.request(`/media/${stored.id}`);
    expect(media.status).toBe(200);
    expect(media.headers.get('Content-Type')).toBe(contentType);
    expect(media.headers.get('Cache-Control')).toContain('max-age');
    expect(new Uint8Array(await media.arrayBuffer())).toEqual(file);
  });

  it('accepts the raw body too, and gives every upload a different unguessable id', async () => {
    const send = () => t.admin.request('/api/audio?name=busy.wav', { method: 'POST', body: WAV, headers: { Authorization: `Bearer ${t.token}`, 'Content-Type': 'audio/wav' } });
    const [a, b] = [(await (await send()).json()) as { id: string }, (await (await send()).json()) as { id: string }];
    expect(a.id).not.toBe(b.id);
  });

  it('refuses a PNG named .mp3: the type is checked by content', async () => {
    const response = await upload(PNG, 'welcome.mp3', 'audio/mpeg');
    expect(response.status).toBe(415);
    const body = await response.json();
    expect(body).toMatchObject({ error: { code: 'audio_unsupported' } });
    expect(wordedAs('ja', body)).toContain('mp3 または wav');
    expect(await t.store.db.selectFrom('audio_files').select('id').execute()).toEqual([]);
  });

  it('refuses a file over 5 MB with 413', async () => {
    const big = new Uint8Array(MAX_AUDIO_BYTES + 1);
    big.set(MP3_WITH_ID3);
    const response = await upload(big, 'long.mp3');
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'audio_too_large' } });
  });

  it('refuses a raw body far over the limit before reading it', async () => {
    const response = await t.admin.request('/api/audio', {
      method: 'POST',
      body: new Uint8Array(MAX_AUDIO_BYTES * 2),
      headers: { Authorization: `Bearer ${t.token}`, 'Content-Type': 'audio/mpeg', 'Content-Length': String(MAX_AUDIO_BYTES * 2) },
    });
    expect(response.status).toBe(413);
  });

  it('serves an ID3 + HTML polyglot as a download no browser would render or run', async () => {
    const polyglot = bytes('ID3', [4, 0, 0, 0, 0, 0, 0], '<html><script>fetch("/api/me")</script></html>');
    const { id } = (await (await upload(polyglot, 'welcome.mp3', 'text/html')).json()) as { id: string };
    const media = await t.admin.request(`/media/${id}`);
    expect(Object.fromEntries(['Content-Type', 'X-Content-Type-Options', 'Content-Disposition', 'Content-Security-Policy'].map((name) => [name, media.headers.get(name)]))).toEqual({
      'Content-Type': 'audio/mpeg',
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': 'attachment',
      'Content-Security-Policy': "sandbox; default-src 'none'",
    });
  });

  it.each(['AAAAAAAAAAAAAAAAAAAAAA', 'not-an-id', '..%2F..%2Fetc'])('/media answers 404 for an unknown id (%s)', async (id) => {
    expect((await t.admin.request(`/media/${id}`)).status).toBe(404);
  });

  it('deletes an upload no number uses; refuses while one plays it', async () => {
    const { id } = (await (await upload(MP3_WITH_ID3, 'welcome.mp3')).json()) as { id: string };
    await t.addUser({ id: 'sato' });
    await t.addNumber({ number: '+81312345678', label: '代表', messages: { welcome: { type: 'audio', audioId: id } } });
    const refused = await t.api('DELETE', `/api/audio/${id}`, { headers: { 'Accept-Language': 'ja' } });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'audio_in_use', message: expect.stringContaining('代表') } });

    await t.store.db.deleteFrom('incoming_numbers').execute();
    expect((await t.api('DELETE', `/api/audio/${id}`)).status).toBe(204);
    expect((await t.admin.request(`/media/${id}`)).status).toBe(404);
    expect((await t.api('DELETE', `/api/audio/${id}`)).status).toBe(404);
  });

  it.each([
    ['a number’s closed message', { messages: { closed: { type: 'audio', audioId: '<id>' } }, hours: { weekly: { mon: [{ from: '09:00', to: '18:00' }] } } }],
    ['a number’s unavailable message', { messages: { unavailable: { type: 'audio', audioId: '<id>' } } }],
    ['a number’s hold music (also its waiting line’s)', { holdMusic: { type: 'audio', audioId: '<id>' } }],
  ])('refuses to delete the file while it is %s, naming the number', async (_what, definition) => {
    const { id } = (await (await upload(MP3_WITH_ID3, 'music.mp3')).json()) as { id: string };
    await t.addUser({ id: 'sato' });
    await t.addNumber({ number: '+81312345678', ...(JSON.parse(JSON.stringify(definition).replaceAll('<id>', id)) as object) });
    const refused = await t.api('DELETE', `/api/audio/${id}`);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'audio_in_use', params: { numbers: '03-1234-5678' } } });
    expect((await t.admin.request(`/media/${id}`)).status).toBe(200);
  });

  it('refuses to delete the hold music of outgoing calls', async () => {
    const { id } = (await (await upload(MP3_WITH_ID3, 'music.mp3')).json()) as { id: string };
    await t.store.db
      .updateTable('app_settings')
      .set({ settings: JSON.stringify({ defaultCountry: 'JP', allowedCountries: [], outgoingHoldMusic: { type: 'audio', audioId: id } }) })
      .where('id', '=', 1)
      .execute();
    const refused = await t.api('DELETE', `/api/audio/${id}`);
    expect(refused.status).toBe(409);
    const body: unknown = await refused.json();
    expect(body).toMatchObject({ error: { code: 'audio_in_use_outgoing' } });
    expect(wordedAs('ja', body)).toBe('この音声ファイルは発信時の保留音に使われています。先に別の保留音を選んでください。');
    expect(wordedAs('en', body)).toBe('This audio file is the hold music of outgoing calls. Choose other music there first.');
  });

  it('refuses to delete the recording announcement, saying so', async () => {
    const { id } = (await (await upload(MP3_WITH_ID3, 'notice.mp3')).json()) as { id: string };
    await t.store.db
      .updateTable('app_settings')
      .set({ settings: JSON.stringify({ defaultCountry: 'JP', allowedCountries: [], recordingNotice: { enabled: true, message: { type: 'audio', audioId: id } } }) })
      .where('id', '=', 1)
      .execute();
    const refused = await t.api('DELETE', `/api/audio/${id}`);
    expect(refused.status).toBe(409);
    const body: unknown = await refused.json();
    expect(body).toMatchObject({ error: { code: 'audio_in_use_recording_notice' } });
    expect(wordedAs('ja', body)).toBe('この音声ファイルは録音のお知らせに使われています。先に別のお知らせを選んでください。');
    expect(wordedAs('en', body)).toBe('This audio file is the recording announcement. Choose another announcement there first.');
    expect((await t.admin.request(`/media/${id}`)).status).toBe(200);
  });

  it('refuses a number that plays a file this server does not have, naming the field', async () => {
    await t.addUser({ id: 'sato' });
    const response = await t.api('POST', '/api/incoming', {
      body: { number: '03-1234-5678', label: '代表', messages: { busy: { type: 'audio', audioId: 'AAAAAAAAAAAAAAAAAAAAAA' } }, route: { type: 'ring', users: ['sato'], strategy: 'sequential' } },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { issues: [{ path: 'messages.busy.audioId', code: 'audio_not_found' }] } });
    expect(await t.store.db.selectFrom('incoming_numbers').select('number').execute()).toEqual([]);
  });

  it('refuses, in the save itself, a file deleted between the save’s early check and its write', async () => {
    // Admin B saves a number that now plays the file, while admin A deletes it: the steps of both
    // requests in an order the routes allow, with the very functions they call.
    const { id } = (await (await upload(MP3_WITH_ID3, 'welcome.mp3')).json()) as { id: string };
    await t.addUser({ id: 'sato' });
    const route = { type: 'ring', users: ['sato'], strategy: 'sequential', ringSeconds: 20, cycles: 1 };
    await t.addNumber({ number: '+81312345678', route: { type: 'ring', users: ['sato'], strategy: 'sequential', ringSeconds: 20, cycles: 1 } });
    const body = { number: '+81312345678', label: '代表', messages: { welcome: { type: 'audio', audioId: id } }, route };

    // B's PUT /api/incoming/:number, its early check (routes/incoming.ts): the file is there.
    expect(checkAudioFiles({ incoming: [body] }, await storedAudioIds(t.deps))).toEqual([]);
    // A's DELETE meanwhile: no number plays the file yet.
    expect((await t.api('DELETE', `/api/audio/${id}`)).status).toBe(204);
    // B's save: under the configuration's lock, it looks at the files again.
    const actor = await t.store.db.selectFrom('users').selectAll().where('id', '=', 'yamada').executeTakeFirstOrThrow();
    const saving = editPhoneConfig(t.deps, actor, (document) => {
      document.incoming[document.incoming.findIndex((item) => item.number === body.number)] = body;
    });
    await expect(saving).rejects.toMatchObject({ code: 'invalid_config', issues: [{ path: 'incoming[0].messages.welcome.audioId', code: 'audio_not_found' }] });
    expect((await t.api('GET', `/api/incoming/${encodeURIComponent(body.number)}`).then((r) => r.json())) as object).not.toHaveProperty('messages.welcome');
  });

  it('lets an edit keep a file another number already plays, even one this server no longer has', async () => {
    await t.addUser({ id: 'sato' });
    // Stored before files were checked on every save (or restored from an old backup).
    await t.addNumber({ number: '+81312345678', messages: { welcome: { type: 'audio', audioId: 'AAAAAAAAAAAAAAAAAAAAAA' } } });
    await t.addNumber({ number: '+81612345678' });
    const response = await t.api('PUT', `/api/incoming/${encodeURIComponent('+81612345678')}`, {
      body: { label: '大阪', route: { type: 'ring', users: ['sato'], strategy: 'sequential' } },
    });
    expect(response.status).toBe(200);
  });

  it('lists uploads for the options page', async () => {
    await upload(WAV, 'busy.wav');
    const { files } = (await (await t.api('GET', '/api/audio')).json()) as { files: { name: string; contentType: string }[] };
    expect(files).toMatchObject([{ name: 'busy.wav', contentType: 'audio/wav' }]);
  });

  it('uploading is for admins only', async () => {
    await t.addUser({ id: 'sato', email: 'sato@example.jp' });
    expect((await upload(WAV, 'x.wav', 'audio/wav', await t.signIn('sato@example.jp'))).status).toBe(403);
    expect((await upload(WAV, 'x.wav', 'audio/wav', null)).status).toBe(401);
  });

  it.each([
    [[0xff, 0xf1, 0x50, 0x80], null], // AAC (ADTS): same sync, reserved layer
    [[...Buffer.from('RIFF\0\0\0\0AVI ')], null],
    [[...Buffer.from('OggS')], null],
    [[0xff, 0xf3, 0x90, 0x64], 'audio/mpeg'], // MPEG-2 layer III
  ])('sniffs %j as %s', (header, expected) => {
    expect(sniffAudioType(new Uint8Array(header))).toBe(expected);
  });
});

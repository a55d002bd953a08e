import { describe, expect, it } from 'vitest';
import type { FollowUp } from '@/api/follow-up-schemas';
import { createFollowUpsApi } from '@/api/follow-ups-client';
import { createFollowUps, voicemailNotificationText } from '@/entrypoints/background/follow-ups';
import type { Session } from '@/storage/items';

const SERVER = 'https://phone.example.jp';
const SESSION: Session = { token: 'session-token', user: { id: 'sato', name: '佐藤 花子', email: 'sato@example.jp', role: 'rep' } };

const VOICEMAIL: FollowUp = {
  id: '21',
  kind: 'voicemail',
  callerNumber: '+81312345678',
  numberCalled: '+815011110000',
  numberLabel: '営業直通',
  calls: 1,
  lastCallSid: `CA${'2'.repeat(32)}`,
  lastCallAt: '2026-11-24T12:30:00Z',
  dueAt: '2026-11-24T16:30:00Z',
  owner: null,
  crmRecord: { module: 'Contacts', id: '1', name: '山田 太郎' },
  hasRecording: true,
  notify: true,
  mine: true,
  done: false,
};

function stored<T>(initial: T) {
  let value = initial;
  return { getValue: async () => value, setValue: async (next: T) => void (value = next) };
}

/** Our server's follow-up routes, as the background's fetch reaches them. */
function server(followUps: FollowUp[]) {
  const requests: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input));
    requests.push(`${init?.method ?? 'GET'} ${url.pathname} ${new Headers(init?.headers).get('authorization')}`);
    if (url.pathname === '/api/follow-ups') return Response.json({ followUps });
    if (url.pathname === '/api/follow-ups/21/recording') return new Response(new Uint8Array([0x49, 0x44, 0x33]), { headers: { 'content-type': 'audio/mpeg' } });
    if (url.pathname === '/api/waiting-line') return Response.json({ enabled: true, count: 2, longestWaitSeconds: 75, lines: [] });
    return Response.json({ error: { code: 'follow_up_not_found', message: 'No such follow-up among yours.' } }, { status: 404 });
  };
  return { fetch, requests };
}

function background(followUps: FollowUp[]) {
  const api = server(followUps);
  const notified: FollowUp[] = [];
  const memory = stored<string[]>([]);
  const model = createFollowUps({
    session: stored<Session | null>(SESSION),
    serverUrl: stored<string | null>(SERVER),
    notified: memory,
    notify: async (followUp) => void notified.push(followUp),
    createApi: (serverUrl, token) => createFollowUpsApi({ serverUrl, token, fetch: api.fetch }),
  });
  return { model, notified, memory, requests: api.requests };
}

describe('follow-ups in the background', () => {
  it('announces each new voicemail of the rep’s numbers once, across heartbeats', async () => {
    const { model, notified } = background([VOICEMAIL, { ...VOICEMAIL, id: '22', kind: 'missed', hasRecording: false }, { ...VOICEMAIL, id: '23', notify: false }, { ...VOICEMAIL, id: '24', mine: false }]);
    expect(await model.checkVoicemails()).toEqual(['21']);
    expect(await model.checkVoicemails()).toEqual([]);
    expect(notified.map((followUp) => followUp.id)).toEqual(['21']);
  });

  it('waits for the recording before announcing a voicemail', async () => {
    const { model, notified } = background([{ ...VOICEMAIL, hasRecording: false }]);
    expect(await model.checkVoicemails()).toEqual([]);
    expect(notified).toEqual([]);
  });

  it('hands the popup the list with the waiting line, and the voicemail as audio it can play', async () => {
    const { model, requests } = background([VOICEMAIL]);
    expect(await model.list()).toEqual({ followUps: [VOICEMAIL], waitingLine: { enabled: true, count: 2, longestWaitSeconds: 75, lines: [] } });
    expect(await model.audio('21')).toEqual({ dataUrl: 'data:audio/mpeg;base64,SUQz' });
    expect(requests).toContain('GET /api/follow-ups/21/recording Bearer session-token');
  });

  it('passes the server’s refusal on with its code', async () => {
    const { model } = background([]);
    await expect(model.complete('99')).rejects.toMatchObject({ code: 'follow_up_not_found' });
  });
});

describe('the voicemail notification', () => {
  it('names the caller from the CRM and the line called, in the rep’s language', () => {
    expect(voicemailNotificationText(VOICEMAIL, { language: 'ja', country: 'JP' })).toEqual({
      title: '留守番電話：山田 太郎',
      message: '営業直通 宛のメッセージ',
      buttons: [{ title: '再生' }],
    });
    expect(voicemailNotificationText(VOICEMAIL, { language: 'en', country: 'JP' })).toEqual({
      title: 'Voicemail from 山田 太郎',
      message: 'A message for 営業直通',
      buttons: [{ title: 'Play' }],
    });
  });

  it('shows the numbers as the rep reads them when there is no name or label', () => {
    const unnamed = { ...VOICEMAIL, crmRecord: null, numberLabel: null };
    expect(voicemailNotificationText(unnamed, { language: 'ja', country: 'JP' })).toMatchObject({
      title: '留守番電話：03-1234-5678',
      message: '050-1111-0000 宛のメッセージ',
    });
    expect(voicemailNotificationText({ ...unnamed, callerNumber: 'anonymous' }, { language: 'en', country: 'JP' }).title).toBe('Voicemail from Anonymous');
  });
});

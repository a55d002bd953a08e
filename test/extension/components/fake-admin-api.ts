import type { AdminApi } from '@/models/admin-api';
import type { IncomingNumber, PhoneConfig } from '@/models/phone-config-types';

export const OWNED = [
  { sid: 'PN1', phoneNumber: '+81312345678', friendlyName: '東京代表', inUseElsewhere: false, usedBy: null, incomingNumber: null, connected: false },
  {
    sid: 'PN2',
    phoneNumber: '+81612345678',
    friendlyName: '大阪',
    inUseElsewhere: true,
    usedBy: { kind: 'voice-url', target: 'https://old.example.com', message: { en: 'Voice URL https://old.example.com', ja: '音声 URL https://old.example.com' } },
    incomingNumber: null,
    connected: false,
  },
];

/** `GET /api/twilio/caller-ids`: the account's two numbers and one verified caller ID. */
export const CALLER_IDS = [
  { phoneNumber: '+81312345678', friendlyName: '東京代表', source: 'twilio-number' as const, sid: 'PN1' },
  { phoneNumber: '+81612345678', friendlyName: '大阪', source: 'twilio-number' as const, sid: 'PN2' },
  { phoneNumber: '+815012345678', friendlyName: '050-1234-5678', source: 'verified' as const, sid: 'PN3' },
];

/** `GET /api/crm` before any connection. */
export const CRM_DISCONNECTED = {
  connected: false as const,
  serverClient: true,
  outbox: { pending: 0, parked: 0 },
  settings: { deleteRecordingsAfterUpload: false },
};

export const NO_ACCOUNT = {
  configured: false, accountSid: null, friendlyName: null, status: null, type: null, authToken: null, apiKeySid: null, twimlAppSid: null,
};

/** An invitation as the server lists it, issued at the fake's fixed clock (2026-11-24 09:00 JST). */
export function fakeInvite(id: string, email: string, name: string | null, days: number) {
  const sentAt = '2026-11-24T00:00:00.000Z';
  return { id, email, name, status: 'pending' as const, sentAt, acceptedAt: null, expiresAt: new Date(Date.parse(sentAt) + days * 86_400_000).toISOString() };
}

/** An in-memory AdminApi with the server's shapes; override what a test needs. */
export function fakeAdminApi(overrides: Partial<AdminApi> = {}): AdminApi {
  const incoming: IncomingNumber[] = [];
  const api: Omit<AdminApi, 'editConfig'> & Partial<AdminApi> = {
    getConfig: async () => ({}),
    putConfig: async (document) => document,
    listUsers: async () => [
      { id: 'sato', name: '佐藤', email: 'sato@example.jp', role: 'rep', active: true },
      { id: 'suzuki', name: '鈴木', email: 'suzuki@example.jp', role: 'rep', active: true },
    ],
    createUser: async (user) => ({ id: 'new', active: true, ...user }),
    updateUser: async (id) => ({ id, name: '', email: '', role: 'rep', active: true }),
    listIncoming: async () => incoming,
    addIncoming: async (number) => (incoming.push(number), number),
    saveIncoming: async (number) => number,
    deleteIncoming: async () => undefined,
    listOutgoing: async () => [],
    saveOutgoing: async (row) => row,
    deleteOutgoing: async () => undefined,
    getPresence: async () => ({ reps: [], ringOrder: [] }),
    getTwilio: async () => NO_ACCOUNT,
    connectTwilio: async () => NO_ACCOUNT,
    listOwnedNumbers: async () => OWNED,
    listCallerIds: async () => CALLER_IDS,
    connectNumber: async (sid) => ({ number: { ...OWNED.find((n) => n.sid === sid)!, connected: true }, tookOverFrom: null }),
    disconnectNumber: async () => undefined,
    getSetupCheck: async () => ({ ok: true, findings: [], reps: [] }),
    fixSetupProblem: async () => ({ ok: true, findings: [], reps: [] }),
    listAudio: async () => [],
    uploadAudio: async (file) => ({ id: 'a'.repeat(32), url: `https://phone.example.jp/media/${'a'.repeat(32)}`, contentType: 'audio/mpeg', size: file.size, name: file.name }),
    deleteAudio: async () => undefined,
    preview: async () => ({ steps: [], outcome: 'hangup', summary: { en: '', ja: '' }, path: [] }),
    listCalls: async () => ({ calls: [], nextCursor: null }),
    updateCall: async () => ({}) as never,
    getCrm: async () => CRM_DISCONNECTED,
    zohoAuthorizeUrl: async (dataCentre) => `https://accounts.zoho.jp/oauth/v2/auth?client_id=1000.X&dc=${dataCentre}`,
    connectZoho: async () => ({ connected: false }),
    disconnectCrm: async () => undefined,
    syncCrmUsers: async () => ({ matched: [], unmatched: [], crmUsers: [] }),
    listParkedDeliveries: async () => [],
    retryDelivery: async (id) => ({ id, callSid: 'CA1', kind: 'log-call', status: 'pending', attempts: 0, lastError: null, updatedAt: '2026-11-24T03:00:00.000Z' }),
    retryParkedDeliveries: async () => 0,
    saveCrmSettings: async (settings) => settings,
    listInvites: async () => [],
    createInvites: async (entries, days) =>
      entries.map((entry, index) => ({
        invite: fakeInvite(`inv${index}`, entry.email, entry.name ?? null, days),
        token: `yi_${String(index).padStart(43, '0')}`,
        reissued: false,
        existingUser: false,
      })),
    resendInvite: async (id, days) => ({ invite: fakeInvite(id, 'sato@example.jp', null, days), token: `yi_${'9'.repeat(43)}`, reissued: true }),
    revokeInvite: async (id) => ({ ...fakeInvite(id, 'sato@example.jp', null, 7), status: 'revoked' }),
    getHoursSettings: async () => ({ timeZone: 'Asia/Tokyo', followUpDueHours: 4 }),
    saveHoursSettings: async (settings) => settings,
    getWaitingLine: async () => ({ enabled: true, count: 0, longestWaitSeconds: 0, lines: [] }),
    ...overrides,
  };
  // Read and write through the (overridden) getConfig and putConfig, as the real one does over HTTP.
  return { editConfig: async (change) => (await api.putConfig(change((await api.getConfig()) as PhoneConfig))) as PhoneConfig, ...api };
}

import { describe, expect, it } from 'vitest';
import { callLogEntrySchema, callLogPageSchema, callLogSearchParams, sortRecentCalls, type CallLogEntry } from '@/models/call-log';
import { createMessagingCallLog } from '@/models/messaging-call-log';
import type { BackgroundLink } from '@/models/messaging-phone-client';
import { backgroundMessage } from '@/messaging/protocol';

const entry = (sid: string, direction: 'inbound' | 'outbound', status: string, startedAt: string): CallLogEntry => ({
  sid,
  direction,
  status,
  startedAt,
  from: '+81312345678',
  to: '+81501234567',
});

describe('recent calls', () => {
  it('puts missed calls first, each group newest first', () => {
    const sorted = sortRecentCalls([
      entry('CA1', 'outbound', 'completed', '2025-01-10T09:00:00Z'),
      entry('CA2', 'inbound', 'missed', '2025-01-09T09:00:00Z'),
      entry('CA3', 'inbound', 'completed', '2025-01-11T09:00:00Z'),
      entry('CA4', 'inbound', 'voicemail', '2025-01-10T12:00:00Z'),
      entry('CA5', 'outbound', 'busy', '2025-01-12T09:00:00Z'),
    ]);
    expect(sorted.map((call) => call.sid)).toEqual(['CA4', 'CA2', 'CA5', 'CA3', 'CA1']);
  });

  it('builds the call log query from the filters that are set', () => {
    expect(callLogSearchParams({ direction: 'inbound', status: 'missed', rep: '', limit: 20 })).toBe(
      '?direction=inbound&status=missed&limit=20',
    );
    expect(callLogSearchParams()).toBe('');
  });
});

describe('call log entries as the server sends them (GET /api/calls)', () => {
  const server = {
    callSid: 'CA0001', direction: 'inbound', from: '+819012345678', fromAnonymous: false, to: 'client:rep_1',
    numberCalled: '+81501234567', numberLabel: '代表番号', ivrPath: ['営業', '新規'], status: 'completed', reason: null,
    rep: 'rep_1', rang: ['rep_1', 'rep_2'], startedAt: '2025-01-10T01:00:00.000Z', answeredAt: '2025-01-10T01:00:05.000Z',
    endedAt: '2025-01-10T01:02:05.000Z', durationSeconds: 120, legs: [], recordings: [],
    crmRecord: { module: 'Contacts', id: '42', name: '株式会社テスト', url: 'https://crm.zoho.jp/crm/org1/tab/Contacts/42' },
    note: null, disposition: 'won', involvement: 'party',
  };

  it('reads an answered incoming call with its CRM record', () => {
    expect(callLogEntrySchema.parse(server)).toEqual({
      sid: 'CA0001',
      direction: 'inbound',
      from: '+819012345678',
      fromAnonymous: false,
      to: 'client:rep_1',
      calledNumber: '+81501234567',
      calledLabel: '代表番号',
      ivrPath: ['営業', '新規'],
      status: 'completed',
      reason: null,
      startedAt: '2025-01-10T01:00:00.000Z',
      answeredAt: '2025-01-10T01:00:05.000Z',
      endedAt: '2025-01-10T01:02:05.000Z',
      duration: 120,
      rep: 'rep_1',
      record: { module: 'Contacts', id: '42', name: '株式会社テスト', url: 'https://crm.zoho.jp/crm/org1/tab/Contacts/42' },
      note: null,
      disposition: 'won',
      involvement: 'party',
    });
  });

  it.each([
    ['a withheld caller', { from: null, fromAnonymous: true }, { from: null, fromAnonymous: true }],
    ['an outgoing call (the rep is the caller)', { direction: 'outbound', from: null, to: '+14155550100' }, { from: 'client:rep_1', to: '+14155550100' }],
    ['a record stored without a URL (outgoing click)', { crmRecord: { module: 'Leads', id: '7', name: '山田' } }, { record: { module: 'Leads', id: '7', name: '山田', url: null } }],
    ['a record with a javascript: URL', { crmRecord: { module: 'Leads', id: '7', url: 'javascript:alert(1)' } }, { record: { module: 'Leads', id: '7', name: null, url: null } }],
    ['a caller-match miss', { crmRecord: null }, { record: null }],
    ['a call a colleague took after it rang here', { involvement: 'rung', note: null, disposition: null }, { involvement: 'rung', note: null, disposition: null }],
    ['an entry from a server that does not say (an admin looking on)', { involvement: null }, { involvement: null }],
  ])('reads %s', (_name, change, expected) => {
    expect(callLogEntrySchema.parse({ ...server, ...change })).toMatchObject(expected);
  });

  it('reads a page of entries with its cursor', () => {
    expect(callLogPageSchema.parse({ calls: [server], nextCursor: 'abc' })).toMatchObject({ calls: [{ sid: 'CA0001' }], nextCursor: 'abc' });
  });
});

describe('the wrap-up and recent calls through the background', () => {
  const link = (reply: unknown) => {
    const sent: unknown[] = [];
    return {
      sent,
      link: {
        send: (async (message: unknown) => (sent.push(message), reply)) as BackgroundLink['send'],
        onStateChanged: () => () => undefined,
      },
    };
  };

  it('lists the server’s entries, skipping one it cannot read', async () => {
    const { link: background, sent } = link({ calls: [{ callSid: 'CA1', direction: 'outbound', from: null, to: '+14155550100', status: 'busy', startedAt: '2025-01-10T01:00:00Z' }, { sid: 'old' }] });
    const page = await createMessagingCallLog(background).listCalls({ limit: 5 });
    expect(page.calls.map((call) => [call.sid, call.to])).toEqual([['CA1', '+14155550100']]);
    expect(sent).toEqual([{ type: 'recentCalls', limit: 5 }]);
  });

  it('saves the note and the disposition as the rep chose it', async () => {
    const { link: background, sent } = link(null);
    await createMessagingCallLog(background).updateCall('CA1', { note: '見積り送付', disposition: 'call-back' });
    await createMessagingCallLog(background).updateCall('CA1', { note: '', disposition: null });
    expect(sent).toEqual([{ type: 'finishWrapUp', note: '見積り送付', disposition: 'call-back' }, { type: 'finishWrapUp' }]);
  });

  it('keeps the note in the history of a call someone else finishes, as a message the background accepts', async () => {
    const { link: background, sent } = link(null);
    await createMessagingCallLog(background).keepNote?.('CA1', '見積り送付');
    expect(sent).toEqual([{ type: 'finishWrapUp', note: '見積り送付', keep: 'history' }]);
    expect(backgroundMessage.safeParse(sent[0]).success).toBe(true);
  });
});

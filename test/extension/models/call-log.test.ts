import { describe, expect, it } from 'vitest';
import { callLogSearchParams, sortRecentCalls, type CallLogEntry } from '@/models/call-log';

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

import { describe, expect, it } from 'vitest';
import { isDraftOf, readDraft, type WrapUpCall } from '@/models/wrap-up-draft';

const SID_A = `CA${'a'.repeat(32)}`;
const SID_B = `CA${'b'.repeat(32)}`;

describe('whose wrap-up a stored draft is', () => {
  it.each<[string, WrapUpCall, WrapUpCall, boolean]>([
    ['the same CallSid', { callId: 'a', callSid: SID_A }, { callId: 'a', callSid: SID_A }, true],
    ['the same CallSid, whatever our id says', { callId: 'a', callSid: SID_A }, { callId: 'a2', callSid: SID_A }, true],
    ['another CallSid, even with our same id', { callId: 'a', callSid: SID_A }, { callId: 'a', callSid: SID_B }, false],
    ['no CallSid yet when typed: our id', { callId: 'c', callSid: null }, { callId: 'c', callSid: SID_A }, true],
    ['no CallSid in view: our id', { callId: 'c', callSid: SID_A }, { callId: 'c', callSid: null }, true],
    ['no CallSid, another id', { callId: 'c', callSid: null }, { callId: 'd', callSid: null }, false],
    ['nothing known of either', { callId: null, callSid: null }, { callId: null, callSid: null }, false],
  ])('%s → %s', (_name, draft, call, expected) => {
    expect(isDraftOf(draft, call)).toBe(expected);
  });

  it('reads back only a draft of the shape it writes', () => {
    const draft = { callId: 'a', callSid: SID_A, note: '見積もり送付', disposition: 'won' };
    expect(readDraft(draft)).toEqual(draft);
    expect([readDraft(null), readDraft({ ...draft, disposition: 'sold' }), readDraft({ note: 'x' })]).toEqual([null, null, null]);
  });
});

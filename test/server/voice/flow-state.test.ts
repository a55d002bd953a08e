import { describe, expect, it } from 'vitest';
import { menuUrl, parseMenuState, parseRingState, ringUrl } from '../../../server/voice/flow-state.ts';

const query = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe('call-flow state in action URLs', () => {
  it('round-trips the menu position', () => {
    const state = { language: 'en-US' as const, path: [2, 1], tries: 2 };
    const url = menuUrl('https://phone.example.jp', state);
    expect(url).toMatchInlineSnapshot(`"https://phone.example.jp/twilio/voice/menu?l=en-US&n=21&t=2"`);
    expect(parseMenuState(query(url))).toEqual(state);
  });

  it('round-trips the ring position', () => {
    const state = { language: 'ja-JP' as const, path: [1], cycle: 2, queue: ['sato', 'rep_2'], index: 1, dialed: ['sato'] };
    const url = ringUrl('https://phone.example.jp', state);
    expect(url).toMatchInlineSnapshot(`"https://phone.example.jp/twilio/voice/ring?l=ja-JP&n=1&c=2&q=sato.rep_2&i=1&d=sato"`);
    expect(parseRingState(query(url))).toEqual(state);
  });

  it.each([
    [{}, { language: 'ja-JP', path: [], tries: 0 }],
    [{ l: 'xx', n: '1a', t: '-4' }, { language: 'ja-JP', path: [], tries: 0 }],
    [{ l: 'en-GB', n: '123456', t: '1' }, { language: 'en-GB', path: [], tries: 1 }],
  ])('reads a missing or malformed menu query %j as %j', (input, expected) => {
    expect(parseMenuState(input)).toEqual(expected);
  });

  it('reads a malformed ring query as the start of the plan', () => {
    expect(parseRingState({ c: '9', q: 'a,b', i: 'x' })).toEqual({ language: 'ja-JP', path: [], cycle: 1, queue: [], index: 0, dialed: [] });
  });
});

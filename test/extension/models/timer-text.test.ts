import { describe, expect, it } from 'vitest';
import { timerText } from '@/models/timer-text';

describe('a call’s clock, written one way on every screen', () => {
  it.each([
    [0, '0:00'],
    [42, '0:42'],
    [42.9, '0:42'],
    [725, '12:05'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [3725, '1:02:05'],
    [36_000 + 61, '10:01:01'],
    [-3, '0:00'],
  ])('%d s reads %s', (seconds, text) => {
    expect(timerText(seconds)).toBe(text);
  });
});

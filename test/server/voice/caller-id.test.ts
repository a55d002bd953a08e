import { describe, expect, it } from 'vitest';
import { callerNumber, clientIdentity, isAnonymousCaller } from '../../../server/voice/caller-id.ts';

describe('withheld caller IDs', () => {
  it.each([
    ['+266696687', true],
    ['+7378742833', true],
    ['+2562533', true],
    ['+8656696', true],
    ['+86282452253', true],
    ['Anonymous', true],
    ['RESTRICTED', true],
    ['private', true],
    ['', true],
    ['+81312345678', false],
    ['+26669668', false],
    ['client:sato', false],
  ])('%j is anonymous: %s', (from, anonymous) => {
    expect(isAnonymousCaller(from)).toBe(anonymous);
    expect(callerNumber(from)).toBe(anonymous ? null : from);
  });
});

describe('client identities', () => {
  it.each([
    ['client:sato', 'sato'],
    ['client:rep_1', 'rep_1'],
    ['client:', null],
    ['+81312345678', null],
    ['client:a b', null],
  ])('%j → %j', (address, identity) => {
    expect(clientIdentity(address)).toBe(identity);
  });
});

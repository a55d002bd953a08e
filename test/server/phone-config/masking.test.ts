import { describe, expect, it } from 'vitest';
import { isMasked, MASK, maskConfigForRead, maskSecret } from '../../../server/phone-config/masking.ts';
import { validatePhoneConfig } from '../../../server/phone-config/validate.ts';
import { exampleDocument } from './documents.ts';

describe('maskSecret', () => {
  it.each([
    ['f3c2a9d8e7b6a5f4e3d2c1b0a9f81a2b', '••••1a2b'],
    ['0123456789abcdef', '••••cdef'],
    ['short-secret', '••••'],
    ['abcd', '••••'],
  ])('shows %s as %s', (secret, masked) => {
    expect(maskSecret(secret)).toBe(masked);
  });

  it.each([[''], [undefined], [null]])('leaves %j unset', (value) => {
    expect(maskSecret(value)).toBeUndefined();
  });
});

describe('isMasked', () => {
  it.each([
    [MASK, true],
    ['••••1a2b', true],
    ['f3c2a9d8e7b6a5f4e3d2c1b0a9f81a2b', false],
    ['', false],
    [undefined, false],
    [42, false],
  ])('%j → %s', (value, expected) => {
    expect(isMasked(value)).toBe(expected);
  });
});

describe('maskConfigForRead', () => {
  const result = validatePhoneConfig(exampleDocument());
  if (!result.ok) throw new Error('the example must validate');
  const read = maskConfigForRead(result.config);

  it('masks the Twilio secrets and keeps the rest of the Twilio settings readable', () => {
    expect(read.twilio).toEqual({
      accountSid: 'AC0123456789abcdef0123456789abcdef',
      authToken: '••••1a2b',
      apiKeySid: 'SK0123456789abcdef0123456789abcdef',
      apiKeySecret: '••••c3dq',
      twimlAppSid: 'AP0123456789abcdef0123456789abcdef',
    });
  });

  it('never shows a password, not even masked', () => {
    expect(read.users.map((user) => 'password' in user)).toEqual([false, false, false]);
    expect(JSON.stringify(read)).not.toContain('kanri-sha-2024');
    expect(JSON.stringify(read)).not.toContain('f3c2a9d8');
  });

  it('does not touch the stored document', () => {
    expect(result.config.twilio.authToken).toBe('f3c2a9d8e7b6a5f4e3d2c1b0a9f81a2b');
    expect(result.config.users[0]?.password).toBe('kanri-sha-2024');
  });

  it('leaves unset secrets out rather than showing an empty mask', () => {
    const { authToken: _token, apiKeySecret: _secret, ...twilio } = result.config.twilio;
    expect(maskConfigForRead({ ...result.config, twilio }).twilio).not.toHaveProperty('authToken');
  });
});

import { describe, expect, it } from 'vitest';
import { validateIncomingNumber, validateOutgoing, validateUser, validateUserRemoval } from '../../../server/phone-config/resources.ts';
import { formatIssues, validatePhoneConfig, type ConfigIssue } from '../../../server/phone-config/validate.ts';
import type { PhoneConfig } from '../../../server/phone-config/schema.ts';
import { exampleDocument } from './documents.ts';

function currentConfig(): PhoneConfig {
  const result = validatePhoneConfig(exampleDocument());
  if (!result.ok) throw new Error('the example must validate');
  return result.config;
}
const lines = (result: { ok: true } | { ok: false; issues: ConfigIssue[] }) => (result.ok ? [] : formatIssues(result.issues));

const tanaka = { id: 'tanaka', name: '田中 美咲', email: 'tanaka@example.jp', role: 'rep', password: 'misaki-2024' };
const sato = { id: 'sato', name: '佐藤 花子', email: 'sato@example.jp', role: 'rep' };
const lineToSales = {
  number: '06-6123-4567',
  label: '大阪営業所',
  voice: { language: 'ja-JP' },
  route: { type: 'ring', users: ['sato'], strategy: 'simultaneous', ringSeconds: 20 },
};

describe('users, one at a time', () => {
  it('adds a user and gives back the new document', () => {
    const result = validateUser(tanaka, { config: currentConfig() });
    expect(lines(result)).toEqual([]);
    if (!result.ok) return;
    expect(result.value).toEqual({ ...tanaka, crmUserId: null, active: true });
    expect(result.config.users.map((user) => user.id)).toEqual(['yamada', 'sato', 'suzuki', 'tanaka']);
  });

  it('keeps a user’s password when the edit leaves it out or masked', () => {
    for (const password of [undefined, '••••']) {
      const result = validateUser({ ...sato, name: '佐藤 花子（営業）', password }, { config: currentConfig(), replacing: 'sato' });
      expect(result.ok && result.value).toMatchObject({ name: '佐藤 花子（営業）', password: undefined });
    }
  });

  it.each([
    ['an email already in use, in another case', { ...tanaka, email: 'SUZUKI@example.jp' }, undefined, ['email: e-mail "SUZUKI@example.jp" is used by another user']],
    ['a short password', { ...tanaka, password: 'tanaka' }, undefined, ['password: a password needs at least 8 characters']],
    ['an id already in use', { ...tanaka, id: 'suzuki' }, undefined, ['id: user id "suzuki" is used by another user']],
    ['a missing email', { ...tanaka, email: undefined }, undefined, ['email: required']],
    ['a new id for an existing user', { ...sato, id: 'sato2' }, 'sato', ["id: A user's id cannot change: it is their identity for Twilio and in the call log."]],
    ['an edit of a user that does not exist', { ...tanaka }, 'tanaka', ['There is no user "tanaka".']],
    ['demoting the only admin', { id: 'yamada', name: '山田 太郎', email: 'yamada@example.jp', role: 'rep' }, 'yamada', [
      'users: at least one active admin is required, or nobody could manage the phone setup',
    ]],
    ['deactivating a rep who is still rung', { ...sato, active: false }, 'sato', [
      'incoming[0].route.menu[0].action.users[0]: user "sato" is deactivated',
      'incoming[0].route.menu[1].action.menu[1].action.users[1]: user "sato" is deactivated',
      'incoming[1].route.users[0]: user "sato" is deactivated',
    ]],
  ])('refuses %s', (_case, input, replacing, expected) => {
    expect(lines(validateUser(input, { config: currentConfig(), ...(replacing ? { replacing } : {}) }))).toEqual(expected);
  });
});

describe('removing a user', () => {
  it('removes their outgoing number with them', () => {
    const added = validateOutgoing({ user: 'tanaka', number: '06-6123-4567' }, { config: (validateUser(tanaka, { config: currentConfig() }) as { config: PhoneConfig }).config });
    if (!added.ok) throw new Error(formatIssues(added.issues).join('\n'));
    const result = validateUserRemoval('tanaka', { config: added.config });
    expect(lines(result)).toEqual([]);
    expect(result.ok && result.config.outgoing.map((assignment) => assignment.user)).toEqual(['sato', 'suzuki']);
  });

  it.each([
    ['a rep who is still rung', 'suzuki', [
      'incoming[0].route.menu[0].action.users[1]: unknown user "suzuki"',
      'incoming[0].route.menu[1].action.menu[0].action.users[0]: unknown user "suzuki"',
      'incoming[1].route.users[1]: unknown user "suzuki"',
    ]],
    ['the only admin', 'yamada', [
      'users: at least one active admin is required, or nobody could manage the phone setup',
      'incoming[0].route.menu[1].action.menu[1].action.users[0]: unknown user "yamada"',
    ]],
    ['a user who does not exist', 'tanaka', ['There is no user "tanaka".']],
  ])('refuses to remove %s', (_case, id, expected) => {
    expect(lines(validateUserRemoval(id, { config: currentConfig() }))).toEqual(expected);
  });
});

describe('incoming numbers, one at a time', () => {
  it('adds a number typed in national format, stored in E.164', () => {
    const result = validateIncomingNumber(lineToSales, { config: currentConfig() });
    expect(lines(result)).toEqual([]);
    expect(result.ok && result.value.number).toBe('+81661234567');
    expect(result.ok && result.config.incoming).toHaveLength(3);
  });

  it('edits a number found by its national form', () => {
    const result = validateIncomingNumber({ ...lineToSales, number: '050-1234-5678' }, { config: currentConfig(), replacing: '050-1234-5678' });
    expect(lines(result)).toEqual([]);
    expect(result.ok && result.config.incoming.map((incoming) => incoming.label)).toEqual(['代表', '大阪営業所']);
  });

  it.each([
    ['a number already configured', { ...lineToSales, number: '03-1234-5678' }, undefined, ['number: 03-1234-5678 is configured more than once']],
    ['an unknown user in its route', { ...lineToSales, route: { ...lineToSales.route, users: ['kato'] } }, undefined, ['route.users[0]: unknown user "kato"']],
    ['an invalid number', { ...lineToSales, number: '06-6123' }, undefined, ['number: "06-6123" is not a valid phone number (national numbers are read as JP)']],
    ['no route', { ...lineToSales, route: undefined }, undefined, ['route: required']],
    ['an edit of a number that is not configured', lineToSales, '+81661234567', ['+81661234567 is not one of the incoming numbers.']],
  ])('refuses %s', (_case, input, replacing, expected) => {
    expect(lines(validateIncomingNumber(input, { config: currentConfig(), ...(replacing ? { replacing } : {}) }))).toEqual(expected);
  });
});

describe('outgoing numbers, one at a time', () => {
  it('gives the admin an outgoing number', () => {
    const result = validateOutgoing({ user: 'yamada', number: '０５０－１２３４－５６７８' }, { config: currentConfig() });
    expect(result.ok && result.value).toEqual({ user: 'yamada', number: '+815012345678', record: false });
  });

  it('changes a rep’s outgoing number', () => {
    const result = validateOutgoing({ user: 'sato', number: '050-1234-5678', record: false }, { config: currentConfig(), replacing: 'sato' });
    expect(result.ok && result.config.outgoing).toEqual([
      { user: 'sato', number: '+815012345678', record: false },
      { user: 'suzuki', number: '+81312345678', record: false },
    ]);
  });

  it.each([
    ['a second number for a rep', { user: 'sato', number: '050-1234-5678' }, undefined, ['user: user "sato" already has an outgoing number']],
    ['an unknown user', { user: 'kato', number: '050-1234-5678' }, undefined, ['user: unknown user "kato"']],
    ['a user with no number yet, edited', { user: 'yamada', number: '050-1234-5678' }, 'yamada', ['"yamada" has no outgoing number.']],
  ])('refuses %s', (_case, input, replacing, expected) => {
    expect(lines(validateOutgoing(input, { config: currentConfig(), ...(replacing ? { replacing } : {}) }))).toEqual(expected);
  });
});

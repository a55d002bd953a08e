import { describe, expect, it } from 'vitest';
import { maskConfigForRead } from '../../../server/phone-config/masking.ts';
import { formatIssues, validatePhoneConfig, type StoredSecrets } from '../../../server/phone-config/validate.ts';
import { issue } from '../../../server/validation/issues.ts';
import { changed, exampleDocument, problems, type Doc } from './documents.ts';

const stored: StoredSecrets = { twilio: { authToken: 'f3c2a9d8e7b6a5f4e3d2c1b0a9f81a2b', apiKeySecret: 'Qm9yZWFsaXNIbnRlY2hub2xvZ3k9c3dq' } };

function accepted(document: unknown, options?: Parameters<typeof validatePhoneConfig>[1]) {
  const result = validatePhoneConfig(document, options);
  if (!result.ok) throw new Error(formatIssues(result.issues).join('\n'));
  return result.config;
}

describe('keys the schema does not know', () => {
  // Dropped, they would leave the admin with the default and no word: one round instead of two, 20 s instead of 40.
  it.each([
    ['`cycles` on an IVR key (which spells it `repeat`)', (doc: Doc) => (doc.incoming[0].route.menu[0].action.cycles = 2), 'incoming[0].route.menu[0].action.cycles'],
    ['`repeat` on a direct number (which spells it `cycles`)', (doc: Doc) => (doc.incoming[1].route.repeat = true), 'incoming[1].route.repeat'],
    ['a misspelt `ringSecond`', (doc: Doc) => (doc.incoming[1].route.ringSecond = 40), 'incoming[1].route.ringSecond'],
    ['a field of the number', (doc: Doc) => (doc.incoming[1].greeting = 'こんにちは'), 'incoming[1].greeting'],
    ['a field of a prompt', (doc: Doc) => (doc.incoming[0].messages.welcome.voice = 'Polly.Takumi'), 'incoming[0].messages.welcome.voice'],
    ['a field of business hours', (doc: Doc) => (doc.incoming[1].hours = { weekly: {}, holiday: 'open' }), 'incoming[1].hours.holiday'],
    ['a field of a user', (doc: Doc) => (doc.users[1].phone = '090-1234-5678'), 'users[1].phone'],
    ['a field of the document', (doc: Doc) => (doc.version = 2), 'version'],
  ])('refuses %s at its path', (_case, edit, path) => {
    const result = validatePhoneConfig(changed(edit));
    const field = path.split('.').at(-1)!;
    expect(result.ok ? [] : result.issues).toEqual([issue(path, 'unknown_fields', { fields: field })]);
  });

  it('reports each unknown key of one object on its own', () => {
    expect(problems(changed((doc: Doc) => Object.assign(doc.incoming[1].route, { repeat: true, ringSecond: 40 })))).toEqual([
      'incoming[1].route.repeat: unknown field(s): repeat',
      'incoming[1].route.ringSecond: unknown field(s): ringSecond',
    ]);
  });
});

describe('the whole phone configuration', () => {
  it('accepts the example setup: an IVR with a submenu, a direct line, two outgoing numbers', () => {
    expect(problems(exampleDocument())).toEqual([]);
  });

  it('stores it with numbers in E.164 and the defaults filled in', () => {
    const config = accepted(exampleDocument());
    expect(config.incoming[1]).toEqual({
      number: '+815012345678',
      label: 'サポート直通',
      enabled: true,
      record: false,
      voice: { language: 'ja-JP' },
      messages: {
        welcome: { type: 'url', url: 'https://example.jp/welcome.mp3' },
        unavailable: { type: 'text', text: 'ただいま電話に出ることができません。' },
      },
      welcomeSkippable: false,
      voicemailMaxSeconds: 120,
      route: { type: 'ring', users: ['sato', 'suzuki'], strategy: 'sequential', ringSeconds: 15, cycles: 2 },
    });
    expect(config.users[2]).toEqual({ id: 'suzuki', name: '鈴木 一郎', email: 'suzuki@example.jp', role: 'rep', password: undefined, crmUserId: null, active: true });
    expect(config.outgoing[1]).toEqual({ user: 'suzuki', number: '+81312345678', record: false });
  });

  it('refuses the issue’s example (without its placeholder Twilio SIDs) only because nobody could administer it', () => {
    const { twilio: _placeholders, ...document } = exampleDocument();
    document.users = document.users.filter((user: Doc) => user.role !== 'admin');
    document.incoming[0].route.menu[1].action.menu.pop();
    expect(problems(document)).toEqual(['users: at least one active admin is required, or nobody could manage the phone setup']);
  });

  it('lists every problem at once, in document order', () => {
    const document = changed((doc: Doc) => {
      doc.outgoing[0].user = 'tanaka';
      // A submenu has no reps to ring: the field is not the submenu's.
      doc.incoming[0].route.menu[1].action.users = ['sato'];
      doc.incoming[0].route.menu[0].action.users[1] = 'tanaka';
      doc.incoming[0].route.menu[0].action.ringSeconds = 90;
    });
    expect(problems(document)).toEqual([
      'incoming[0].route.menu[0].action.users[1]: unknown user "tanaka"',
      'incoming[0].route.menu[0].action.ringSeconds: must be at most 60',
      'incoming[0].route.menu[1].action.users: unknown field(s): users',
      'outgoing[0].user: unknown user "tanaka"',
    ]);
  });

  it('reports problems in one part even when another part has the wrong shape', () => {
    const document = changed((doc: Doc) => {
      doc.twilio.accountSid = 'AC123';
      doc.incoming[1].route.users = ['sato', 'sato'];
      doc.users.push({ id: 'tanaka', email: 'yamada@example.jp', role: 'rep' });
    });
    expect(problems(document)).toEqual([
      'twilio.accountSid: an Account SID is AC followed by 32 hex digits',
      'users[3].email: e-mail "yamada@example.jp" is used by another user',
      'users[3].name: required',
      'incoming[1].route.users[1]: user "sato" is listed twice',
    ]);
  });

  it.each([
    ['a list', [], ['must be an object', 'users: at least one active admin is required, or nobody could manage the phone setup']],
    ['nothing', null, ['must be an object', 'users: at least one active admin is required, or nobody could manage the phone setup']],
    ['a list of users', { users: {} }, ['users: must be a list', 'users: at least one active admin is required, or nobody could manage the phone setup']],
  ])('refuses %s instead of a document', (_case, document, expected) => {
    expect(problems(document)).toEqual(expected);
  });

  it('formats each problem as one line an admin can read', () => {
    expect(formatIssues([issue('incoming[0].route.menu[1].action.users[0]', 'unknown_user', { user: 'tanaka' }), issue('', 'expected_object')])).toEqual([
      'incoming[0].route.menu[1].action.users[0]: unknown user "tanaka"',
      'must be an object',
    ]);
  });
});

describe('export and re-import', () => {
  const exported = () => JSON.parse(JSON.stringify(maskConfigForRead(accepted(exampleDocument())))) as Doc;

  it('re-imports an export as is, keeping the stored secrets and passwords', () => {
    const config = accepted(exported(), { stored });
    expect(config.twilio.authToken).toBeUndefined();
    expect(config.twilio.apiKeySecret).toBeUndefined();
    expect(config.users.map((user) => user.password)).toEqual([undefined, undefined, undefined]);
  });

  it('gives back the same document apart from the write-only fields', () => {
    const original = accepted(exampleDocument());
    const again = accepted(exported(), { stored });
    expect(maskConfigForRead(again)).toEqual({ ...maskConfigForRead(original), twilio: { ...maskConfigForRead(original).twilio, authToken: undefined, apiKeySecret: undefined } });
    expect(again.incoming).toEqual(original.incoming);
    expect(again.outgoing).toEqual(original.outgoing);
  });

  it('survives a second round trip unchanged', () => {
    const once = accepted(exported(), { stored });
    expect(accepted(JSON.parse(JSON.stringify(once)), { stored })).toEqual(once);
  });

  it('accepts masked secrets without checking them when the stored ones are not given', () => {
    expect(accepted(exported()).twilio.authToken).toBeUndefined();
  });

  it('takes a new secret typed over the masked one', () => {
    const document = exported();
    document.twilio.authToken = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
    expect(accepted(document, { stored }).twilio.authToken).toBe('0a1b2c3d4e5f60718293a4b5c6d7e8f9');
  });

  it('takes a new password, and refuses a short one', () => {
    const document = exported();
    document.users[1].password = 'atarashii-pass';
    expect(accepted(document, { stored }).users[1]?.password).toBe('atarashii-pass');
    document.users[1].password = 'short';
    expect(problems(document, { stored })).toEqual(['users[1].password: a password needs at least 8 characters']);
  });

  it.each([
    ['nothing is stored', { twilio: {} }, ['twilio.authToken: no value is stored on this server to keep: enter it', 'twilio.apiKeySecret: no value is stored on this server to keep: enter it']],
    ['other secrets are stored (an export from another server)', { twilio: { authToken: '99999999999999999999999999999999', apiKeySecret: stored.twilio?.apiKeySecret } }, [
      'twilio.authToken: ••••1a2b does not match the stored value (••••9999): enter it, or leave the field out to keep the stored one',
    ]],
  ])('refuses masked secrets when %s', (_case, here, expected) => {
    expect(problems(exported(), { stored: here })).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { inviteLink, parseInviteLink } from '@/models/invite-link';
import { parseInviteList } from '@/models/invite-list';

const TOKEN = `yi_${'A1b2C3d4E5'.repeat(4)}xyz`;

describe('what an admin pastes to invite reps', () => {
  it.each([
    ['one address per line', 'sato@example.jp\ntanaka@example.jp\n\n', [{ email: 'sato@example.jp' }, { email: 'tanaka@example.jp' }]],
    ['a comma-separated line', 'sato@example.jp, tanaka@example.jp', [{ email: 'sato@example.jp' }, { email: 'tanaka@example.jp' }]],
    [
      'addresses copied from a mail client',
      '佐藤 花子 <sato@example.jp>; "Tanaka, Jiro" <tanaka@example.jp>',
      [{ email: 'sato@example.jp', name: '佐藤 花子' }, { email: 'tanaka@example.jp', name: 'Tanaka, Jiro' }],
    ],
    [
      'a CSV export with a header',
      '氏名,メールアドレス,部署\n佐藤 花子,sato@example.jp,営業一課\n"Tanaka, Jiro",tanaka@example.jp,営業二課\n',
      [{ email: 'sato@example.jp', name: '佐藤 花子' }, { email: 'tanaka@example.jp', name: 'Tanaka, Jiro' }],
    ],
    ['name and address per line, no header', '佐藤 花子,sato@example.jp\nTanaka Jiro\ttanaka@example.jp', [{ email: 'sato@example.jp', name: '佐藤 花子' }, { email: 'tanaka@example.jp', name: 'Tanaka Jiro' }]],
  ])('reads %s', (_case, text, entries) => {
    expect(parseInviteList(text)).toEqual({ entries, rejected: [] });
  });

  it('invites an address once, with the first name given', () => {
    expect(parseInviteList('佐藤 <sato@example.jp>\nSATO@example.jp').entries).toEqual([{ email: 'sato@example.jp', name: '佐藤' }]);
  });

  it('hands back what is not an address', () => {
    expect(parseInviteList('sato@example.jp\nfoo@\nsomeone at example dot jp\ntanaka@example.jp')).toEqual({
      entries: [{ email: 'sato@example.jp' }, { email: 'tanaka@example.jp' }],
      rejected: ['foo@', 'someone at example dot jp'],
    });
    expect(parseInviteList('name,email\nNo Address Here,\n').rejected).toEqual(['No Address Here']);
  });
});

describe('invitation links', () => {
  it('are the server, /invite and the token in the fragment', () => {
    expect(inviteLink('https://phone.example.jp/', TOKEN)).toBe(`https://phone.example.jp/invite#${TOKEN}`);
  });

  it.each([
    [`https://phone.example.jp/invite#${TOKEN}`, { serverUrl: 'https://phone.example.jp', token: TOKEN }],
    [`  https://example.jp/yobidashi/invite#${TOKEN}\n`, { serverUrl: 'https://example.jp/yobidashi', token: TOKEN }],
    [`http://127.0.0.1:8787/invite#${TOKEN}`, { serverUrl: 'http://127.0.0.1:8787', token: TOKEN }],
    [`https://phone.example.jp/invite#${TOKEN.slice(0, -1)}`, null],
    [`https://phone.example.jp/other#${TOKEN}`, null],
    [`javascript:alert(1)//invite#${TOKEN}`, null],
    ['sato@example.jp', null],
  ])('reads %s', (text, expected) => {
    expect(parseInviteLink(text)).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { changed, problems, type Doc } from './documents.ts';

const withUsers = (edit: (users: Doc[]) => void) => changed((doc: Doc) => edit(doc.users));
const tanaka = { id: 'tanaka', name: '田中 美咲', email: 'tanaka@example.jp', role: 'rep' };

describe('users', () => {
  it.each([
    ['a new rep without a password (cannot sign in until one is set)', (u: Doc[]) => { u.push({ ...tanaka }); }],
    ['a password of exactly 8 characters', (u: Doc[]) => { u.push({ ...tanaka, password: 'abcd1234' }); }],
    ['an 8-character Japanese password', (u: Doc[]) => { u.push({ ...tanaka, password: 'あいうえおかきく' }); }],
    ['an empty password (keep the stored one)', (u: Doc[]) => { u[1].password = ''; }],
    ['a masked password (keep the stored one)', (u: Doc[]) => { u[1].password = '••••'; }],
    ['a second admin', (u: Doc[]) => { u[1].role = 'admin'; }],
    ['a deactivated rep who is not rung anywhere', (u: Doc[]) => { u.push({ ...tanaka, active: false }); }],
    ['an id with digits and underscores', (u: Doc[]) => { u.push({ ...tanaka, id: 'tanaka_2' }); }],
  ])('accepts %s', (_case, edit) => {
    expect(problems(withUsers(edit))).toEqual([]);
  });

  it.each([
    ['a duplicate id', (u: Doc[]) => { u.push({ ...tanaka, id: 'sato' }); }, ['users[3].id: user id "sato" is used by another user']],
    ['a duplicate email', (u: Doc[]) => { u.push({ ...tanaka, email: 'sato@example.jp' }); }, ['users[3].email: e-mail "sato@example.jp" is used by another user']],
    ['a duplicate email in another case', (u: Doc[]) => { u.push({ ...tanaka, email: 'Sato@Example.JP' }); }, ['users[3].email: e-mail "Sato@Example.JP" is used by another user']],
    ['a 7-character password', (u: Doc[]) => { u.push({ ...tanaka, password: 'abc1234' }); }, ['users[3].password: a password needs at least 8 characters']],
    ['an invalid email', (u: Doc[]) => { u.push({ ...tanaka, email: 'tanaka.example.jp' }); }, ['users[3].email: is not a valid e-mail address']],
    ['an id with a space', (u: Doc[]) => { u.push({ ...tanaka, id: 'tanaka misaki' }); }, ['users[3].id: use letters, digits and underscore only (it is the Twilio client identity)']],
    ['an unknown role', (u: Doc[]) => { u.push({ ...tanaka, role: 'manager' }); }, ['users[3].role: must be one of "admin", "supervisor", "rep"']],
    ['a user without a name', (u: Doc[]) => { u.push({ ...tanaka, name: undefined }); }, ['users[3].name: required']],
    ['no admin', (u: Doc[]) => { u[0].role = 'rep'; }, ['users: at least one active admin is required, or nobody could manage the phone setup']],
    ['only a deactivated admin', (u: Doc[]) => { u[0].active = false; }, [
      'users: at least one active admin is required, or nobody could manage the phone setup',
      'incoming[0].route.menu[1].action.menu[1].action.users[0]: user "yamada" is deactivated',
    ]],
  ])('refuses %s', (_case, edit, expected) => {
    expect(problems(withUsers(edit))).toEqual(expected);
  });

  it('refuses a document without users: nobody could sign in to manage it', () => {
    expect(problems({})).toEqual(['users: at least one active admin is required, or nobody could manage the phone setup']);
  });
});

describe('outgoing numbers', () => {
  const withOutgoing = (edit: (outgoing: Doc[]) => void) => changed((doc: Doc) => edit(doc.outgoing));

  it.each([
    ['an admin with an outgoing number', (o: Doc[]) => { o.push({ user: 'yamada', number: '+81312345678' }); }],
    ['two users sharing one number', (o: Doc[]) => { o[1].number = '+81312345678'; }],
    ['a number that is not an incoming number', (o: Doc[]) => { o.push({ user: 'yamada', number: '06-6123-4567' }); }],
    ['nobody with an outgoing number', (o: Doc[]) => { o.length = 0; }],
  ])('accepts %s', (_case, edit) => {
    expect(problems(withOutgoing(edit))).toEqual([]);
  });

  it.each([
    ['a second number for one user', (o: Doc[]) => { o.push({ user: 'sato', number: '050-1234-5678' }); }, ['outgoing[2].user: user "sato" already has an outgoing number']],
    ['an unknown user', (o: Doc[]) => { o.push({ user: 'tanaka', number: '050-1234-5678' }); }, ['outgoing[2].user: unknown user "tanaka"']],
    ['an invalid number', (o: Doc[]) => { o[0].number = '03-1234'; }, ['outgoing[0].number: "03-1234" is not a valid phone number (national numbers are read as JP)']],
    ['no number', (o: Doc[]) => { o[0].number = ''; }, ['outgoing[0].number: must not be empty']],
  ])('refuses %s', (_case, edit, expected) => {
    expect(problems(withOutgoing(edit))).toEqual(expected);
  });
});

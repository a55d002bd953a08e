import { describe, expect, it } from 'vitest';
import { changed, problems, type Doc } from './documents.ts';

/** incoming[0].route.menu[0].action: the 営業 ring action of the IVR. */
const ivrRing = (edit: (action: Doc) => void) => changed((doc: Doc) => edit(doc.incoming[0].route.menu[0].action));
/** incoming[1].route: the direct-to-reps route of サポート直通. */
const directRing = (edit: (route: Doc) => void) => changed((doc: Doc) => edit(doc.incoming[1].route));

const IVR = 'incoming[0].route.menu[0].action';
const DIRECT = 'incoming[1].route';

describe('ring actions in an IVR', () => {
  it.each([
    ['an admin among the reps', (a: Doc) => { a.users = ['yamada', 'sato']; }],
    ['one user', (a: Doc) => { a.users = ['suzuki']; }],
    ['5 seconds', (a: Doc) => { a.ringSeconds = 5; }],
    ['60 seconds', (a: Doc) => { a.ringSeconds = 60; }],
    ['no ring time (20 seconds)', (a: Doc) => { delete a.ringSeconds; }],
    ['sequential without repeat', (a: Doc) => { a.repeat = false; }],
    ['simultaneous without repeat', (a: Doc) => { a.strategy = 'simultaneous'; delete a.repeat; }],
  ])('accepts %s', (_case, edit) => {
    expect(problems(ivrRing(edit))).toEqual([]);
  });

  it.each([
    ['an unknown user', (a: Doc) => { a.users = ['sato', 'tanaka']; }, [`${IVR}.users[1]: unknown user "tanaka"`]],
    ['a user id in the wrong case', (a: Doc) => { a.users = ['Sato']; }, [`${IVR}.users[0]: unknown user "Sato"`]],
    ['the same user twice', (a: Doc) => { a.users = ['sato', 'suzuki', 'sato']; }, [`${IVR}.users[2]: user "sato" is listed twice`]],
    ['nobody', (a: Doc) => { a.users = []; }, [`${IVR}.users: choose at least one user`]],
    ['4 seconds', (a: Doc) => { a.ringSeconds = 4; }, [`${IVR}.ringSeconds: must be at least 5`]],
    ['61 seconds', (a: Doc) => { a.ringSeconds = 61; }, [`${IVR}.ringSeconds: must be at most 60`]],
    ['12.5 seconds', (a: Doc) => { a.ringSeconds = 12.5; }, [`${IVR}.ringSeconds: must be a whole number`]],
    ['seconds as text', (a: Doc) => { a.ringSeconds = '20'; }, [`${IVR}.ringSeconds: must be a number`]],
    ['an unknown strategy', (a: Doc) => { a.strategy = 'round-robin'; }, [`${IVR}.strategy: must be one of "simultaneous", "sequential"`]],
    ['repeat with simultaneous ringing', (a: Doc) => { a.strategy = 'simultaneous'; }, [`${IVR}.repeat: repeat (a second cycle) applies to sequential ringing only`]],
  ])('refuses %s', (_case, edit, expected) => {
    expect(problems(ivrRing(edit))).toEqual(expected);
  });

  it('refuses a deactivated user, naming where they are still rung', () => {
    const document = changed((doc: Doc) => { doc.users[2].active = false; });
    expect(problems(document)).toEqual([
      'incoming[0].route.menu[0].action.users[1]: user "suzuki" is deactivated',
      'incoming[0].route.menu[1].action.menu[0].action.users[0]: user "suzuki" is deactivated',
      'incoming[1].route.users[1]: user "suzuki" is deactivated',
    ]);
  });

  it('checks ring actions deep in submenus', () => {
    const document = changed((doc: Doc) => { doc.incoming[0].route.menu[1].action.menu[1].action.users = ['yamada', 'kobayashi']; });
    expect(problems(document)).toEqual(['incoming[0].route.menu[1].action.menu[1].action.users[1]: unknown user "kobayashi"']);
  });
});

describe('direct-to-reps routes', () => {
  it.each([
    ['sequential, two cycles', (r: Doc) => { r.cycles = 2; }],
    ['sequential, one cycle', (r: Doc) => { r.cycles = 1; }],
    ['simultaneous, one cycle', (r: Doc) => { r.strategy = 'simultaneous'; r.cycles = 1; }],
    ['no cycles given (one)', (r: Doc) => { delete r.cycles; }],
  ])('accepts %s', (_case, edit) => {
    expect(problems(directRing(edit))).toEqual([]);
  });

  it.each([
    ['three cycles', (r: Doc) => { r.cycles = 3; }, [`${DIRECT}.cycles: sequential ringing goes round at most 2 cycles (1 or 2)`]],
    ['zero cycles', (r: Doc) => { r.cycles = 0; }, [`${DIRECT}.cycles: sequential ringing goes round at most 2 cycles (1 or 2)`]],
    ['two cycles of simultaneous ringing', (r: Doc) => { r.strategy = 'simultaneous'; }, [`${DIRECT}.cycles: a second cycle applies to sequential ringing only`]],
    ['an unknown user', (r: Doc) => { r.users = ['watanabe']; }, [`${DIRECT}.users[0]: unknown user "watanabe"`]],
    ['the same user twice', (r: Doc) => { r.users = ['suzuki', 'suzuki']; }, [`${DIRECT}.users[1]: user "suzuki" is listed twice`]],
    ['70 seconds', (r: Doc) => { r.ringSeconds = 70; }, [`${DIRECT}.ringSeconds: must be at most 60`]],
    ['an unknown route type', (r: Doc) => { r.type = 'voicemail'; }, [`${DIRECT}.type: must be one of "ivr", "ring"`]],
  ])('refuses %s', (_case, edit, expected) => {
    expect(problems(directRing(edit))).toEqual(expected);
  });
});

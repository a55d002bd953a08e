import { describe, expect, it } from 'vitest';
import { incomingNumberSchema } from '../../../server/phone-config/schema.ts';
import { decideMenuInput, MAX_MENU_RETRIES, menuAt, offeredAt, offeredItems, pathLabels, ringActionAt } from '../../../server/voice/ivr.ts';
import { directNumber, mainNumber } from './fixtures.ts';

const route = mainNumber.route as Extract<typeof mainNumber.route, { type: 'ivr' }>;

describe('a key press in the IVR', () => {
  it.each([
    // path, tries, digits → decision (kind, path, tries, notice)
    [[], 0, '1', { kind: 'ring', path: [1] }],
    [[], 0, '2', { kind: 'menu', path: [2], tries: 0, notice: null }],
    [[2], 0, '1', { kind: 'ring', path: [2, 1] }],
    [[2], 1, '*', { kind: 'menu', path: [2], tries: 1, notice: null }],
    [[2], 2, '0', { kind: 'menu', path: [], tries: 0, notice: null }],
    [[], 0, '0', { kind: 'menu', path: [], tries: 0, notice: null }],
    [[], 0, '7', { kind: 'menu', path: [], tries: 1, notice: 'invalidChoice' }],
    [[], 0, '#', { kind: 'menu', path: [], tries: 1, notice: 'invalidChoice' }],
    [[2], 1, '', { kind: 'menu', path: [2], tries: 2, notice: 'noInput' }],
    [[2], 2, undefined, { kind: 'menu', path: [2], tries: 3, notice: 'noInput' }],
    [[2], 3, '9', { kind: 'give-up' }],
    [[2], 3, '', { kind: 'give-up' }],
    [[9], 0, '1', { kind: 'menu', path: [], tries: 0, notice: null }],
  ] as const)('menu %j after %i tries, pressed %j → %j', (path, tries, digits, expected) => {
    expect(decideMenuInput(route, { path: [...path], tries }, digits)).toMatchObject(expected);
  });

  it('replays the menu after an invalid choice at most 3 times, then gives up', () => {
    let state = { path: [] as number[], tries: 0 };
    const decisions: string[] = [];
    for (;;) {
      const decision = decideMenuInput(route, state, '8');
      decisions.push(decision.kind);
      if (decision.kind !== 'menu') break;
      state = decision;
    }
    expect(decisions).toEqual([...Array(MAX_MENU_RETRIES).fill('menu'), 'give-up']);
  });

  it('hands the ring action of the chosen item', () => {
    expect(decideMenuInput(route, { path: [], tries: 0 }, '1')).toEqual({
      kind: 'ring',
      path: [1],
      action: { type: 'ring', users: ['sato', 'suzuki'], strategy: 'sequential', ringSeconds: 20, repeat: true },
    });
  });
});

describe('IVR paths', () => {
  it('finds menus, ring actions and labels along a path', () => {
    expect(menuAt(route, [2])?.map((item) => item.label)).toEqual(['製品について']);
    expect(menuAt(route, [1])).toBeNull();
    expect(ringActionAt(route, [2, 1])?.users).toEqual(['suzuki']);
    expect(ringActionAt(route, [2])).toBeNull();
    expect(pathLabels(route, [2, 1])).toEqual(['サポート', '製品について']);
    expect(pathLabels(directNumber.route, [1])).toEqual([]);
  });
});

describe('what the IVR offers outside business hours', () => {
  const ring = { type: 'ring', users: ['sato'], strategy: 'simultaneous' } as const;
  /** 1 always; 2 a submenu whose every key is in hours only; 3 in hours only; 4 a submenu with one key always there. */
  const night = incomingNumberSchema.parse({
    number: '+81311115555',
    route: {
      type: 'ivr',
      availability: 'always',
      menu: [
        { key: 1, label: 'ご案内', action: ring },
        { key: 2, label: 'サポート', action: { type: 'menu', menu: [{ key: 1, label: '製品', availability: 'in-hours', action: ring }] } },
        { key: 3, label: '営業', availability: 'in-hours', action: ring },
        { key: 4, label: '緊急', action: { type: 'menu', menu: [{ key: 1, label: '故障', action: ring }, { key: 2, label: '請求', availability: 'in-hours', action: ring }] } },
      ],
    },
    hours: { weekly: {} },
  }).route as Extract<typeof mainNumber.route, { type: 'ivr' }>;
  const allInHours: typeof night = { ...night, menu: night.menu.map((item) => ({ ...item, availability: 'in-hours' as const })) };

  it('leaves out items in hours only, and submenus that offer nothing then', () => {
    expect(offeredItems(night.menu, false).map((item) => item.key)).toEqual([1, 4]);
    expect(offeredItems(night.menu, true).map((item) => item.key)).toEqual([1, 2, 3, 4]);
  });

  it.each([
    [[], true],
    [[1], true],
    [[2], false],
    [[2, 1], false],
    [[3], false],
    [[4], true],
    [[4, 1], true],
    [[4, 2], false],
  ])('at night, %j is offered: %s', (path, offered) => {
    expect(offeredAt(night, path, false)).toBe(offered);
    expect(offeredAt(night, path, true)).toBe(true);
  });

  it('counts a top menu with nothing to offer at night as not offered (the number is closed then)', () => {
    expect(offeredAt(allInHours, [], false)).toBe(false);
    expect(offeredAt(allInHours, [], true)).toBe(true);
  });
});

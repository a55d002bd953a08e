import { describe, expect, it } from 'vitest';
import * as server from '../../../server/phone-config/schema';
import { defaultMenuTemplate, renderMenuSentence as serverSentence } from '../../../server/phone-config/defaults';
import { addItem, getMenu, setActionType, updateItem, validateIvr } from '@/models/ivr-tree';
import { MAX_LABEL_LENGTH, MAX_MENU_DEPTH, MAX_MENU_ITEMS, RING_SECONDS, VOICEMAIL_SECONDS, type MenuItem } from '@/models/phone-config-types';
import { joinMenuTemplate, renderMenuSentence, splitMenuTemplate, templateFor } from '@/models/menu-template';

const ring = { type: 'ring' as const, users: ['sato'], strategy: 'simultaneous' as const, ringSeconds: 20, repeat: false };

describe('the IVR tree', () => {
  it('uses the same limits as the server', () => {
    expect([MAX_MENU_DEPTH, MAX_MENU_ITEMS, RING_SECONDS, MAX_LABEL_LENGTH]).toEqual([
      server.MAX_MENU_DEPTH,
      server.MAX_MENU_ITEMS,
      server.RING_SECONDS,
      server.MAX_LABEL_LENGTH,
    ]);
    expect(VOICEMAIL_SECONDS).toEqual(server.VOICEMAIL_SECONDS);
  });

  it('refuses a label longer than the server takes, saying how long it is, instead of cutting it', () => {
    const long = 'あ'.repeat(MAX_LABEL_LENGTH + 3);
    expect(validateIvr([{ key: 1, label: long, action: ring }], {})).toEqual([
      { path: 'route.menu[0].label', key: 'form.tooLong', params: { max: 100, count: 103 } },
    ]);
    expect(validateIvr([{ key: 1, label: 'あ'.repeat(MAX_LABEL_LENGTH), action: ring }], {})).toEqual([]);
  });

  it('refuses a key already used on the same menu but allows it on another level', () => {
    const menu: MenuItem[] = [
      { key: 1, label: '営業', action: { type: 'menu', menu: [{ key: 1, label: '新規', action: ring }] } },
      { key: 2, label: 'サポート', action: ring },
    ];
    expect(updateItem(menu, [], 1, { key: 1 })).toBe(menu);
    const nested = addItem(menu, [0]);
    expect(nested[0]?.action.type === 'menu' && nested[0].action.menu.map((item) => item.key)).toEqual([1, 2]);
  });

  it('refuses a submenu on the fifth level', () => {
    let menu: MenuItem[] = [{ key: 1, label: 'L5', action: ring }];
    for (let level = 4; level >= 1; level--) menu = [{ key: 1, label: `L${level}`, action: { type: 'menu', menu } }];
    expect(setActionType(menu, [0, 0, 0, 0], 0, 'menu')).toEqual(menu);
    const flat: MenuItem[] = [{ key: 1, label: 'x', action: ring }];
    expect(setActionType(flat, [], 0, 'menu')[0]?.action.type).toBe('menu');
  });

  it('gives a branch back when its key turns into "ring reps" and back, and keeps it out of JSON meanwhile', () => {
    const branch = { type: 'menu' as const, menu: [{ key: 1, label: '新規', action: ring }, { key: 2, label: '既存', action: ring }] };
    const menu: MenuItem[] = [{ key: 1, label: '営業', action: branch }];
    const ringing = setActionType(menu, [], 0, 'ring');
    expect(JSON.parse(JSON.stringify(ringing))).toEqual([{ key: 1, label: '営業', action: { type: 'ring', users: [], strategy: 'sequential', ringSeconds: 20, repeat: false } }]);
    // Moved (copied with a new key) and edited meanwhile: the memory goes with the item.
    const edited = updateItem(ringing, [], 0, { key: 3, label: '営業部' });
    expect(setActionType(edited, [], 0, 'menu')[0]).toEqual(expect.objectContaining({ key: 3, label: '営業部', action: branch }));
  });

  it('does not give a branch back where it would go past the fifth level', () => {
    const deep = { type: 'menu' as const, menu: [{ key: 1, label: 'a', action: { type: 'menu' as const, menu: [{ key: 1, label: 'b', action: ring }] } }] };
    const ringing = setActionType([{ key: 1, label: 'x', action: deep }], [], 0, 'ring');
    // The item now sits on level 4 of another tree: only one level fits below it.
    let tree: MenuItem[] = ringing;
    for (let level = 3; level >= 1; level--) tree = [{ key: 1, label: `L${level}`, action: { type: 'menu', menu: tree } }];
    const back = setActionType(tree, [0, 0, 0], 0, 'menu');
    expect(getMenu(back, [0, 0, 0])[0]?.action).toEqual({ type: 'menu', menu: [{ key: 1, label: '', action: { type: 'ring', users: [], strategy: 'sequential', ringSeconds: 20, repeat: false } }] });
  });

  it('reports what the server would reject, with the server paths', () => {
    const menu: MenuItem[] = [
      { key: 1, label: '', action: { type: 'menu', menu: [] } },
      { key: 1, label: 'b', action: { ...ring, users: [] } },
    ];
    expect(validateIvr(menu, { welcome: { type: 'url', url: 'https://example.com/a.mp3' } })).toEqual([
      { path: 'route.menu[0].label', key: 'ivr.needsLabel' },
      { path: 'route.menu[0].action.menu', key: 'ivr.needsItems' },
      { path: 'route.menu[1].key', key: 'ivr.keyTaken', params: { key: 1 } },
      { path: 'route.menu[1].action.users', key: 'ivr.needsUsers' },
      { path: 'messages', key: 'ivr.textOnly' },
    ]);
  });
});

describe('the menu sentence keeps its placeholders in place', () => {
  it.each(['ja-JP', 'en-US', 'en-GB', 'en-AU'] as const)('starts from the very sentence the server speaks to callers (%s)', (language) => {
    expect(templateFor(undefined, language)).toBe(defaultMenuTemplate(language));
    expect(renderMenuSentence(templateFor(undefined, language), '営業', 1)).toBe(serverSentence(defaultMenuTemplate(language), '営業', 1));
  });

  it('says in Japanese what callers hear: 「営業の場合、1を押してください。」', () => {
    expect(renderMenuSentence(templateFor(undefined, 'ja-JP'), '営業', 1)).toBe('営業の場合、1を押してください。');
  });

  it.each([
    ['${Menu}は、${Key press}を押してください。', 'menu-first', '', 'は、', 'を押してください。'],
    ['Press ${Key press} for ${Menu}.', 'key-first', 'Press ', ' for ', '.'],
  ])('%s', (template, order, before, between, after) => {
    const parts = splitMenuTemplate(template);
    expect(parts).toEqual({ order, before, between, after });
    expect(joinMenuTemplate(parts)).toBe(template);
  });

  it('puts a missing placeholder back', () => {
    expect(joinMenuTemplate(splitMenuTemplate('Press a key'))).toBe('Press a key${Menu} ${Key press}');
  });
});

import { describe, expect, it } from 'vitest';
import { diagramOrder, itemAt, menuTrail, moveBranch, moveTargets, nodesForKeys } from '@/models/ivr-branches';
import { getMenu, menusBelow } from '@/models/ivr-tree';
import type { MenuItem } from '@/models/phone-config-types';

const ring = { type: 'ring' as const, users: ['sato'], strategy: 'sequential' as const, ringSeconds: 20, repeat: false };
const menu = (items: MenuItem[]) => ({ type: 'menu' as const, menu: items });
const labels = (items: readonly MenuItem[]) => items.map((item) => `${item.key}:${item.label}`);

/** 1 営業 · 2 サポート › (1 製品 › (1 修理 · 2 部品) · 2 請求) · 3 採用 */
const TREE: MenuItem[] = [
  { key: 1, label: '営業', action: ring },
  {
    key: 2,
    label: 'サポート',
    action: menu([
      { key: 1, label: '製品', action: menu([{ key: 1, label: '修理', action: ring }, { key: 2, label: '部品', action: ring }]) },
      { key: 2, label: '請求', action: ring },
    ]),
  },
  { key: 3, label: '採用', action: ring },
];

/** A chain of submenus `levels` deep, each with one key. */
function chain(levels: number, label = 'L'): MenuItem {
  let item: MenuItem = { key: 1, label: `${label}${levels}`, action: ring };
  for (let level = levels - 1; level >= 1; level--) item = { key: 1, label: `${label}${level}`, action: menu([item]) };
  return item;
}

describe('the IVR tree as the builder draws it', () => {
  it('lists each menu’s keys, then the menus they open, in key order', () => {
    expect(diagramOrder(TREE).map((node) => [node.item.label, node.level, node.ref.menuPath.join('.'), node.ref.index])).toEqual([
      ['営業', 1, '', 0],
      ['サポート', 1, '', 1],
      ['採用', 1, '', 2],
      ['製品', 2, '1', 0],
      ['請求', 2, '1', 1],
      ['修理', 3, '1.0', 0],
      ['部品', 3, '1.0', 1],
    ]);
  });

  it('names a menu by the keys that lead to it', () => {
    expect(menuTrail(TREE, [1, 0])).toEqual(['サポート', '製品']);
    expect(menuTrail(TREE, [])).toEqual([]);
  });

  it('turns the keys the preview reports into the caller’s way through the tree', () => {
    expect(nodesForKeys(TREE, [2, 1, 2]).map((ref) => itemAt(TREE, ref)?.label)).toEqual(['サポート', '製品', '部品']);
    // A key the tree no longer has (the configuration changed since): the way stops there.
    expect(nodesForKeys(TREE, [2, 9, 1]).map((ref) => itemAt(TREE, ref)?.label)).toEqual(['サポート']);
  });
});

describe('moving a branch into another menu', () => {
  it('takes the item with everything below it, keeping its key when it is free there', () => {
    const { root, ref } = moveBranch(TREE, { menuPath: [1], index: 0 }, []);
    expect(labels(root)).toEqual(['1:営業', '2:サポート', '3:採用', '4:製品']);
    expect(itemAt(root, ref)?.label).toBe('製品');
    expect(labels(getMenu(root, [3]))).toEqual(['1:修理', '2:部品']);
    expect(labels(getMenu(root, [1]))).toEqual(['2:請求']);
  });

  it('keeps the key when it is free in the new menu', () => {
    const { root } = moveBranch(TREE, { menuPath: [], index: 2 }, [1, 0]);
    expect(labels(getMenu(root, [1, 0]))).toEqual(['1:修理', '2:部品', '3:採用']);
  });

  it('finds the target again when removing the item shifted its menu up', () => {
    // 営業 (index 0) moves into サポート's submenu: サポート is at index 0 once 営業 is gone.
    const { root, ref } = moveBranch(TREE, { menuPath: [], index: 0 }, [1]);
    expect(labels(root)).toEqual(['2:サポート', '3:採用']);
    expect(ref).toEqual({ menuPath: [0], index: 2 });
    expect(labels(getMenu(root, [0]))).toEqual(['1:製品', '2:請求', '3:営業']);
  });

  it('offers only menus with room that stay within 5 levels, never the branch itself', () => {
    const targets = (root: MenuItem[], menuPath: number[], index: number) => moveTargets(root, { menuPath, index }).map((path) => path.join('.'));
    // サポート cannot go into its own submenus.
    expect(targets(TREE, [], 1)).toEqual([]);
    expect(targets(TREE, [1], 1)).toEqual(['', '1.0']);
    // A branch 3 menus deep fits under level 2 at most (2 + 3 = 5).
    const deep: MenuItem[] = [{ key: 1, label: 'A', action: menu([{ key: 1, label: 'B', action: menu([{ key: 1, label: 'C', action: ring }]) }]) }, { ...chain(4, 'X'), key: 2 }];
    expect(menusBelow(itemAt(deep, { menuPath: [], index: 1 })!)).toBe(3);
    expect(targets(deep, [], 1)).toEqual(['0']);
    // A full menu (9 keys) takes nothing more.
    const full: MenuItem[] = [{ key: 1, label: 'full', action: menu(Array.from({ length: 9 }, (_, at) => ({ key: at + 1, label: `k${at + 1}`, action: ring }))) }, { key: 2, label: 'x', action: ring }];
    expect(targets(full, [], 1)).toEqual([]);
  });

  it('refuses a move the targets do not offer, leaving the tree unchanged', () => {
    const from = { menuPath: [], index: 1 };
    expect(moveBranch(TREE, from, [1, 0])).toEqual({ root: TREE, ref: from });
  });
});

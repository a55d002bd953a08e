import { freeKeys, getMenu, levelOf, menusBelow, type MenuPath } from './ivr-tree';
import { MAX_MENU_DEPTH, MAX_MENU_ITEMS, type MenuItem } from './phone-config-types';

/**
 * The IVR tree as the builder draws and rearranges it: nodes in the diagram's order, moving a whole
 * branch into another menu, and the caller's position (keys pressed) as nodes. Pure functions over
 * the immutable tree of ivr-tree.ts.
 */

/** An item of the tree: its menu (see MenuPath) and its index there. */
export interface NodeRef {
  menuPath: MenuPath;
  index: number;
}

export interface TreeNode {
  ref: NodeRef;
  item: MenuItem;
  /** Level of the menu the item is on (1 = top). */
  level: number;
}

export const sameRef = (a: NodeRef | null, b: NodeRef | null) =>
  a !== null && b !== null && a.index === b.index && a.menuPath.length === b.menuPath.length && a.menuPath.every((step, at) => step === b.menuPath[at]);

/** The menu an item opens (its submenu's path). */
export const submenuPathOf = (ref: NodeRef): MenuPath => [...ref.menuPath, ref.index];

/** The item whose submenu is this menu; null for the top menu. */
export function parentOf(menuPath: MenuPath): NodeRef | null {
  if (menuPath.length === 0) return null;
  return { menuPath: menuPath.slice(0, -1), index: menuPath[menuPath.length - 1]! };
}

export function itemAt(root: readonly MenuItem[], ref: NodeRef): MenuItem | undefined {
  return getMenu(root, ref.menuPath)[ref.index];
}

/** Every item in the diagram's order: a menu's items, then the menus they open, each in key order. */
export function diagramOrder(root: readonly MenuItem[], menuPath: MenuPath = []): TreeNode[] {
  const menu = getMenu(root, menuPath);
  const own = menu.map((item, index) => ({ ref: { menuPath, index }, item, level: levelOf(menuPath) }));
  const below = menu.flatMap((item, index) => (item.action.type === 'menu' ? diagramOrder(root, [...menuPath, index]) : []));
  return [...own, ...below];
}


/** Labels of the items that lead to a menu: [] for the top menu, ['サポート', '製品'] further down. */
export function menuTrail(root: readonly MenuItem[], menuPath: MenuPath): string[] {
  return menuPath.map((_, depth) => itemAt(root, { menuPath: menuPath.slice(0, depth), index: menuPath[depth]! })?.label ?? '');
}

const isInside = (menuPath: MenuPath, branch: NodeRef) => {
  const branchMenu = submenuPathOf(branch);
  return menuPath.length >= branchMenu.length && branchMenu.every((step, at) => menuPath[at] === step);
};

/**
 * The menus a branch may move into: not its own menu, not a menu inside the branch itself, one
 * with room for another item, and deep enough to stay within 5 levels with everything below it.
 */
export function moveTargets(root: readonly MenuItem[], from: NodeRef): MenuPath[] {
  const item = itemAt(root, from);
  if (!item) return [];
  const menus: MenuPath[] = [[], ...diagramOrder(root).filter((node) => node.item.action.type === 'menu').map((node) => submenuPathOf(node.ref))];
  return menus.filter((menuPath) => {
    const same = menuPath.length === from.menuPath.length && menuPath.every((step, at) => step === from.menuPath[at]);
    const menu = getMenu(root, menuPath);
    return !same && !isInside(menuPath, from) && menu.length < MAX_MENU_ITEMS && levelOf(menuPath) + menusBelow(item) <= MAX_MENU_DEPTH;
  });
}

/**
 * Moves an item with everything below it to the end of another menu. It keeps its key when that key
 * is free there, else takes the first free one. Returns the tree and where the item now is; an
 * invalid move (see moveTargets) returns the tree unchanged and `from`.
 */
export function moveBranch(root: MenuItem[], from: NodeRef, to: MenuPath): { root: MenuItem[]; ref: NodeRef } {
  const item = itemAt(root, from);
  const allowed = moveTargets(root, from).some((target) => target.length === to.length && target.every((step, at) => step === to[at]));
  if (!item || !allowed) return { root, ref: from };
  // Removing the item shifts its later siblings up by one: a target path through them shifts too.
  const depth = from.menuPath.length;
  const throughSameMenu = to.length > depth && from.menuPath.every((step, at) => to[at] === step);
  const target = throughSameMenu && to[depth]! > from.index ? to.map((step, at) => (at === depth ? step - 1 : step)) : [...to];
  const without = replaceMenu(root, from.menuPath, (menu) => menu.filter((_, at) => at !== from.index));
  const destination = getMenu(without, target);
  const key = freeKeys(destination).includes(item.key) ? item.key : freeKeys(destination)[0]!;
  const moved = replaceMenu(without, target, (menu) => [...menu, { ...item, key }]);
  return { root: moved, ref: { menuPath: target, index: destination.length } };
}

/**
 * The caller's way through the tree, from the keys the preview reports: the items pressed, in order.
 * Stops at a key the tree does not have (the configuration changed since).
 */
export function nodesForKeys(root: readonly MenuItem[], keys: readonly number[]): NodeRef[] {
  const refs: NodeRef[] = [];
  let menuPath: MenuPath = [];
  for (const key of keys) {
    const index = getMenu(root, menuPath).findIndex((item) => item.key === key);
    if (index < 0) break;
    refs.push({ menuPath, index });
    menuPath = [...menuPath, index];
  }
  return refs;
}

function replaceMenu(root: MenuItem[], menuPath: MenuPath, change: (menu: MenuItem[]) => MenuItem[]): MenuItem[] {
  if (menuPath.length === 0) return change(root);
  const [first, ...rest] = menuPath as [number, ...number[]];
  return root.map((item, index) =>
    index === first && item.action.type === 'menu' ? { ...item, action: { type: 'menu', menu: replaceMenu(item.action.menu, rest, change) } } : item,
  );
}

import type { MessageKey } from '@/locales/messages';
import { switchChoice } from './remembered-choices';
import {
  MAX_LABEL_LENGTH,
  MAX_MENU_DEPTH,
  MAX_MENU_ITEMS,
  MENU_KEYS,
  RING_SECONDS,
  type MenuItem,
  type Messages,
  type RingAction,
} from './phone-config-types';

/**
 * The IVR tree as immutable data. A menu is addressed by `menuPath`: the indices of the items whose
 * submenus lead to it (`[]` = the top menu, `[1, 0]` = item 1's submenu's item 0's submenu).
 */
export type MenuPath = readonly number[];

/** Level of a menu, counted from 1 (the top menu). */
export const levelOf = (menuPath: MenuPath) => menuPath.length + 1;

/** An item on this menu may become a submenu only if that submenu would not be a 6th level. */
export const canNestBelow = (menuPath: MenuPath) => levelOf(menuPath) < MAX_MENU_DEPTH;

export function newRingAction(): RingAction {
  return { type: 'ring', users: [], strategy: 'sequential', ringSeconds: RING_SECONDS.default, repeat: false };
}

export function getMenu(root: readonly MenuItem[], menuPath: MenuPath): readonly MenuItem[] {
  let menu = root;
  for (const index of menuPath) {
    const action = menu[index]?.action;
    if (action?.type !== 'menu') return [];
    menu = action.menu;
  }
  return menu;
}

function updateMenu(root: MenuItem[], menuPath: MenuPath, change: (menu: MenuItem[]) => MenuItem[]): MenuItem[] {
  if (menuPath.length === 0) return change(root);
  const [first, ...rest] = menuPath as [number, ...number[]];
  return root.map((item, index) => {
    if (index !== first || item.action.type !== 'menu') return item;
    return { ...item, action: { type: 'menu', menu: updateMenu(item.action.menu, rest, change) } };
  });
}

/** Keys 1-9 not used by other items of the menu (`exceptIndex`: the item being edited may keep its own). */
export function freeKeys(menu: readonly MenuItem[], exceptIndex = -1): number[] {
  const used = new Set(menu.filter((_, index) => index !== exceptIndex).map((item) => item.key));
  return MENU_KEYS.filter((key) => !used.has(key));
}

export function addItem(root: MenuItem[], menuPath: MenuPath): MenuItem[] {
  return updateMenu(root, menuPath, (menu) => {
    const key = freeKeys(menu)[0];
    if (key === undefined || menu.length >= MAX_MENU_ITEMS) return menu;
    return [...menu, { key, label: '', action: newRingAction() }];
  });
}

export function removeItem(root: MenuItem[], menuPath: MenuPath, index: number): MenuItem[] {
  return updateMenu(root, menuPath, (menu) => menu.filter((_, at) => at !== index));
}

/** Moves an item up (-1) or down (+1); keys stay with their items (the caller hears the order). */
export function moveItem(root: MenuItem[], menuPath: MenuPath, index: number, delta: -1 | 1): MenuItem[] {
  return updateMenu(root, menuPath, (menu) => {
    const target = index + delta;
    if (target < 0 || target >= menu.length) return menu;
    const next = [...menu];
    [next[index], next[target]] = [next[target]!, next[index]!];
    return next;
  });
}

/** Changes an item. A key already used on the same menu, or a submenu past level 5, is refused (unchanged). */
export function updateItem(
  root: MenuItem[],
  menuPath: MenuPath,
  index: number,
  patch: Partial<MenuItem>,
): MenuItem[] {
  return updateMenu(root, menuPath, (menu) => {
    if (patch.key !== undefined && !freeKeys(menu, index).includes(patch.key)) return menu;
    if (patch.action?.type === 'menu' && !canNestBelow(menuPath)) return menu;
    return menu.map((item, at) => (at === index ? { ...item, ...patch } : item));
  });
}

/** Menus below an item: 0 for "ring reps", 1 for a submenu of ring items, and so on. */
export function menusBelow(item: MenuItem): number {
  if (item.action.type !== 'menu') return 0;
  return 1 + Math.max(0, ...item.action.menu.map(menusBelow));
}

/**
 * Turns an item into a submenu (with one item to start) or back into "ring reps". What the item did
 * before is remembered: switching back gives back the reps, or the whole branch below it (when it
 * still fits within 5 levels where the item is now).
 */
export function setActionType(root: MenuItem[], menuPath: MenuPath, index: number, type: 'ring' | 'menu'): MenuItem[] {
  const item = getMenu(root, menuPath)[index];
  if (!item || item.action.type === type) return root;
  const fresh = (): MenuItem['action'] => (type === 'menu' ? { type: 'menu', menu: [{ key: 1, label: '', action: newRingAction() }] } : newRingAction());
  const fits = (action: MenuItem['action']) => levelOf(menuPath) + menusBelow({ ...item, action }) <= MAX_MENU_DEPTH;
  const patch = switchChoice(item, { from: item.action.type, kept: item.action, to: type }, (remembered) => ({
    action: remembered && fits(remembered) ? remembered : fresh(),
  }));
  return updateItem(root, menuPath, index, patch);
}

export const isMultiLevel = (menu: readonly MenuItem[]) => menu.some((item) => item.action.type === 'menu');

export const hasNonTextPrompt = (messages: Messages) =>
  [messages.welcome, messages.unavailable, messages.busy].some((prompt) => prompt && prompt.type !== 'text');

export interface TreeIssue {
  /** Same form as the server's issue paths, relative to the incoming number: `route.menu[1].label`. */
  path: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

/**
 * What the server would refuse, found before saving: duplicate keys, a 6th level, empty or too long labels, empty rep
 * lists, empty or over-full menus, and audio prompts in a multi-level IVR.
 */
export function validateIvr(menu: readonly MenuItem[], messages: Messages, base = 'route.menu'): TreeIssue[] {
  const issues: TreeIssue[] = [];
  const walk = (items: readonly MenuItem[], path: string, level: number) => {
    if (items.length === 0) issues.push({ path, key: 'ivr.needsItems' });
    if (items.length > MAX_MENU_ITEMS) issues.push({ path, key: 'ivr.menuFull' });
    const seen = new Set<number>();
    items.forEach((item, index) => {
      const itemPath = `${path}[${index}]`;
      if (seen.has(item.key)) issues.push({ path: `${itemPath}.key`, key: 'ivr.keyTaken', params: { key: item.key } });
      seen.add(item.key);
      const label = item.label.trim();
      if (label === '') issues.push({ path: `${itemPath}.label`, key: 'ivr.needsLabel' });
      // Refused with a message, never cut: the admin decides what to drop.
      if (label.length > MAX_LABEL_LENGTH) issues.push({ path: `${itemPath}.label`, key: 'form.tooLong', params: { max: MAX_LABEL_LENGTH, count: label.length } });
      if (item.action.type === 'ring') {
        if (item.action.users.length === 0) issues.push({ path: `${itemPath}.action.users`, key: 'ivr.needsUsers' });
      } else if (level >= MAX_MENU_DEPTH) {
        issues.push({ path: `${itemPath}.action`, key: 'ivr.maxDepth' });
      } else {
        walk(item.action.menu, `${itemPath}.action.menu`, level + 1);
      }
    });
  };
  walk(menu, base, 1);
  if (isMultiLevel(menu) && hasNonTextPrompt(messages)) issues.push({ path: 'messages', key: 'ivr.textOnly' });
  return issues;
}

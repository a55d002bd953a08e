import type { MenuItem, RingAction, Route } from '../phone-config/schema.ts';

type IvrRoute = Extract<Route, { type: 'ivr' }>;

/** An invalid or missing choice replays the menu at most this many times; the next one ends the IVR. */
export const MAX_MENU_RETRIES = 3;

export type MenuDecision =
  /** Play the menu at `path` (after a notice when the last input was not understood). */
  | { kind: 'menu'; path: number[]; tries: number; notice: 'invalidChoice' | 'noInput' | null }
  | { kind: 'ring'; path: number[]; action: RingAction }
  /** Too many invalid choices: the unavailable message, then hang up. */
  | { kind: 'give-up' };

/** The items of the menu reached by `path`, or null when the path no longer exists (config changed). */
export function menuAt(route: IvrRoute, path: readonly number[]): MenuItem[] | null {
  let items: MenuItem[] = route.menu;
  for (const key of path) {
    const item = items.find((candidate) => candidate.key === key);
    if (!item || item.action.type !== 'menu') return null;
    items = item.action.menu;
  }
  return items;
}

/** The ring action at the end of `path`, or null. */
export function ringActionAt(route: IvrRoute, path: readonly number[]): RingAction | null {
  const parent = menuAt(route, path.slice(0, -1));
  const item = parent?.find((candidate) => candidate.key === path.at(-1));
  return item?.action.type === 'ring' ? item.action : null;
}

/** `[2, 1]` → `['サポート', '製品について']`: what the rep's card shows as the caller's choices. */
export function pathLabels(route: Route, path: readonly number[]): string[] {
  if (route.type !== 'ivr') return [];
  const labels: string[] = [];
  let items: MenuItem[] = route.menu;
  for (const key of path) {
    const item = items.find((candidate) => candidate.key === key);
    if (!item) break;
    labels.push(item.label);
    if (item.action.type !== 'menu') break;
    items = item.action.menu;
  }
  return labels;
}

/**
 * What a key press in the menu at `path` does: a submenu key opens it, a ring key rings, `*` repeats
 * the menu, `0` goes back one level; anything else (or nothing) counts towards MAX_MENU_RETRIES.
 */
export function decideMenuInput(route: IvrRoute, state: { path: number[]; tries: number }, digits: string | undefined): MenuDecision {
  const items = menuAt(route, state.path);
  if (!items) return { kind: 'menu', path: [], tries: 0, notice: null };
  const input = (digits ?? '').trim();
  if (input === '*') return { kind: 'menu', path: state.path, tries: state.tries, notice: null };
  if (input === '0') return { kind: 'menu', path: state.path.slice(0, -1), tries: 0, notice: null };
  const item = /^[1-9]$/.test(input) ? items.find((candidate) => candidate.key === Number(input)) : undefined;
  if (item) {
    const path = [...state.path, item.key];
    return item.action.type === 'menu'
      ? { kind: 'menu', path, tries: 0, notice: null }
      : { kind: 'ring', path, action: item.action };
  }
  const tries = state.tries + 1;
  if (tries > MAX_MENU_RETRIES) return { kind: 'give-up' };
  return { kind: 'menu', path: state.path, tries, notice: input === '' ? 'noInput' : 'invalidChoice' };
}

/**
 * The items of a menu offered when the number is `open` or not. Outside business hours an item marked
 * `in-hours` is not, nor a submenu that offers nothing then: the caller would be read an empty menu.
 */
export function offeredItems(items: readonly MenuItem[], open: boolean): MenuItem[] {
  if (open) return [...items];
  return items.filter((item) => item.availability !== 'in-hours' && (item.action.type !== 'menu' || offeredItems(item.action.menu, false).length > 0));
}

/**
 * Whether the item at `path` (and every menu on the way to it) is offered at a moment when the
 * number is `open` or not (see offeredItems); for a menu (`[]`: the top menu), whether it offers
 * anything then. Not offered: the caller gets the closed path (closed message, then voicemail or
 * whatever the number does outside hours), never a menu with nothing in it — silence, "we did not
 * receive your choice" three times, and a hang-up.
 */
export function offeredAt(route: IvrRoute, path: readonly number[], open: boolean): boolean {
  if (open) return true;
  let items: MenuItem[] = route.menu;
  for (const key of path) {
    const item = items.find((candidate) => candidate.key === key);
    if (!item) return true;
    if (offeredItems([item], false).length === 0) return false;
    if (item.action.type !== 'menu') return true;
    items = item.action.menu;
  }
  return offeredItems(items, false).length > 0;
}

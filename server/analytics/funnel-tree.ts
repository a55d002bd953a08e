import type { FunnelMenu } from '../../contract/analytics.ts';
import type { MenuItem, Route } from '../phone-config/schema.ts';
import type { FunnelNode } from '../store/analytics-funnel.ts';
import { menuAt } from '../voice/ivr.ts';

type IvrRoute = Extract<Route, { type: 'ivr' }>;

const pathOf = (keys: string) => [...keys].map(Number);

/** Every item of the number's IVR, depth first, with the keys and labels of its path (the branch filter's choices). */
export function ivrBranches(route: Route): { keys: string; labels: string[] }[] {
  if (route.type !== 'ivr') return [];
  const branches: { keys: string; labels: string[] }[] = [];
  const walk = (items: readonly MenuItem[], keys: string, labels: string[]) => {
    for (const item of items) {
      const here = { keys: `${keys}${item.key}`, labels: [...labels, item.label] };
      branches.push(here);
      if (item.action.type === 'menu') walk(item.action.menu, here.keys, here.labels);
    }
  };
  walk(route.menu, '', []);
  return branches;
}

/** The labels along a path in today's configuration; null for a key it no longer has. */
export function labelsAlong(route: IvrRoute | null, keys: string): (string | null)[] {
  const labels: (string | null)[] = [];
  let items: readonly MenuItem[] | null = route?.menu ?? null;
  for (const key of pathOf(keys)) {
    const item = items?.find((candidate) => candidate.key === key);
    labels.push(item?.label ?? null);
    items = item?.action.type === 'menu' ? item.action.menu : null;
  }
  return labels;
}

/**
 * One number's funnel rows (store/analytics-funnel.ts) as menus: each menu callers reached, with how
 * many went on to each key and how many gave up in it. A path counts as a menu when today's
 * configuration has a menu there, or when callers stopped in it or went on from it.
 */
export function funnelMenus(nodes: readonly FunnelNode[], route: Route | null): FunnelMenu[] {
  const ivr = route?.type === 'ivr' ? route : null;
  const byKeys = new Map(nodes.map((node) => [node.keys, node]));
  const children = (keys: string) => nodes.filter((node) => node.keys.length === keys.length + 1 && node.keys.startsWith(keys));
  const isMenu = (node: FunnelNode) =>
    (ivr !== null && menuAt(ivr, pathOf(node.keys)) !== null) || children(node.keys).length > 0 || node.hungUp + node.invalid + node.inMenu > 0;
  return nodes
    .filter(isMenu)
    .map((node) => ({
      keys: node.keys,
      labels: labelsAlong(ivr, node.keys),
      reached: node.reached,
      hungUp: node.hungUp,
      invalid: node.invalid,
      inMenu: node.inMenu,
      choices: children(node.keys).map((child) => ({
        key: child.keys.slice(-1),
        label: labelsAlong(ivr, child.keys).at(-1) ?? null,
        reached: child.reached,
        rings: !isMenu(byKeys.get(child.keys) ?? child),
      })),
    }));
}

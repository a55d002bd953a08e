import { useEffect, useRef } from 'preact/hooks';
import { t, uiLanguage } from '@/locales/i18n';
import { diagramOrder, parentOf, sameRef, submenuPathOf, type NodeRef, type TreeNode } from '@/models/ivr-branches';
import { getMenu, levelOf, type MenuPath } from '@/models/ivr-tree';
import type { MenuItem } from '@/models/phone-config-types';
import { Icon } from '../icon';
import type { UserOption } from './ring-fields';

/** Where the simulated caller is: the keys pressed (as nodes), and the menu waiting for a key or the node ringing. */
export interface CallerPosition {
  path: readonly NodeRef[];
  waitingAt: MenuPath | null;
  ringing: NodeRef | null;
}

export const refKey = (ref: NodeRef) => `${ref.menuPath.join('.')}:${ref.index}`;
const menuKey = (menuPath: MenuPath) => menuPath.join('.');

/**
 * The IVR tree as a diagram: each menu a card listing its keys and where each leads, submenus drawn
 * below the key that opens them. A WAI-ARIA tree: one tab stop, arrow keys move between keys (→ into
 * a submenu, ← back up), Home/End; selection follows focus; Alt+↑/↓ reorder within a menu.
 */
export function IvrDiagram({
  root,
  users,
  selected,
  onSelect,
  onReorder,
  hasErrors,
  caller,
}: {
  root: readonly MenuItem[];
  users: readonly UserOption[];
  selected: NodeRef | null;
  onSelect: (ref: NodeRef) => void;
  onReorder: (ref: NodeRef, delta: -1 | 1) => void;
  hasErrors: (ref: NodeRef) => boolean;
  caller: CallerPosition | null;
}) {
  const order = diagramOrder(root);
  const nodes = useRef(new Map<string, HTMLElement>());
  const focusPending = useRef(false);
  const tabStop = selected && order.some((node) => sameRef(node.ref, selected)) ? selected : (order[0]?.ref ?? null);

  useEffect(() => {
    if (!focusPending.current || !selected) return;
    focusPending.current = false;
    nodes.current.get(refKey(selected))?.focus();
  });

  const go = (ref: NodeRef | null | undefined) => {
    if (!ref) return;
    focusPending.current = true;
    onSelect(ref);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    // The key the admin is on: the focused one (selection may not have caught up yet).
    const focused = (event.target as HTMLElement | null)?.closest<HTMLElement>('[role="treeitem"]')?.dataset.ref;
    const at = order.findIndex((node) => (focused ? refKey(node.ref) === focused : sameRef(node.ref, tabStop)));
    const current = order[at];
    if (!current) return;
    const ref = current.ref;
    let handled = true;
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      focusPending.current = true;
      onReorder(ref, event.key === 'ArrowUp' ? -1 : 1);
    } else if (event.key === 'ArrowDown') go(order[at + 1]?.ref);
    else if (event.key === 'ArrowUp') go(order[at - 1]?.ref);
    else if (event.key === 'Home') go(order[0]?.ref);
    else if (event.key === 'End') go(order[order.length - 1]?.ref);
    else if (event.key === 'ArrowRight') go(current.item.action.type === 'menu' && current.item.action.menu.length > 0 ? { menuPath: submenuPathOf(ref), index: 0 } : null);
    else if (event.key === 'ArrowLeft') go(parentOf(ref.menuPath));
    else handled = false;
    if (handled) event.preventDefault();
  };

  const names = (ids: readonly string[]) => ids.map((id) => users.find((user) => user.id === id)?.name ?? id).join(uiLanguage.value === 'ja' ? '、' : ', ');
  const where = (item: MenuItem) => {
    if (item.action.type === 'menu') return { icon: 'submenu' as const, text: t(item.action.menu.length === 1 ? 'ivr.opensSubmenu.one' : 'ivr.opensSubmenu', { count: item.action.menu.length }) };
    const { users: ids, strategy } = item.action;
    if (ids.length === 0) return { icon: 'warning' as const, text: t('ivr.ringsNobody') };
    return { icon: 'phone' as const, text: t(strategy === 'simultaneous' ? 'ivr.ringsAll' : 'ivr.ringsInTurn', { names: names(ids) }) };
  };

  const renderKey = (node: TreeNode) => {
    const { ref, item } = node;
    const isSelected = sameRef(ref, selected);
    const onPath = caller?.path.some((step) => sameRef(step, ref)) ?? false;
    const ringing = sameRef(caller?.ringing ?? null, ref);
    const broken = hasErrors(ref);
    const target = where(item);
    const menu = getMenu(root, ref.menuPath);
    return (
      <li role="none" key={refKey(ref)}>
        <div
          role="treeitem"
          aria-label={`${t('ivr.selected', { key: item.key, label: item.label.trim() || t('ivr.untitled') })} — ${target.text}${broken ? ` — ${t('ivr.needsAttention')}` : ''}${ringing ? ` — ${t('ivr.callerHere')}` : ''}`}
          class={`yb-ivr-key${onPath ? ' yb-ivr-key--path' : ''}${ringing ? ' yb-ivr-key--caller' : ''}${broken ? ' yb-ivr-key--invalid' : ''}`}
          aria-level={node.level}
          aria-posinset={ref.index + 1}
          aria-setsize={menu.length}
          aria-selected={isSelected}
          tabIndex={sameRef(ref, tabStop) ? 0 : -1}
          data-ref={refKey(ref)}
          ref={(element) => void (element ? nodes.current.set(refKey(ref), element) : nodes.current.delete(refKey(ref)))}
          onClick={() => onSelect(ref)}
          onFocus={() => !isSelected && onSelect(ref)}
        >
          {/* Spaces between the parts, so that their words stay apart (in the text, and in the name's check against it). */}
          <span class="yb-ivr-key__digit">{item.key}</span>{' '}
          <span class="yb-ivr-key__label">{item.label.trim() || t('ivr.untitled')}</span>{' '}
          <span class="yb-ivr-key__target">
            <Icon name={target.icon} />
            {target.text}
          </span>
          {broken && (
            <span class="yb-ivr-key__flag">
              <Icon name="warning" />
              {t('ivr.needsAttention')}
            </span>
          )}
          {ringing && <CallerHere />}
        </div>
      </li>
    );
  };

  const renderMenu = (menuPath: MenuPath) => {
    const menu = getMenu(root, menuPath);
    const owner = parentOf(menuPath);
    const ownerItem = owner ? getMenu(root, owner.menuPath)[owner.index] : null;
    const title = ownerItem ? t('ivr.submenuOf', { label: ownerItem.label.trim() || t('ivr.untitled') }) : t('ivr.topMenu');
    const waiting = caller?.waitingAt !== null && caller?.waitingAt !== undefined && menuKey(caller.waitingAt) === menuKey(menuPath);
    const submenus = menu.flatMap((item, index) => (item.action.type === 'menu' ? [[...menuPath, index]] : []));
    return (
      <>
        <div
          class={`yb-ivr-card${waiting ? ' yb-ivr-card--caller' : ''}`}
          role="group"
          aria-label={`${title} — ${t('ivr.level', { level: levelOf(menuPath) })}`}
          data-menu={menuKey(menuPath)}
        >
          <p class="yb-ivr-card__title" aria-hidden="true">
            {ownerItem && <span class="yb-ivr-key__digit">{ownerItem.key}</span>}
            <span>{title}</span>
            <span class="yb-ivr-card__level">{t('ivr.level', { level: levelOf(menuPath) })}</span>
            {waiting && <CallerHere />}
          </p>
          <ul class="yb-ivr-card__keys" role="none">
            {order.filter((node) => menuKey(node.ref.menuPath) === menuKey(menuPath)).map(renderKey)}
          </ul>
        </div>
        {submenus.length > 0 && (
          <ul class="yb-ivr-children" role="none">
            {submenus.map((child) => (
              <li role="none" key={menuKey(child)}>
                {renderMenu(child)}
              </li>
            ))}
          </ul>
        )}
      </>
    );
  };

  return (
    <div class="yb-ivr-diagram" role="tree" aria-label={t('ivr.diagram')} aria-describedby="ivr-keyboard-help" onKeyDown={onKeyDown}>
      {renderMenu([])}
    </div>
  );
}

function CallerHere() {
  return (
    <span class="yb-caller-here">
      <Icon name="phone" />
      {t('ivr.callerHere')}
    </span>
  );
}

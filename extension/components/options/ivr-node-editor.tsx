import { useState } from 'preact/hooks';
import { t } from '@/locales/i18n';
import type { IncomingFormModel } from '@/models/incoming-form-model';
import { itemAt, menuTrail, moveTargets, submenuPathOf, type NodeRef } from '@/models/ivr-branches';
import { canNestBelow, freeKeys, getMenu, hasNonTextPrompt, levelOf, setActionType, updateItem, type MenuPath } from '@/models/ivr-tree';
import { MAX_MENU_ITEMS, MENU_KEYS, type MenuItem } from '@/models/phone-config-types';
import { Icon } from '../icon';
import { FormField } from './form-field';
import { RingFields, type UserOption } from './ring-fields';

/** The issue path of an item: `route.menu[1].action.menu[0]`. */
export const issuePathOf = (ref: NodeRef) => `route.menu${ref.menuPath.map((index) => `[${index}].action.menu`).join('')}[${ref.index}]`;

export interface NodeActions {
  add(menuPath: MenuPath): void;
  reorder(ref: NodeRef, delta: -1 | 1): void;
  move(ref: NodeRef, to: MenuPath): void;
  remove(ref: NodeRef): void;
}

/**
 * The selected key, edited beside the tree: key, label, what it does (ring reps, or a submenu), its
 * place (up, down, into another menu). Offers only what the server accepts: a used key cannot be
 * picked, no submenu on level 5 or while a voice message is not text, no 10th item.
 */
export function IvrNodeEditor({
  form,
  users,
  node,
  actions,
}: {
  form: IncomingFormModel;
  users: readonly UserOption[];
  node: NodeRef;
  actions: NodeActions;
}) {
  const route = form.draft.value.route;
  const root = route.type === 'ivr' ? route.menu : [];
  const item = itemAt(root, node);
  const [target, setTarget] = useState('');
  if (!item) return <p class="yb-muted">{t('ivr.noSelection')}</p>;

  const errors = form.errors.value;
  const path = issuePathOf(node);
  const menu = getMenu(root, node.menuPath);
  const available = new Set(freeKeys(menu, node.index));
  const name = item.label.trim() || t('ivr.untitled');
  const submenuBlockedBy = !canNestBelow(node.menuPath)
    ? t('ivr.maxDepth')
    : item.action.type === 'ring' && hasNonTextPrompt(form.draft.value.messages)
      ? t('ivr.textOnly')
      : null;
  const change = (patch: Partial<MenuItem>) => form.updateMenu((current) => updateItem(current, node.menuPath, node.index, patch));
  const menuName = (menuPath: MenuPath) => (menuPath.length === 0 ? t('ivr.topMenu') : menuTrail(root, menuPath).map((label) => label || t('ivr.untitled')).join(' › '));
  const targets = moveTargets(root, node);
  const chosen = targets.find((menuPath) => menuPath.join('.') === target);
  const full = menu.length >= MAX_MENU_ITEMS;

  return (
    <section class="yb-ivr-node" aria-labelledby="ivr-node-title" data-path={path}>
      <h4 id="ivr-node-title" class="yb-heading yb-ivr-node__title">
        {t('ivr.selected', { key: item.key, label: name })}
      </h4>
      <p class="yb-field__help">{t('ivr.where', { menu: menuName(node.menuPath), level: levelOf(node.menuPath) })}</p>
      <div class="yb-row yb-row--top">
        <FormField id="ivr-node-key" label={t('ivr.key')} error={errors.get(`${path}.key`)}>
          {(props) => (
            <select {...props} value={String(item.key)} onChange={(event) => change({ key: Number(event.currentTarget.value) })}>
              {MENU_KEYS.map((key) => (
                <option value={String(key)} key={key} disabled={key !== item.key && !available.has(key)}>
                  {key}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="ivr-node-label" label={t('ivr.label')} error={errors.get(`${path}.label`)}>
          {(props) => (
            <input {...props} type="text" value={item.label} placeholder={t('ivr.label.placeholder')} onInput={(event) => change({ label: event.currentTarget.value })} />
          )}
        </FormField>
      </div>
      {form.draft.value.hours && (
        <label class="yb-check-option">
          <input
            type="checkbox"
            checked={item.availability === 'in-hours'}
            onChange={(event) => {
              const { availability: _availability, ...rest } = item;
              form.updateMenu((current) =>
                updateItem(current, node.menuPath, node.index, event.currentTarget.checked ? { ...rest, availability: 'in-hours' } : { ...rest, availability: undefined }),
              );
            }}
          />
          {t('ivr.inHoursOnly')}
        </label>
      )}
      <FormField id="ivr-node-action" label={t('ivr.action')} error={errors.get(`${path}.action`) ?? errors.get(`${path}.action.menu`)} help={submenuBlockedBy ?? undefined}>
        {(props) => (
          <select
            {...props}
            value={item.action.type}
            onChange={(event) => form.updateMenu((current) => setActionType(current, node.menuPath, node.index, event.currentTarget.value === 'menu' ? 'menu' : 'ring'))}
          >
            <option value="ring">{t('ivr.action.ring')}</option>
            <option value="menu" disabled={item.action.type !== 'menu' && submenuBlockedBy !== null}>
              {t('ivr.action.menu')}
            </option>
          </select>
        )}
      </FormField>
      {item.action.type === 'ring' ? (
        <RingFields idPrefix="ivr-node" path={`${path}.action`} value={item.action} users={users} errors={errors} onChange={(action) => change({ action })} />
      ) : (
        <button type="button" class="yb-button" disabled={item.action.menu.length >= MAX_MENU_ITEMS} onClick={() => actions.add(submenuPathOf(node))}>
          <Icon name="plus" /> {t('ivr.addChild')}
        </button>
      )}

      <fieldset class="yb-fieldset yb-ivr-node__place">
        <legend>{t('ivr.arrange')}</legend>
        <div class="yb-actions">
          <button type="button" class="yb-button" aria-label={t('ivr.moveUp', { label: name })} disabled={node.index === 0} onClick={() => actions.reorder(node, -1)}>
            <Icon name="up" /> {t('ivr.up')}
          </button>
          <button type="button" class="yb-button" aria-label={t('ivr.moveDown', { label: name })} disabled={node.index === menu.length - 1} onClick={() => actions.reorder(node, 1)}>
            <Icon name="down" /> {t('ivr.down')}
          </button>
          <button type="button" class="yb-button" disabled={full} onClick={() => actions.add(node.menuPath)}>
            <Icon name="plus" /> {t('ivr.addSibling')}
          </button>
        </div>
        {targets.length > 0 ? (
          <div class="yb-row">
            <FormField id="ivr-node-move" label={t('ivr.moveTo')}>
              {(props) => (
                <select {...props} value={target} onChange={(event) => setTarget(event.currentTarget.value)}>
                  <option value="">—</option>
                  {targets.map((menuPath) => (
                    <option value={menuPath.join('.')} key={menuPath.join('.')}>
                      {menuName(menuPath)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <button
              type="button"
              class="yb-button yb-field-aligned"
              disabled={!chosen}
              onClick={() => {
                if (!chosen) return;
                setTarget('');
                actions.move(node, chosen);
              }}
            >
              <Icon name="move" /> {t('ivr.moveInto')}
            </button>
          </div>
        ) : (
          <p class="yb-field__help">{t('ivr.moveNone')}</p>
        )}
        <button type="button" class="yb-button yb-button--danger" aria-label={t('ivr.removeItem', { label: name })} onClick={() => actions.remove(node)}>
          <Icon name="remove" /> {t('common.delete')}
        </button>
      </fieldset>
    </section>
  );
}

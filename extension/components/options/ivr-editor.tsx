import { t } from '@/locales/i18n';
import type { IncomingFormModel } from '@/models/incoming-form-model';
import {
  addItem,
  canNestBelow,
  freeKeys,
  getMenu,
  hasNonTextPrompt,
  levelOf,
  moveItem,
  removeItem,
  setActionType,
  updateItem,
  type MenuPath,
} from '@/models/ivr-tree';
import { MAX_MENU_ITEMS, MENU_KEYS, type MenuItem } from '@/models/phone-config-types';
import { FormField } from './form-field';
import { RingFields, type UserOption } from './ring-fields';

const pathOf = (menuPath: MenuPath) =>
  'route.menu' + menuPath.map((index) => `[${index}].action.menu`).join('');
const idOf = (menuPath: MenuPath, index: number) => `ivr-${[...menuPath, index].join('-')}`;

/**
 * The IVR tree editor. It offers only what the server accepts: a key already used on the menu cannot be
 * picked, "Submenu" is unavailable on level 5 and while a voice message is not text, a 10th item cannot
 * be added. What still fails (locally or on the server) is shown next to its field.
 */
export function IvrEditor({ form, users }: { form: IncomingFormModel; users: readonly UserOption[] }) {
  const route = form.draft.value.route;
  if (route.type !== 'ivr') return null;
  return (
    <div class="yb-ivr">
      <MenuEditor form={form} users={users} root={route.menu} menuPath={[]} />
    </div>
  );
}

function MenuEditor({
  form,
  users,
  root,
  menuPath,
}: {
  form: IncomingFormModel;
  users: readonly UserOption[];
  root: MenuItem[];
  menuPath: MenuPath;
}) {
  const menu = getMenu(root, menuPath);
  const errors = form.errors.value;
  const menuError = errors.get(pathOf(menuPath));
  const full = menu.length >= MAX_MENU_ITEMS;
  return (
    <div class="yb-ivr__menu" role="group" aria-label={`${t('ivr.menu')} — ${t('ivr.level', { level: levelOf(menuPath) })}`}>
      <ol class="yb-ivr__items">
        {menu.map((item, index) => (
          <li key={`${index}-${item.key}`}>
            <ItemEditor form={form} users={users} root={root} menuPath={menuPath} index={index} item={item} count={menu.length} />
          </li>
        ))}
      </ol>
      {menuError && (
        <p class="yb-field__error" role="alert">
          {menuError}
        </p>
      )}
      <button
        type="button"
        class="yb-button"
        disabled={full}
        aria-describedby={full ? `${idOf(menuPath, -1)}-full` : undefined}
        onClick={() => form.updateMenu((current) => addItem(current, menuPath))}
      >
        + {t('ivr.addItem')}
      </button>
      {full && (
        <span class="yb-field__help" id={`${idOf(menuPath, -1)}-full`}>
          {t('ivr.menuFull')}
        </span>
      )}
    </div>
  );
}

function ItemEditor({
  form,
  users,
  root,
  menuPath,
  index,
  item,
  count,
}: {
  form: IncomingFormModel;
  users: readonly UserOption[];
  root: MenuItem[];
  menuPath: MenuPath;
  index: number;
  item: MenuItem;
  count: number;
}) {
  const errors = form.errors.value;
  const id = idOf(menuPath, index);
  const path = `${pathOf(menuPath)}[${index}]`;
  const menu = getMenu(root, menuPath);
  const available = new Set(freeKeys(menu, index));
  const name = item.label.trim() || t('ivr.untitled');
  const nestable = canNestBelow(menuPath);
  const textOnlyBlocks = item.action.type === 'ring' && hasNonTextPrompt(form.draft.value.messages);
  const submenuBlockedBy = !nestable ? t('ivr.maxDepth') : textOnlyBlocks ? t('ivr.textOnly') : null;
  const change = (patch: Partial<MenuItem>) => form.updateMenu((current) => updateItem(current, menuPath, index, patch));

  return (
    <fieldset class="yb-ivr__item" data-path={path}>
      <legend>
        {t('ivr.key')} {item.key}: {name}
      </legend>
      <div class="yb-ivr__row">
        <FormField id={`${id}-key`} label={t('ivr.key')} error={errors.get(`${path}.key`)}>
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
        <FormField id={`${id}-label`} label={t('ivr.label')} error={errors.get(`${path}.label`)}>
          {(props) => (
            <input
              {...props}
              type="text"
              value={item.label}
              maxLength={100}
              placeholder={t('ivr.label.placeholder')}
              onInput={(event) => change({ label: event.currentTarget.value })}
            />
          )}
        </FormField>
        <FormField
          id={`${id}-action`}
          label={t('ivr.action')}
          error={errors.get(`${path}.action`)}
          help={submenuBlockedBy ?? undefined}
        >
          {(props) => (
            <select
              {...props}
              value={item.action.type}
              onChange={(event) =>
                form.updateMenu((current) =>
                  setActionType(current, menuPath, index, event.currentTarget.value === 'menu' ? 'menu' : 'ring'),
                )
              }
            >
              <option value="ring">{t('ivr.action.ring')}</option>
              <option value="menu" disabled={item.action.type !== 'menu' && submenuBlockedBy !== null}>
                {t('ivr.action.menu')}
              </option>
            </select>
          )}
        </FormField>
      </div>
      <div class="yb-ivr__item-tools">
        <button
          type="button"
          class="yb-icon-button"
          aria-label={t('ivr.moveUp', { label: name })}
          disabled={index === 0}
          onClick={() => form.updateMenu((current) => moveItem(current, menuPath, index, -1))}
        >
          ↑
        </button>
        <button
          type="button"
          class="yb-icon-button"
          aria-label={t('ivr.moveDown', { label: name })}
          disabled={index === count - 1}
          onClick={() => form.updateMenu((current) => moveItem(current, menuPath, index, 1))}
        >
          ↓
        </button>
        <button
          type="button"
          class="yb-icon-button yb-icon-button--danger"
          aria-label={t('ivr.removeItem', { label: name })}
          onClick={() => form.updateMenu((current) => removeItem(current, menuPath, index))}
        >
          ✕
        </button>
      </div>
      {form.draft.value.hours && (
        <label class="yb-check-option">
          <input
            type="checkbox"
            checked={item.availability === 'in-hours'}
            onChange={(event) => {
              const { availability: _availability, ...rest } = item;
              form.updateMenu((current) => updateItem(current, menuPath, index, event.currentTarget.checked ? { ...rest, availability: 'in-hours' } : { ...rest, availability: undefined }));
            }}
          />
          {t('ivr.inHoursOnly')}
        </label>
      )}
      {item.action.type === 'ring' ? (
        <RingFields
          idPrefix={id}
          path={`${path}.action`}
          value={item.action}
          users={users}
          errors={errors}
          onChange={(action) => change({ action })}
        />
      ) : (
        <MenuEditor form={form} users={users} root={root} menuPath={[...menuPath, index]} />
      )}
    </fieldset>
  );
}

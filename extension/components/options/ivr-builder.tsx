import type { CountryCode } from 'libphonenumber-js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/locales/i18n';
import type { AdminApi } from '@/models/admin-api';
import type { IncomingFormModel } from '@/models/incoming-form-model';
import { diagramOrder, itemAt, menuTrail, moveBranch, nodesForKeys, parentOf, type NodeRef } from '@/models/ivr-branches';
import { addItem, getMenu, moveItem, removeItem, type MenuPath } from '@/models/ivr-tree';
import { MAX_MENU_ITEMS, type MenuItem } from '@/models/phone-config-types';
import { Icon } from '../icon';
import { IvrDiagram, type CallerPosition } from './ivr-diagram';
import { issuePathOf, IvrNodeEditor, type NodeActions } from './ivr-node-editor';
import { PreviewPanel, type PreviewPosition } from './preview-panel';
import type { UserOption } from './ring-fields';

/** What the builder needs to call the saved number through the server's real call flow. */
export interface BuilderPreview {
  api: AdminApi;
  number: string;
  language: string;
  /** Saved and unchanged since: the preview plays what is stored. */
  available: boolean;
  /** Open the preview straight away (the list's "Preview" button). */
  open?: boolean;
  /** The org's country (settings.defaultCountry), for the number in national format. */
  country?: CountryCode | undefined;
}

/**
 * The IVR builder: the tree as a diagram on one side, the selected key's editor (or the call preview,
 * which highlights where the caller is) on the other. Nothing here talks to the server except the
 * preview; edits go to the form model, which saves the whole number.
 */
export function IvrBuilder({ form, users, preview }: { form: IncomingFormModel; users: readonly UserOption[]; preview?: BuilderPreview | undefined }) {
  const route = form.draft.value.route;
  const root = route.type === 'ivr' ? route.menu : [];
  const [selected, setSelected] = useState<NodeRef | null>(root.length > 0 ? { menuPath: [], index: 0 } : null);
  const [previewing, setPreviewing] = useState(Boolean(preview?.open && preview.available));
  const [position, setPosition] = useState<PreviewPosition | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const errors = form.errors.value;
  // The editor is re-created for each selected key, taking the button just pressed with it: focus
  // goes to the new key's first field after an add, to the selected key in the tree after the rest.
  const container = useRef<HTMLDivElement>(null);
  const focusNext = useRef<'editor' | 'tree' | null>(null);
  useEffect(() => {
    const where = focusNext.current;
    focusNext.current = null;
    if (!where || !container.current) return;
    const target =
      where === 'editor'
        ? container.current.querySelector<HTMLElement>('.yb-ivr-node select, .yb-ivr-node input')
        : (container.current.querySelector<HTMLElement>('[role="treeitem"][aria-selected="true"]') ?? container.current.querySelector<HTMLElement>('.yb-ivr-builder__tree button:enabled'));
    target?.focus();
  });
  // A refused save: show the first key with a problem, unless the selected one has one.
  const submissions = form.submissions.value;
  useEffect(() => {
    if (submissions === 0 || errors.size === 0 || (selected && hasErrorsAt(errors, selected))) return;
    const broken = firstNodeWithErrors(root, errors);
    if (broken) setSelected(broken);
  }, [submissions]);
  if (route.type !== 'ivr') return null;

  const hasErrors = (ref: NodeRef) => hasErrorsAt(errors, ref);
  const current = selected && itemAt(root, selected) ? selected : null;

  const menuName = (menuPath: MenuPath) => (menuPath.length === 0 ? t('ivr.topMenu') : t('ivr.submenuOf', { label: menuTrail(root, menuPath).at(-1) || t('ivr.untitled') }));
  const actions: NodeActions = {
    add(menuPath) {
      const before = getMenu(root, menuPath).length;
      if (before >= MAX_MENU_ITEMS) return;
      form.updateMenu((menu) => addItem(menu, menuPath));
      setSelected({ menuPath, index: before });
      setNotice(null);
      focusNext.current = 'editor';
    },
    reorder(ref, delta) {
      const target = ref.index + delta;
      if (target < 0 || target >= getMenu(root, ref.menuPath).length) return;
      form.updateMenu((menu) => moveItem(menu, ref.menuPath, ref.index, delta));
      setSelected({ menuPath: ref.menuPath, index: target });
      focusNext.current = 'tree';
    },
    move(ref, to) {
      const label = itemAt(root, ref)?.label.trim() || t('ivr.untitled');
      const moved = moveBranch(root, ref, to);
      if (moved.root === root) return;
      form.updateMenu(() => moved.root);
      setSelected(moved.ref);
      focusNext.current = 'tree';
      setNotice(t('ivr.moved', { label, menu: menuName(moved.ref.menuPath), key: itemAt(moved.root, moved.ref)?.key ?? '' }));
    },
    remove(ref) {
      const siblings = getMenu(root, ref.menuPath).length;
      form.updateMenu((menu) => removeItem(menu, ref.menuPath, ref.index));
      // The neighbour takes the selection, or the item whose submenu it was.
      setSelected(siblings > 1 ? { menuPath: ref.menuPath, index: Math.max(0, ref.index - 1) } : parentOf(ref.menuPath));
      focusNext.current = 'tree';
      setNotice(null);
    },
  };

  const caller: CallerPosition | null =
    previewing && position
      ? (() => {
          const path = nodesForKeys(root, position.keys);
          const reached = path.length === position.keys.length;
          const last = path.at(-1) ?? null;
          return {
            path,
            waitingAt: position.waiting && reached ? (last ? [...last.menuPath, last.index] : []) : null,
            ringing: !position.waiting && reached ? last : null,
          };
        })()
      : null;

  return (
    <div class="yb-ivr-builder" ref={container}>
      <div class="yb-ivr-builder__tree">
        <div class="yb-actions">
          <button type="button" class="yb-button" disabled={root.length >= MAX_MENU_ITEMS} onClick={() => actions.add([])}>
            <Icon name="plus" /> {t('ivr.addToTop')}
          </button>
          {preview && !previewing && (
            <button type="button" class="yb-button yb-ivr-builder__preview" disabled={!preview.available} aria-describedby={preview.available ? undefined : 'ivr-preview-help'} onClick={() => setPreviewing(true)}>
              <Icon name="speaker" /> {t('ivr.preview')}
            </button>
          )}
        </div>
        {preview && !preview.available && (
          <p class="yb-field__help" id="ivr-preview-help">
            {t('ivr.previewNeedsSave')}
          </p>
        )}
        <p class="yb-field__help" id="ivr-keyboard-help">
          {t('ivr.keyboardHelp')}
        </p>
        {errors.get('route.menu') && (
          <p class="yb-field__error" role="alert">
            {errors.get('route.menu')}
          </p>
        )}
        {notice && (
          <p class="yb-alert yb-alert--ok" role="status">
            {notice}
          </p>
        )}
        <IvrDiagram
          root={root}
          users={users}
          selected={previewing ? null : current}
          onSelect={setSelected}
          onReorder={actions.reorder}
          hasErrors={hasErrors}
          caller={caller}
        />
      </div>
      <div class="yb-ivr-builder__side">
        {previewing && preview ? (
          <PreviewPanel api={preview.api} number={preview.number} language={preview.language} country={preview.country} onPosition={setPosition} onClose={() => setPreviewing(false)} />
        ) : current ? (
          <IvrNodeEditor key={`${current.menuPath.join('.')}:${current.index}`} form={form} users={users} node={current} actions={actions} />
        ) : (
          <p class="yb-muted">{t('ivr.noSelection')}</p>
        )}
      </div>
    </div>
  );
}

/** Problems of the item itself (its key, label, action, reps), not of the items of its submenu. */
function hasErrorsAt(errors: ReadonlyMap<string, string>, ref: NodeRef): boolean {
  const path = issuePathOf(ref);
  return [...errors.keys()].some((key) => key === path || (key.startsWith(`${path}.`) && !key.startsWith(`${path}.action.menu[`)));
}

/** The first key with a problem, in the diagram's order. */
export function firstNodeWithErrors(root: readonly MenuItem[], errors: ReadonlyMap<string, string>): NodeRef | null {
  return diagramOrder(root).find(({ ref }) => hasErrorsAt(errors, ref))?.ref ?? null;
}

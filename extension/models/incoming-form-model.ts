import { computed, signal } from '@preact/signals';
import { t, uiLanguage } from '@/locales/i18n';
import { ApiError, errorText, fieldErrorsUnder, type FieldIssue } from './api-error';
import { validateHoursAndLines } from './business-hours-form';
import { validateIvr, type TreeIssue } from './ivr-tree';
import { forgetChoices } from './remembered-choices';
import { MAX_LABEL_LENGTH, type IncomingNumber, type MenuItem } from './phone-config-types';

/** Local checks for a whole incoming number (its label, the IVR tree or the direct rep list). */
export function validateIncoming(draft: IncomingNumber): TreeIssue[] {
  const label = draft.label.trim();
  const labelIssues: TreeIssue[] =
    label.length > MAX_LABEL_LENGTH ? [{ path: 'label', key: 'form.tooLong', params: { max: MAX_LABEL_LENGTH, count: label.length } }] : [];
  const hours = validateHoursAndLines(draft);
  if (draft.route.type === 'ivr') return [...labelIssues, ...validateIvr(draft.route.menu, draft.messages), ...hours];
  return [...labelIssues, ...(draft.route.users.length === 0 ? [{ path: 'route.users', key: 'ivr.needsUsers' } as const] : []), ...hours];
}

/** The uploaded audio files a draft plays, wherever it names one (prompts, hold music, waiting lines…). */
export function audioIdsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const entry of value) audioIdsIn(entry, found);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, entry] of Object.entries(value)) {
      if (key === 'audioId' && typeof entry === 'string') {
        if (entry !== '') found.add(entry);
      } else audioIdsIn(entry, found);
    }
  }
  return found;
}

/** Problems shown as soon as they exist; a missing label or rep waits until the admin tries to save. */
const ALWAYS_SHOWN: ReadonlySet<string> = new Set(['ivr.keyTaken', 'ivr.maxDepth', 'ivr.textOnly', 'form.tooLong']);

/** The server answers for one number (`route.menu[1].label`) or for the whole document (`incoming[0].route…`). */
export function issuesForOneNumber(issues: readonly FieldIssue[]): Map<string, string> {
  return fieldErrorsUnder(issues.map((issue) => ({ ...issue, path: issue.path.replace(/^incoming\[\d+\]\.?/, '') })));
}

/**
 * One incoming number being edited: a draft, what is wrong with it (found locally, or said by the
 * server's 400), and whether it has unsaved edits. A failed save keeps the draft.
 */
export function createIncomingFormModel(initial: IncomingNumber, save: (draft: IncomingNumber) => Promise<IncomingNumber>) {
  const draft = signal(initial);
  const saved = signal(JSON.stringify(initial));
  const attempted = signal(false);
  const saving = signal(false);
  const serverIssues = signal<FieldIssue[]>([]);
  const serverFailure = signal<unknown>(null);
  /** The save's failure in the page language (worded from the server's code, so it follows a language switch). */
  const serverMessage = computed(() => (serverFailure.value === null ? null : errorText(serverFailure.value, uiLanguage.value)));
  /** Counts finished save attempts, so views can react to one (e.g. show the first problem). */
  const submissions = signal(0);

  const dirty = computed(() => JSON.stringify(draft.value) !== saved.value);
  const localIssues = computed(() => validateIncoming(draft.value));
  /** Field path → message. Duplicate keys and depth show at once; "missing" ones after a save attempt. */
  const errors = computed(() => {
    const map = issuesForOneNumber(serverIssues.value);
    for (const issue of localIssues.value) {
      const always = ALWAYS_SHOWN.has(issue.key);
      if ((always || attempted.value) && !map.has(issue.path)) map.set(issue.path, t(issue.key, issue.params));
    }
    return map;
  });

  /** A save was tried and the page's own checks stopped it: nothing went to the server. */
  const heldBack = computed(() => attempted.value && localIssues.value.length > 0);

  return {
    draft,
    dirty,
    saving,
    errors,
    serverMessage,
    heldBack,
    localIssues,
    submissions,
    update(change: (current: IncomingNumber) => IncomingNumber) {
      draft.value = change(draft.value);
    },
    updateMenu(change: (menu: MenuItem[]) => MenuItem[]) {
      const route = draft.value.route;
      if (route.type === 'ivr') draft.value = { ...draft.value, route: { ...route, menu: change(route.menu) } };
    },
    /** Resolves true when the server accepted the number. */
    async submit(): Promise<boolean> {
      attempted.value = true;
      if (localIssues.value.length > 0) {
        submissions.value += 1;
        return false;
      }
      saving.value = true;
      serverFailure.value = null;
      try {
        // What was remembered for switching back stays here: the server gets the choices made.
        const result = await save(forgetChoices(draft.value));
        draft.value = result;
        saved.value = JSON.stringify(result);
        serverIssues.value = [];
        attempted.value = false;
        return true;
      } catch (error) {
        serverIssues.value = error instanceof ApiError ? error.issues : [];
        serverFailure.value = error ?? new Error('failed');
        return false;
      } finally {
        saving.value = false;
        submissions.value += 1;
      }
    },
  };
}
export type IncomingFormModel = ReturnType<typeof createIncomingFormModel>;

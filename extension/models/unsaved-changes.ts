import { computed, signal } from '@preact/signals';

/** Which forms of the options page hold unsaved edits, so leaving (tab, page) can warn first. */
export function createUnsavedChanges() {
  const dirtyForms = signal<ReadonlySet<string>>(new Set());
  const any = computed(() => dirtyForms.value.size > 0);
  return {
    any,
    set(form: string, dirty: boolean) {
      if (dirtyForms.value.has(form) === dirty) return;
      const next = new Set(dirtyForms.value);
      if (dirty) next.add(form);
      else next.delete(form);
      dirtyForms.value = next;
    },
  };
}
export type UnsavedChanges = ReturnType<typeof createUnsavedChanges>;

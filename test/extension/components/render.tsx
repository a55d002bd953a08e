import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';

/** Renders into a fresh container in the document; queries are plain DOM. */
export function renderUi(ui: ComponentChild) {
  const container = document.createElement('div');
  document.body.append(container);
  act(() => render(ui, container));
  return {
    container,
    rerender: (next: ComponentChild) => act(() => render(next, container)),
    unmount: () => {
      act(() => render(null, container));
      container.remove();
    },
  };
}

/** The button whose text or aria-label is exactly `name`. */
export function button(root: ParentNode, name: string): HTMLButtonElement {
  const match = [...root.querySelectorAll('button')].find(
    (candidate) => candidate.getAttribute('aria-label') === name || candidate.textContent?.trim() === name,
  );
  if (!match) throw new Error(`no button named "${name}"`);
  return match;
}

/** The form control labelled `label` (by <label for> or aria-label). */
export function field<T extends HTMLElement = HTMLInputElement>(root: ParentNode, label: string): T {
  const byLabel = [...root.querySelectorAll('label')].find((candidate) => candidate.textContent?.trim() === label);
  const id = byLabel?.getAttribute('for');
  const control = id
    ? (root.querySelector(`[id="${id}"]`) as T | null)
    : (root.querySelector(`[aria-label="${label}"]`) as T | null);
  if (!control) throw new Error(`no field labelled "${label}"`);
  return control;
}

export async function click(element: HTMLElement) {
  await act(async () => {
    element.click();
  });
}

export async function type(element: HTMLInputElement | HTMLTextAreaElement, value: string) {
  await act(async () => {
    element.value = value;
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function choose(element: HTMLSelectElement, value: string) {
  await act(async () => {
    element.value = value;
    element.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

export async function flush() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

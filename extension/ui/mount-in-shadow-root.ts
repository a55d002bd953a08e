import { render, type ComponentChild } from 'preact';

export interface ShadowMount {
  shadowRoot: ShadowRoot;
  container: HTMLElement;
  update(component: ComponentChild): void;
  unmount(): void;
}

/**
 * Renders `component` inside `host`'s shadow root with `css`, so the CRM page's styles cannot reach
 * our UI and ours cannot break the page. Re-mounting on the same host reuses its shadow root.
 */
export function mountInShadowRoot(host: HTMLElement, component: ComponentChild, css: string): ShadowMount {
  const shadowRoot = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  shadowRoot.replaceChildren();
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  container.className = 'yb-root';
  shadowRoot.append(style, container);
  render(component, container);
  return {
    shadowRoot,
    container,
    update: (next) => render(next, container),
    unmount() {
      render(null, container);
      shadowRoot.replaceChildren();
    },
  };
}

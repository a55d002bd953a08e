// What the content script mounts on CRM pages (inside a shadow root).
export { mountInShadowRoot, type ShadowMount } from './mount-in-shadow-root';
export { FloatingLauncher } from './floating-launcher';
export { PageCallCard } from './page-call-card';
export { PageDialer } from './page-dialer';
export { mountPageUi, PAGE_UI_TAG, type LauncherPlace, type PageUiOptions } from './page-ui';
export { pageLink } from './page-link';
export { default as uiCss } from '@/assets/ui.css?inline';

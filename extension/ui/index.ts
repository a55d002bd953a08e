// What the content script mounts on CRM pages (inside a shadow root).
export { mountInShadowRoot, type ShadowMount } from './mount-in-shadow-root';
export { FloatingLauncher } from './floating-launcher';
export { PageCallCard } from './page-call-card';
export { default as uiCss } from '@/assets/ui.css?inline';

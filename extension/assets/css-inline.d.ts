// Vite's `?inline` import: the stylesheet as a string, for shadow roots on CRM pages.
declare module '*.css?inline' {
  const css: string;
  export default css;
}

// Plain stylesheet imports in the popup and options entrypoints (Vite injects them).
declare module '*.css';

/**
 * Line icons as inline SVG: they render the same on every machine (an emoji like 🔊 is an empty box
 * where no emoji font is installed), follow the text colour (also in forced-colours mode) and scale
 * with the text. Decorative: the text or the control's name beside them says what they mean.
 */
const PATHS = {
  speaker: 'M11 5 6 9H3v6h3l5 4V5z M15.5 8.5a5 5 0 0 1 0 7 M18.5 5.5a9 9 0 0 1 0 13',
  play: 'M7 4v16l13-8z',
  pause: 'M12 7v5l3 2 M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z',
  keypad: 'M5 4h2v2H5z M11 4h2v2h-2z M17 4h2v2h-2z M5 10h2v2H5z M11 10h2v2h-2z M17 10h2v2h-2z M5 16h2v2H5z M11 16h2v2h-2z M17 16h2v2h-2z M11 20h2v1h-2z',
  phone:
    'M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1 1 .4 1.9.7 2.8a2 2 0 0 1-.5 2.1L8 9.9a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.8.7a2 2 0 0 1 1.7 2z',
  record: 'M12 17a5 5 0 1 0 0-10 5 5 0 0 0 0 10z M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z',
  hangup: 'M3 14.5c4.9-4.6 13.1-4.6 18 0l-2.2 2.3-3.2-1.3v-2.6a10 10 0 0 0-7.2 0v2.6l-3.2 1.3z',
  check: 'M20 6 9 17l-5-5',
  todo: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z',
  up: 'M12 19V5 M5 12l7-7 7 7',
  down: 'M12 5v14 M19 12l-7 7-7-7',
  remove: 'M18 6 6 18 M6 6l12 12',
  move: 'M15 10l5 5-5 5 M4 4v7a4 4 0 0 0 4 4h12',
  plus: 'M12 5v14 M5 12h14',
  submenu: 'M6 3v12 M18 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6z M6 21a3 3 0 1 0 0-6 3 3 0 0 0 0 6z M18 9a9 9 0 0 1-9 9',
  warning: 'M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z M12 9v4 M12 17h.01',
  users: 'M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2 M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M22 21v-2a4 4 0 0 0-3-3.9 M16 3.1a4 4 0 0 1 0 7.8',
  next: 'M5 12h14 M12 5l7 7-7 7',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, class: className }: { name: IconName; class?: string }) {
  return (
    <svg
      class={`yb-icon${className ? ` ${className}` : ''}`}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
      data-icon={name}
    >
      <path d={PATHS[name]} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

// The phone configuration document's types come from the server's schema (one source of truth);
// `import type` keeps the server's code out of the bundle.
export type {
  IncomingNumber,
  Language,
  MenuAction,
  MenuItem,
  Messages,
  OutgoingAssignment,
  PhoneConfig,
  Prompt,
  RingAction,
  RingStrategy,
  Route,
  User,
} from '../../server/phone-config/schema';

/** Mirrors MAX_MENU_DEPTH / MAX_MENU_ITEMS / RING_SECONDS / MAX_LABEL_LENGTH there (a test keeps them equal). */
export const MAX_MENU_DEPTH = 5;
export const MAX_MENU_ITEMS = 9;
export const RING_SECONDS = { min: 5, max: 60, default: 20 } as const;
/** Mirrors VOICEMAIL_SECONDS there (the longest voicemail, `<Record maxLength>`). */
export const VOICEMAIL_SECONDS = { min: 10, max: 3600, default: 120 } as const;
export const MAX_LABEL_LENGTH = 100;
export const MENU_KEYS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

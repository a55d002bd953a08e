/** Every user-facing string exists in both languages; the type makes a missing one a compile error. */
export interface MessageEntry {
  readonly en: string;
  readonly ja: string;
}

/**
 * Switching a drop-down that picks a kind of value (a message format, how calls are handled, a key's
 * action) keeps what the admin built for the kind left, and gives it back when they switch back, until
 * the number is saved. Nothing is asked and nothing is lost, even when the arrow keys move through a
 * closed <select> (each step fires `change` in Chrome on Windows).
 *
 * The memory rides on the value itself under a symbol key: object spreads carry it through every later
 * edit, reorder and move of that value, and JSON — the saved configuration, the unsaved-changes check —
 * never sees it. A value that comes back from the server has none.
 */
const MEMORY = Symbol('remembered choices');

type Memory = Readonly<Record<string, unknown>>;
type WithMemory = { [MEMORY]?: Memory };

const memoryOf = (holder: object): Memory => (holder as WithMemory)[MEMORY] ?? {};

/** `value` without what it remembers (what is remembered does not remember in turn). */
function plain<T>(value: T): T {
  if (typeof value !== 'object' || value === null || !(MEMORY in value)) return value;
  const { [MEMORY]: _memory, ...rest } = value as T & WithMemory;
  return rest as T;
}

/**
 * Leaves choice `from` (its value `kept`) for choice `to`. `build` makes the new value from what was
 * remembered for `to` (undefined the first time); the result remembers `kept` and whatever `holder`
 * (the object that carried the memory so far) remembered for the other choices.
 */
export function switchChoice<R, V extends object>(
  holder: object,
  change: { from: string; kept: R; to: string },
  build: (remembered: R | undefined) => V,
): V {
  const { [change.to]: remembered, ...others } = { ...memoryOf(holder), [change.from]: plain(change.kept) };
  return { ...build(remembered as R | undefined), [MEMORY]: others };
}

/** A deep copy of `value` without anything remembered: what is saved (plain JSON data in, plain data out). */
export function forgetChoices<T>(value: T): T {
  if (Array.isArray(value)) return value.map(forgetChoices) as T;
  if (typeof value !== 'object' || value === null) return value;
  // Object.entries leaves symbol keys out.
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, forgetChoices(entry)])) as T;
}

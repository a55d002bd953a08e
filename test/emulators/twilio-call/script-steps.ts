// A script step is one value for every occurrence, a list consumed in order, or a function of the prompt.

export type Step<T, P> = T | readonly T[] | ((prompt: P) => T | Promise<T>);

export async function pickStep<T, P>(
  step: Step<T, P> | undefined,
  index: number,
  prompt: P,
  fallbacks: { readonly whenMissing: T; readonly whenExhausted: T },
): Promise<T> {
  if (step === undefined) return fallbacks.whenMissing;
  if (typeof step === 'function') return await (step as (prompt: P) => T | Promise<T>)(prompt);
  if (Array.isArray(step)) {
    const list = step as readonly T[];
    return index < list.length ? (list[index] as T) : fallbacks.whenExhausted;
  }
  return step as T;
}

import type { Preview, PreviewStep } from './admin-schemas';
import { KEYPAD_KEYS, type KeypadKey } from './keypad-keys';

/**
 * The preview of a call, as the options page plays it: each run of the server's call flow returns every
 * step from the start, so only the steps past the previous run are new (and spoken).
 */
export function newSteps(previous: Preview | null, next: Preview): PreviewStep[] {
  if (!previous) return next.steps;
  // The previous run stopped at a Gather waiting for a key; the new run repeats everything before it.
  const waitingAt = previous.steps.findLastIndex((step) => 'gather' in step && step.gather.pressed === null);
  return next.steps.slice(waitingAt >= 0 ? waitingAt : previous.steps.length);
}

/** Keys of the on-screen keypad, in the phone's layout. */
export const KEYPAD = KEYPAD_KEYS;

export const isKeypadKey = (key: string): key is KeypadKey => (KEYPAD as readonly string[]).includes(key);

/** The part of the browser's speech API the preview uses (absent in some browsers and in tests). */
export interface Speech {
  speak(utterance: SpeechSynthesisUtterance): void;
  cancel(): void;
}
export type MakeUtterance = (text: string) => SpeechSynthesisUtterance;

/** The browser's speechSynthesis, or null when the browser has none (the page then only shows the text). */
export function browserSpeech(): { speech: Speech; utterance: MakeUtterance } | null {
  const speech = (globalThis as { speechSynthesis?: Speech }).speechSynthesis;
  const Utterance = (globalThis as { SpeechSynthesisUtterance?: new (text: string) => SpeechSynthesisUtterance }).SpeechSynthesisUtterance;
  if (!speech || !Utterance) return null;
  return { speech, utterance: (text) => new Utterance(text) };
}

/**
 * Speaks the `say` steps, each in its TwiML language (the number's configured one when the step has
 * none). Earlier speech is cancelled: a key press interrupts the menu, as on a phone.
 */
export function speakSteps(steps: readonly PreviewStep[], fallbackLanguage: string, voice = browserSpeech()): number {
  if (!voice) return 0;
  voice.speech.cancel();
  let spoken = 0;
  for (const step of steps) {
    if (!('say' in step) || step.say.text.trim() === '') continue;
    const utterance = voice.utterance(step.say.text);
    utterance.lang = step.say.language || fallbackLanguage;
    voice.speech.speak(utterance);
    spoken += 1;
  }
  return spoken;
}

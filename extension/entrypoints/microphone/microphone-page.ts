import { translate, type MessageKey, type UiLanguage } from '@/locales/i18n';

/** The page's words (the dictionary keys in its `data-i18n` attributes) in the rep's language. */
export function showPageIn(document: Document, language: UiLanguage): void {
  document.documentElement.lang = language;
  document.title = translate(language, 'microphone.title');
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = translate(language, (element.dataset.i18n ?? '') as MessageKey);
  }
}

/** Asks for the microphone once, and says in `result` whether the browser now lets the extension use it. */
export async function askForMicrophone(result: HTMLElement, language: UiLanguage, mediaDevices: Pick<MediaDevices, 'getUserMedia'>): Promise<void> {
  try {
    const stream = await mediaDevices.getUserMedia({ audio: true });
    for (const track of stream.getTracks()) track.stop();
    result.dataset.result = 'granted';
    result.textContent = translate(language, 'microphone.granted');
  } catch {
    result.dataset.result = 'denied';
    result.textContent = translate(language, 'microphone.denied');
  }
}

import { browser } from 'wxt/browser';

// The one-time "allow microphone" step. Chrome shows its permission prompt only in a visible tab; the
// grant belongs to the extension's origin, so the offscreen document can then use the microphone.
const t = (key: string) => browser.i18n.getMessage(key as never) || key;

for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
  element.textContent = t(element.dataset.i18n ?? '');
}
document.documentElement.lang = browser.i18n.getUILanguage().startsWith('ja') ? 'ja' : 'en';
document.title = t('microphoneTitle');

const result = document.querySelector<HTMLElement>('#result');
const button = document.querySelector<HTMLButtonElement>('#allow');

async function askForMicrophone(): Promise<void> {
  if (!result) return;
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    for (const track of stream.getTracks()) track.stop();
    result.dataset.result = 'granted';
    result.textContent = t('microphoneGranted');
  } catch {
    result.dataset.result = 'denied';
    result.textContent = t('microphoneDenied');
  }
}

button?.addEventListener('click', () => void askForMicrophone());

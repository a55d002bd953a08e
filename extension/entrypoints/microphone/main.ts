import { pickLanguage } from '@/locales/i18n';
import { languageOverride } from '@/storage/items';
import { askForMicrophone, showPageIn } from './microphone-page';

// The one-time "allow microphone" step. Chrome shows its permission prompt only in a visible tab; the
// grant belongs to the extension's origin, so the offscreen document can then use the microphone.
async function main(): Promise<void> {
  const language = pickLanguage(navigator.language, await languageOverride.getValue());
  showPageIn(document, language);
  const result = document.querySelector<HTMLElement>('#result');
  document.querySelector('#allow')?.addEventListener('click', () => {
    if (result) void askForMicrophone(result, language, navigator.mediaDevices);
  });
}

void main();

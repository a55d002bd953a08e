import { t } from '@/locales/i18n';

export const KEYPAD_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
const LETTERS: Record<string, string> = {
  '2': 'ABC',
  '3': 'DEF',
  '4': 'GHI',
  '5': 'JKL',
  '6': 'MNO',
  '7': 'PQRS',
  '8': 'TUV',
  '9': 'WXYZ',
  '0': '+',
};

/** 0-9 * #: presses go to the number field, or as DTMF during a call. */
export function Keypad({ onPress, label = t('dialer.keypad') }: { onPress: (key: string) => void; label?: string }) {
  return (
    <div class="yb-keypad" role="group" aria-label={label}>
      {KEYPAD_KEYS.map((key) => (
        <button type="button" class="yb-keypad__key" key={key} data-key={key} onClick={() => onPress(key)}>
          <span class="yb-keypad__digit">{key}</span>
          {LETTERS[key] && (
            <span class="yb-keypad__letters" aria-hidden="true">
              {LETTERS[key]}
            </span>
          )}
        </button>
      ))}
    </div>
  );
}

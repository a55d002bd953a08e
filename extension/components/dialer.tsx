import { t } from '@/locales/i18n';
import type { DialerModel } from '@/models/dialer-model';
import { Keypad } from './keypad';
import { NumberField } from './number-field';

/** Number field, keypad and call button. `onCall` receives the E.164 number. */
export function Dialer({
  dialer,
  canDial,
  onCall,
}: {
  dialer: DialerModel;
  canDial: boolean;
  onCall: (e164: string) => void;
}) {
  const dialable = dialer.dialable.value;
  // Only complain once the rep has typed something that cannot become a number.
  const invalid = dialer.invalid.value;
  const call = () => {
    if (canDial && dialable) onCall(dialable);
  };
  return (
    <section class="yb-dialer" aria-label={t('dialer.title')}>
      <div class="yb-dialer__row">
        <NumberField display={dialer.display.value} onInput={dialer.setInput} onSubmit={call} invalid={invalid} />
        <button
          type="button"
          class="yb-icon-button"
          aria-label={t('dialer.backspace')}
          disabled={dialer.digits.value === ''}
          onClick={dialer.backspace}
        >
          ⌫
        </button>
      </div>
      <Keypad onPress={dialer.press} onPlus={dialer.pressPlus} />
      <button type="button" class="yb-button yb-button--call" disabled={!canDial || !dialable} onClick={call}>
        {t('dialer.call')}
      </button>
    </section>
  );
}

import { useEffect, useRef } from 'preact/hooks';
import { t } from '@/locales/i18n';
import { KEYPAD_KEYS } from '@/models/keypad-keys';

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

/** How long the 0 key is held for a +: a phone's long press. */
export const HOLD_FOR_PLUS_MS = 500;

/**
 * Holding a key down (mouse or touch) for `HOLD_FOR_PLUS_MS` calls `onHold` while it is still down, as a
 * phone's dialer does; the click that ends the press then types nothing more. A press let go sooner, or
 * dragged off the key, stays a plain click.
 */
function useHold(onHold: (() => void) | undefined) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const held = useRef(false);
  const stop = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => stop, []);
  if (!onHold) return { handlers: {}, swallowsClick: () => false };
  return {
    handlers: {
      onPointerDown: (event: PointerEvent) => {
        if (event.button > 0) return; // the right button opens no +
        stop();
        held.current = false;
        timer.current = setTimeout(() => {
          timer.current = null;
          held.current = true;
          onHold();
        }, HOLD_FOR_PLUS_MS);
      },
      onPointerUp: stop,
      onPointerLeave: stop,
      onPointerCancel: stop,
      // A long touch would open the context menu (or select the key's text) instead.
      onContextMenu: (event: Event) => event.preventDefault(),
      // Enter or Space on the key is a plain press, whatever a pointer did before.
      onKeyDown: () => {
        held.current = false;
      },
    },
    swallowsClick: () => {
      const swallow = held.current;
      held.current = false;
      return swallow;
    },
  };
}

/**
 * 0-9 * #: presses go to the number field, or as DTMF during a call. With `onPlus` (dialling, not DTMF,
 * which has no +), holding 0 types a + instead, and the key's name says so.
 */
export function Keypad({
  onPress,
  onPlus,
  label = t('dialer.keypad'),
}: {
  onPress: (key: string) => void;
  onPlus?: () => void;
  label?: string;
}) {
  const hold = useHold(onPlus);
  return (
    <div class="yb-keypad" role="group" aria-label={label}>
      {KEYPAD_KEYS.map((key) => {
        const plus = key === '0' && onPlus !== undefined;
        return (
          <button
            type="button"
            class="yb-keypad__key"
            key={key}
            data-key={key}
            aria-label={plus ? t('dialer.zeroOrPlus') : undefined}
            {...(plus ? hold.handlers : {})}
            onClick={() => {
              if (!(plus && hold.swallowsClick())) onPress(key);
            }}
          >
            <span class="yb-keypad__digit">{key}</span>
            {LETTERS[key] && (
              <span class="yb-keypad__letters" aria-hidden="true">
                {LETTERS[key]}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}

import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/locales/i18n';
import { clampOffset, DEFAULT_LAUNCHER_OFFSET, offsetForKey, type LauncherOffset } from '@/models/launcher-position';

function viewport() {
  return { width: window.innerWidth, height: window.innerHeight };
}

/**
 * The small floating button on CRM pages that opens the dialer. Movable by dragging its grip or with
 * the arrow keys on it; the new place goes to `onMove` (the content script stores it per site).
 */
export function FloatingLauncher({
  offset: initialOffset,
  onMove,
  onHide,
  children,
  defaultOpen = false,
}: {
  offset?: LauncherOffset | null;
  onMove: (offset: LauncherOffset) => void;
  onHide: () => void;
  /** The dialer (the same PhonePanel as the popup, compact). */
  children: ComponentChildren;
  defaultOpen?: boolean;
}) {
  const [offset, setOffset] = useState<LauncherOffset>(initialOffset ?? DEFAULT_LAUNCHER_OFFSET);
  const [open, setOpen] = useState(defaultOpen);
  const box = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number; start: LauncherOffset } | null>(null);

  const size = () => ({ width: box.current?.offsetWidth ?? 0, height: box.current?.offsetHeight ?? 0 });
  const place = (next: LauncherOffset, save: boolean) => {
    const clamped = clampOffset(next, viewport(), size());
    setOffset(clamped);
    if (save) onMove(clamped);
  };

  useEffect(() => {
    const onResize = () => setOffset((current) => clampOffset(current, viewport(), size()));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  return (
    <div class="yb-launcher" ref={box} style={{ right: `${offset.right}px`, bottom: `${offset.bottom}px` }}>
      {open && (
        <div class="yb-launcher__panel" role="dialog" aria-label={t('dialer.title')}>
          {children}
        </div>
      )}
      <div class="yb-launcher__handle">
        <button
          type="button"
          class="yb-launcher__grip"
          aria-label={t('launcher.move')}
          title={t('launcher.move')}
          onKeyDown={(event) => {
            const next = offsetForKey(offset, event.key, event.shiftKey);
            if (!next) return;
            event.preventDefault();
            place(next, true);
          }}
          onPointerDown={(event) => {
            drag.current = { x: event.clientX, y: event.clientY, start: offset };
            event.currentTarget.setPointerCapture?.(event.pointerId);
          }}
          onPointerMove={(event) => {
            const start = drag.current;
            if (!start) return;
            place({ right: start.start.right - (event.clientX - start.x), bottom: start.start.bottom - (event.clientY - start.y) }, false);
          }}
          onPointerUp={(event) => {
            const start = drag.current;
            drag.current = null;
            if (start) place({ right: start.start.right - (event.clientX - start.x), bottom: start.start.bottom - (event.clientY - start.y) }, true);
          }}
        >
          ⠿
        </button>
        <button type="button" class="yb-launcher__open" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('launcher.close') : `☎ ${t('launcher.open')}`}
        </button>
        <button type="button" class="yb-icon-button" aria-label={t('launcher.hide')} title={t('launcher.hide')} onClick={onHide}>
          ✕
        </button>
      </div>
    </div>
  );
}

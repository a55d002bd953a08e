/** Where the launcher sits: its distance in px from the viewport's right and bottom edges. */
export interface LauncherOffset {
  right: number;
  bottom: number;
}

export const DEFAULT_LAUNCHER_OFFSET: LauncherOffset = { right: 24, bottom: 24 };
const MARGIN = 4;

export interface Box {
  width: number;
  height: number;
}

/** Keeps the launcher fully on screen (after a drag, a resize, or a position saved on a bigger screen). */
export function clampOffset(offset: LauncherOffset, viewport: Box, launcher: Box): LauncherOffset {
  const maxRight = Math.max(MARGIN, viewport.width - launcher.width - MARGIN);
  const maxBottom = Math.max(MARGIN, viewport.height - launcher.height - MARGIN);
  return {
    right: Math.round(Math.min(Math.max(offset.right, MARGIN), maxRight)),
    bottom: Math.round(Math.min(Math.max(offset.bottom, MARGIN), maxBottom)),
  };
}

/** Arrow keys move by 16 px, with Shift by 64 px; anything else is not a move (null). */
export function offsetForKey(offset: LauncherOffset, key: string, shift: boolean): LauncherOffset | null {
  const step = shift ? 64 : 16;
  switch (key) {
    case 'ArrowLeft':
      return { ...offset, right: offset.right + step };
    case 'ArrowRight':
      return { ...offset, right: offset.right - step };
    case 'ArrowUp':
      return { ...offset, bottom: offset.bottom + step };
    case 'ArrowDown':
      return { ...offset, bottom: offset.bottom - step };
    default:
      return null;
  }
}

/**
 * A running or finished call's clock, the one way every screen writes it (the popup and page card, call
 * control's hold and recording-pause timers, live calls, the call log and the board): `0:42`, `12:05`,
 * `1:02:05`. The same in both languages: minutes unpadded like a phone's call timer, hours only once
 * there is one. For a length of time in words (`1分20秒` / `1 min 20 s`), see duration-text.ts.
 */
export function timerText(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

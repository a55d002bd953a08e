import type { WaitingLine } from '@/api/follow-up-schemas';
import { t, uiLanguage } from '@/locales/i18n';
import { durationText } from '@/models/duration-text';

/** 「2分15秒」 / "2 min 15 s": how long someone has waited. */
export function waitText(seconds: number): string {
  return durationText(seconds, uiLanguage.value);
}

/** 「3件 待ち · 最長 2分15秒」: callers waiting in line for this rep's numbers; nothing when the rep has no waiting line. */
export function WaitingLineIndicator({ line }: { line: WaitingLine }) {
  if (!line.enabled) return null;
  const waiting = line.count > 0;
  return (
    <p class={`yb-waiting-line${waiting ? ' yb-waiting-line--busy' : ''}`} role="status" aria-label={t('waitingLine.label')}>
      {waiting ? (
        <>
          <span class="yb-tag yb-tag--alert">{t('waitingLine.count', { count: line.count })}</span>{' '}
          <span>{t('waitingLine.longest', { wait: waitText(line.longestWaitSeconds) })}</span>
        </>
      ) : (
        <span class="yb-muted">{t('waitingLine.none')}</span>
      )}
    </p>
  );
}

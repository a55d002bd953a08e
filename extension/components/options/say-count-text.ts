import { t } from '@/locales/i18n';
import type { SayCount } from '@/models/say-count';

/** `残り 12 文字` / `12 characters left`, `Twilio で読み上げるには 30 文字長すぎます`; null when the field says nothing. */
export function sayCountText(count: SayCount | null): string | null {
  if (!count) return null;
  const one = count.count === 1;
  if (count.kind === 'over') return one ? t('voice.say.over.one') : t('voice.say.over', { count: count.count });
  return one ? t('voice.say.left.one') : t('voice.say.left', { count: count.count });
}

/** The menu sentence's count names the label it was counted with: `残り 12 文字（「営業」の場合）`. */
export function menuSentenceCountText(count: (SayCount & { label: string }) | null): string | null {
  const text = sayCountText(count);
  return count && text ? t('voice.say.withLabel', { count: text, label: count.label || t('ivr.untitled') }) : null;
}

import { signal } from '@preact/signals';
import { NOBODY_WAITING, type FollowUp, type WaitingLine } from '@/api/follow-up-schemas';
import type { BackgroundLink } from './messaging-phone-client';

/**
 * The popup's "to call back" list and the waiting-line indicator, through the background. A follow-up
 * ticked off leaves the list at once and comes back if the server refuses.
 */
export function createFollowUpsModel(link: Pick<BackgroundLink, 'send'>) {
  const followUps = signal<FollowUp[]>([]);
  const waitingLine = signal<WaitingLine>(NOBODY_WAITING);
  const loading = signal(false);
  const failed = signal(false);
  const problem = signal<'doneFailed' | 'playFailed' | null>(null);
  /** The voicemail playing now: its follow-up and a `data:` URL. */
  const playing = signal<{ id: string; url: string } | null>(null);

  return {
    followUps,
    waitingLine,
    loading,
    failed,
    problem,
    playing,
    async load(): Promise<void> {
      loading.value = true;
      failed.value = false;
      try {
        const reply = await link.send({ type: 'followUps' });
        followUps.value = reply.followUps;
        waitingLine.value = reply.waitingLine;
      } catch {
        failed.value = true;
      } finally {
        loading.value = false;
      }
    },
    async complete(id: string): Promise<void> {
      const before = followUps.value;
      followUps.value = before.filter((followUp) => followUp.id !== id);
      problem.value = null;
      try {
        await link.send({ type: 'completeFollowUp', id });
      } catch {
        followUps.value = before;
        problem.value = 'doneFailed';
      }
    },
    async play(id: string): Promise<void> {
      problem.value = null;
      try {
        const { dataUrl } = await link.send({ type: 'voicemailAudio', id });
        playing.value = { id, url: dataUrl };
      } catch {
        problem.value = 'playFailed';
      }
    },
  };
}
export type FollowUpsModel = ReturnType<typeof createFollowUpsModel>;

/** 「2分15秒」 / "2 min 15 s": how long someone has waited. */
export function waitParams(seconds: number): { key: 'duration.seconds' | 'duration.minutes'; params: { minutes: number; seconds: number } } {
  const minutes = Math.floor(seconds / 60);
  return { key: minutes === 0 ? 'duration.seconds' : 'duration.minutes', params: { minutes, seconds: seconds % 60 } };
}

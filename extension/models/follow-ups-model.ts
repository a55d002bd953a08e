import { signal } from '@preact/signals';
import { NOBODY_WAITING, type FollowUp, type WaitingLine } from '@/api/follow-up-schemas';
import type { BackgroundLink } from './messaging-phone-client';

/**
 * Where a follow-up goes back when its tick-off failed: in the server's order (due time, then id;
 * server/store/follow-ups.ts listFollowUps), among whatever the list holds by then.
 */
export function withFollowUp(list: readonly FollowUp[], item: FollowUp): FollowUp[] {
  if (list.some((followUp) => followUp.id === item.id)) return [...list];
  const key = (followUp: FollowUp) => [Date.parse(followUp.dueAt), followUp.id.length, followUp.id] as const;
  const [due, length, id] = key(item);
  const at = list.findIndex((followUp) => {
    const [otherDue, otherLength, otherId] = key(followUp);
    return otherDue > due || (otherDue === due && (otherLength > length || (otherLength === length && otherId > id)));
  });
  return at === -1 ? [...list, item] : [...list.slice(0, at), item, ...list.slice(at)];
}

/**
 * The popup's "to call back" list and the waiting-line indicator, through the background. A follow-up
 * ticked off leaves the list at once and stays out of it until a list the server made after the tick
 * landed settles it (the list refreshes every 10 s, and a refresh already on its way when the rep ticked
 * still has it); if the server refuses, it comes back with the reason (unless a list the server made
 * meanwhile no longer has it).
 */
export function createFollowUpsModel(link: Pick<BackgroundLink, 'send'>) {
  const followUps = signal<FollowUp[]>([]);
  const waitingLine = signal<WaitingLine>(NOBODY_WAITING);
  const loading = signal(false);
  const failed = signal(false);
  const problem = signal<'doneFailed' | 'playFailed' | null>(null);
  /** The voicemail playing now: its follow-up and a `data:` URL. */
  const playing = signal<{ id: string; url: string } | null>(null);
  /** Lists asked for so far; the reply of an older one never replaces a newer one's. */
  let asked = 0;
  let shown = 0;
  /**
   * Ticked off here: the item (to bring back if the server refuses) and, once the server said done, the
   * first list asked for after that, which settles it.
   */
  const ticked = new Map<string, { item: FollowUp | null; settledBy: number | null }>();

  return {
    followUps,
    waitingLine,
    loading,
    failed,
    problem,
    playing,
    async load(): Promise<void> {
      const request = ++asked;
      loading.value = true;
      failed.value = false;
      try {
        const reply = await link.send({ type: 'followUps' });
        if (request < shown) return;
        shown = request;
        for (const [id, tick] of ticked) {
          if (tick.settledBy !== null && request >= tick.settledBy) ticked.delete(id);
          // Brought back as the server last had it, should the tick fail; not at all once the server no
          // longer lists it for the rep (closed by a colleague, handed to someone else).
          else tick.item = reply.followUps.find((followUp) => followUp.id === id) ?? null;
        }
        followUps.value = reply.followUps.filter((followUp) => !ticked.has(followUp.id));
        waitingLine.value = reply.waitingLine;
      } catch {
        if (request >= shown) failed.value = true;
      } finally {
        if (request === asked) loading.value = false;
      }
    },
    async complete(id: string): Promise<void> {
      if (ticked.has(id)) return; // already on its way (a double click)
      const item = followUps.value.find((followUp) => followUp.id === id);
      ticked.set(id, { item: item ?? null, settledBy: null });
      followUps.value = followUps.value.filter((followUp) => followUp.id !== id);
      problem.value = null;
      try {
        await link.send({ type: 'completeFollowUp', id });
        const tick = ticked.get(id);
        if (tick) tick.settledBy = asked + 1;
      } catch {
        const tick = ticked.get(id);
        ticked.delete(id);
        if (tick?.item) followUps.value = withFollowUp(followUps.value, tick.item);
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

import type { Prompt } from './phone-config-types';

/**
 * Audio prompts remembered for a switch back (remembered-choices.ts) may name a file the admin
 * deleted from the library meanwhile: given back as they were, the picker would show the deleted
 * file's id and the server would refuse the save (`audio_not_found`) for a choice nobody made again.
 * Such a prompt comes back empty instead, and is named in `dropped` so the page can say why.
 */
export function withoutDeletedAudio<K extends string>(
  prompts: Partial<Record<K, Prompt | undefined>>,
  deleted: ReadonlySet<string>,
): { prompts: Partial<Record<K, Prompt | undefined>>; dropped: K[] } {
  const dropped: K[] = [];
  const kept = { ...prompts };
  for (const name of Object.keys(prompts) as K[]) {
    const prompt = prompts[name];
    if (prompt?.type === 'audio' && deleted.has(prompt.audioId)) {
      kept[name] = undefined;
      dropped.push(name);
    }
  }
  return { prompts: kept, dropped };
}

import { computed, signal } from '@preact/signals';
import { CHECK_IDS, type CheckId, type CheckResult } from './phone-state';

/** The first link that failed, in the chain's order (signed in → … → outgoing number). */
export function firstBrokenCheck(results: readonly CheckResult[]): CheckId | null {
  for (const id of CHECK_IDS) {
    if (results.find((result) => result.id === id)?.ok === false) return id;
  }
  return null;
}

/** Results in chain order; links the core did not report count as "not checked". */
export function orderedChecks(results: readonly CheckResult[]): CheckResult[] {
  return CHECK_IDS.map((id) => results.find((result) => result.id === id) ?? { id, ok: null });
}

export function createChecklistModel(runChecks: () => Promise<CheckResult[]>) {
  const results = signal<CheckResult[]>([]);
  const running = signal(false);
  const ran = signal(false);
  const broken = computed(() => firstBrokenCheck(results.value));

  return {
    results,
    running,
    ran,
    broken,
    async run() {
      running.value = true;
      try {
        results.value = orderedChecks(await runChecks());
      } finally {
        running.value = false;
        ran.value = true;
      }
    },
  };
}
export type ChecklistModel = ReturnType<typeof createChecklistModel>;

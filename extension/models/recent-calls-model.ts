import { signal } from '@preact/signals';
import { sortRecentCalls, type CallLogApi, type CallLogEntry } from './call-log-entry';

export function createRecentCallsModel(api: Pick<CallLogApi, 'listCalls'>, limit = 20) {
  const calls = signal<CallLogEntry[]>([]);
  const loading = signal(false);
  const failed = signal(false);

  return {
    calls,
    loading,
    failed,
    async load() {
      loading.value = true;
      failed.value = false;
      try {
        const page = await api.listCalls({ limit });
        calls.value = sortRecentCalls(page.calls);
      } catch {
        failed.value = true;
      } finally {
        loading.value = false;
      }
    },
  };
}
export type RecentCallsModel = ReturnType<typeof createRecentCallsModel>;

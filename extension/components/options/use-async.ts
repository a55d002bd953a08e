import { useCallback, useEffect, useState } from 'preact/hooks';
import { uiLanguage } from '@/locales/i18n';
import { errorText } from '@/models/api-error';

/**
 * Loads data for a section; `reload` after a change. The failure is kept, not its text, so that its
 * sentence follows the page language.
 */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[] = []) {
  const [data, setData] = useState<T | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const reload = useCallback(async () => {
    setLoading(true);
    setFailure(null);
    try {
      setData(await load());
    } catch (caught) {
      setFailure(caught ?? new Error('failed'));
    } finally {
      setLoading(false);
    }
  }, deps);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error: failure === null ? null : messageOf(failure), failure, loading, reload, setData };
}

/** The text to show for a failure, in the page language (from the code the server gave). */
export function messageOf(failure: unknown): string {
  return errorText(failure, uiLanguage.value);
}

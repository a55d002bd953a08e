/**
 * The server URL as a person types it → the base every API path (`/api/...`) goes under.
 * People often paste the API's own address (`https://phone.example.jp/api`); the paths already
 * start with `/api`, so that suffix is dropped (and the page says so). A path before it stays: a
 * server behind a reverse proxy may live under `/yobidashi`. Query and fragment are dropped.
 */
export interface ServerUrl {
  url: string;
  /** The typed URL ended in `/api` (or `/api/`), which was removed. */
  droppedApiSuffix: boolean;
}

export function normaliseServerUrl(input: string): ServerUrl | null {
  const typed = input.trim();
  if (!/^https?:\/\/[^/]/i.test(typed)) return null;
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    return null;
  }
  let path = url.pathname.replace(/\/+$/, '');
  const droppedApiSuffix = /\/api$/i.test(path);
  if (droppedApiSuffix) path = path.replace(/\/api$/i, '').replace(/\/+$/, '');
  return { url: `${url.origin}${path}`, droppedApiSuffix };
}

/** The base for API requests from a stored URL (one saved before normalisation included). */
export function apiBase(serverUrl: string): string {
  return normaliseServerUrl(serverUrl)?.url ?? serverUrl.replace(/\/+$/, '');
}

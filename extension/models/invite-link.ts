/**
 * Invitation links as the server's admins hand them out: `<server>/invite#yi_<token>` (server/routes/invites.ts).
 * The server is everything before `/invite`, so a server behind a path prefix works too; the token sits in
 * the fragment, so it never reaches a server log.
 */

export const INVITE_TOKEN_PATTERN = /^yi_[\w-]{43}$/;

export interface InviteLink {
  serverUrl: string;
  token: string;
}

export function inviteLink(serverUrl: string, token: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/invite#${token}`;
}

/** The server and token of a pasted link; null when the text is not one (trimmed; nothing else allowed). */
export function parseInviteLink(text: string): InviteLink | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const token = url.hash.slice(1);
  const prefix = url.pathname.match(/^(.*)\/invite\/?$/)?.[1];
  if (prefix === undefined || !INVITE_TOKEN_PATTERN.test(token) || url.search) return null;
  return { serverUrl: `${url.origin}${prefix}`, token };
}

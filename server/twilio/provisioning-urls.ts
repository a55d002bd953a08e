/** The webhook URLs this server asks Twilio to call; the routes live in server/routes (voice helper). */
export type ServerWebhookUrls = { voice: string; outgoing: string; fallback: string; status: string };

export function serverWebhookUrls(publicUrl: string): ServerWebhookUrls {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    voice: `${base}/twilio/voice`,
    outgoing: `${base}/twilio/voice/outgoing`,
    fallback: `${base}/twilio/voice/fallback`,
    status: `${base}/twilio/status`,
  };
}

/**
 * The Voice URLs that mean "this server" for one number: today's, and the one we set on it when we
 * connected it (`pointedAt`, stored on its row). They differ once PUBLIC_URL changed (a new domain, a
 * new tunnel): the number still points at our old address, and is still ours to give back. Only what
 * we set counts, not any URL ending in `/twilio/voice` — another Yobidashi (staging, a colleague's
 * tunnel) has the same path.
 */
export function ourVoiceUrls(publicUrl: string, pointedAt?: string | null): string[] {
  const current = serverWebhookUrls(publicUrl).voice;
  return pointedAt && pointedAt !== current ? [current, pointedAt] : [current];
}

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

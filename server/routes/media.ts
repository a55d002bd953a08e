import { Hono } from 'hono';
import type { AppDeps } from '../http/deps.ts';
import { readAudio } from '../services/audio-service.ts';

/**
 * `/media/:id`: uploaded audio for Twilio's `<Play>`. Public on purpose (Twilio fetches it without
 * credentials); the 128-bit random id is what protects it. Content never changes under an id, so
 * Twilio and any cache may keep it. An upload only has to start like audio (an ID3 tag), so it may
 * carry HTML after it: a browser opening the URL downloads it (attachment) and, if it ever rendered
 * it, would run it in a sandbox with no script and an opaque origin.
 */
export function mediaRoutes(deps: AppDeps) {
  return new Hono().get('/:id', async (c) => {
    const audio = await readAudio(deps, c.req.param('id'));
    if (!audio) return c.text('Not found', 404, { 'Cache-Control': 'no-store' });
    return c.body(new Uint8Array(audio.data), 200, {
      'Content-Type': audio.contentType,
      'Content-Length': String(audio.data.byteLength),
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': 'attachment',
      'Content-Security-Policy': "sandbox; default-src 'none'",
    });
  });
}

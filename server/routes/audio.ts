import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Context } from 'hono';
import { requireAdmin } from '../http/auth.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { apiError } from '../http/errors.ts';
import { deleteAudio, listAudio, MAX_AUDIO_BYTES, storeAudio, tooLarge } from '../services/audio-service.ts';

// Room for the multipart envelope around a file of the maximum size; the file itself is checked exactly.
const MULTIPART_OVERHEAD = 64 * 1024;

/** The uploaded file: the `file` field of a multipart form, or the raw body (`?name=` names it). */
async function uploadedFile(c: Context<AppEnv>): Promise<{ bytes: Uint8Array; name: string }> {
  const type = c.req.header('Content-Type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    // A body that is not the multipart form it claims to be holds no file either.
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const file = form['file'];
    if (!(file instanceof File)) throw apiError('audio_missing');
    return { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name };
  }
  return { bytes: new Uint8Array(await c.req.arrayBuffer()), name: c.req.query('name') ?? '' };
}

/** `/api/audio`: uploads for audio prompts (mp3/wav, checked by content, 5 MB at most). Admins only. */
export function audioRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(requireAdmin(deps))
    .get('/', async (c) => c.json({ files: await listAudio(deps) }))
    .post(
      '/',
      bodyLimit({
        maxSize: MAX_AUDIO_BYTES + MULTIPART_OVERHEAD,
        onError: () => {
          throw tooLarge();
        },
      }),
      async (c) => c.json(await storeAudio(deps, await uploadedFile(c)), 201),
    )
    .delete('/:id', async (c) => {
      await deleteAudio(deps, c.req.param('id'));
      return c.body(null, 204);
    });
}

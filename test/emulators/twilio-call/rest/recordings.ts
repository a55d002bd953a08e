// Recordings: Fetch, Delete, and the media (`.mp3`, `.wav`, or no extension = wav) — what the
// server's recording download and deletion use. Recordings this emulator did not make are left to
// the fallback (the provisioning fake), if one is mounted.

import type { Hono } from 'hono';
import { mp3Bytes, wavBytes } from '../recordings.ts';
import type { World } from '../world.ts';
import type { RestEnv } from './context.ts';
import { recordingJson } from './json.ts';
import { unmatched } from './unmatched.ts';

export function recordingRoutes(api: Hono<RestEnv>, world: World): void {
  api.get('/Recordings/:file', (c) => {
    const [, sid, extension] = /^(RE[0-9a-fA-F]{32})(?:\.(json|mp3|wav))?$/.exec(c.req.param('file')) ?? [];
    const recording = sid ? world.recordings.get(sid) : undefined;
    if (!recording) return unmatched(c);
    if (extension === 'json') return c.json(recordingJson(recording));
    return extension === 'mp3'
      ? c.body(mp3Bytes().slice().buffer, 200, { 'Content-Type': 'audio/mpeg' })
      : c.body(wavBytes().slice().buffer, 200, { 'Content-Type': 'audio/x-wav' });
  });

  api.delete('/Recordings/:file', (c) => {
    const sid = c.req.param('file').replace(/\.json$/, '');
    return world.recordings.delete(sid) ? c.body(null, 204) : unmatched(c);
  });
}
